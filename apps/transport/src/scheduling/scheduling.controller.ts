import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { RateLimit } from '@awda/bootstrap';
import { AssignHouseholdDto, MoveHouseholdDto, SeatViewDto } from './dto/seat.dto.js';
import { SchedulingService, type SeatView } from './scheduling.service.js';

@ApiTags('seats')
@ApiBearerAuth()
@Controller()
export class SchedulingController {
  constructor(private readonly scheduling: SchedulingService) {}

  @Post('convoys/:convoyId/assignments')
  @ApiOperation({ summary: 'Gives a family seats on a convoy (a bus with room, or the one named; several buses of the convoy for a family larger than one)' })
  @ApiOkResponse({ type: SeatViewDto })
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @Roles('logistics')
  assign(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: AssignHouseholdDto): Promise<SeatView> {
    return this.scheduling.assign(user, convoyId, dto);
  }

  @Post('households/:householdId/move')
  @ApiOperation({ summary: 'Moves a family to another convoy or bus' })
  @ApiOkResponse({ type: SeatViewDto })
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @HttpCode(200)
  @Roles('logistics')
  move(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string, @Body() dto: MoveHouseholdDto): Promise<SeatView> {
    return this.scheduling.move(user, householdId, dto);
  }

  @Post('households/:householdId/unassign')
  @ApiOperation({ summary: 'Takes a family off its convoy (back to the pool)' })
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @HttpCode(200)
  @Roles('logistics')
  unassign(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string): Promise<{ householdId: string; scheduled: false }> {
    return this.scheduling.unassign(user, householdId);
  }

  @Get('households/:householdId/seat')
  @ApiOperation({ summary: 'The convoy, vehicles and seats of a family (case workers too, for the households of their camps; audited)' })
  @ApiOkResponse({ type: SeatViewDto })
  @Roles('logistics', 'supervisor', 'caseworker')
  seat(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string): Promise<SeatView> {
    return this.scheduling.seat(user, householdId);
  }
}
