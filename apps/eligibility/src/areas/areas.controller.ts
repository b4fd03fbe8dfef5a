import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { AreasService } from './areas.service.js';
import { SetAreaStatusDto } from './dto/set-area-status.dto.js';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'Areas that are not simply open, and changes scheduled for later; a status holds every place inside the area (a destination takes the strictest status on its chain), any other known area is open',
  })
  list(): ReturnType<AreasService['list']> {
    return this.areas.list();
  }

  @Put(':code/status')
  @Roles('admin')
  @ApiOperation({ summary: 'Opens, closes or restricts an area (any level), now or from a date; re-evaluates the households bound for it or any place inside it' })
  setStatus(
    @CurrentUser() user: AuthUser,
    @Param('code') code: string,
    @Body() body: SetAreaStatusDto,
  ): ReturnType<AreasService['requestStatus']> {
    return this.areas.requestStatus(user, code, body);
  }
}
