import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { ConvoyView } from '../convoys/convoy-view.js';
import { BoardingService, type CheckInView } from './boarding.service.js';
import { CheckInDto, NoShowDto } from './dto/boarding.dto.js';

@ApiTags('boarding')
@ApiBearerAuth()
@Controller('convoys/:convoyId')
@Roles('logistics')
export class BoardingController {
  constructor(private readonly boarding: BoardingService) {}

  @Post('check-ins')
  @HttpCode(200)
  checkIn(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: CheckInDto): Promise<CheckInView> {
    return this.boarding.checkIn(user, convoyId, dto);
  }

  @Post('no-shows')
  @HttpCode(200)
  noShow(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: NoShowDto): Promise<ConvoyView> {
    return this.boarding.noShow(user, convoyId, dto);
  }

  @Post('depart')
  @HttpCode(200)
  depart(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string): Promise<ConvoyView> {
    return this.boarding.depart(user, convoyId);
  }

  @Post('arrive')
  @HttpCode(200)
  arrive(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string): Promise<ConvoyView> {
    return this.boarding.arrive(user, convoyId);
  }
}
