import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { EraseHouseholdDto, ErasureView } from './erasure.dto.js';
import { ErasureService } from './erasure.service.js';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('households')
export class PrivacyController {
  constructor(private readonly erasure: ErasureService) {}

  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Erase a household's personal data everywhere (administrators; the reason is audited, never the data)" })
  erase(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EraseHouseholdDto): Promise<ErasureView> {
    return this.erasure.erase(user, id, dto.reason);
  }
}
