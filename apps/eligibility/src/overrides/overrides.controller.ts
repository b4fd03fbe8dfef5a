import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { CreateOverrideDto, RevokeOverrideDto } from './dto/create-override.dto.js';
import { OverridesService } from './overrides.service.js';

@ApiTags('overrides')
@ApiBearerAuth()
@Controller()
export class OverridesController {
  constructor(private readonly overrides: OverridesService) {}

  @Post('households/:householdId/overrides')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'Stops a household (ineligible), or waives named rules for it (eligible; never consent, withdrawal or the destination area), with a reason; eligible overrides expire',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
    @Body() body: CreateOverrideDto,
  ): ReturnType<OverridesService['create']> {
    return this.overrides.create(user, householdId, body);
  }

  @Get('households/:householdId/overrides')
  @Roles('caseworker', 'supervisor', 'admin')
  history(
    @CurrentUser() user: AuthUser,
    @Param('householdId', new ParseUUIDPipe()) householdId: string,
  ): ReturnType<OverridesService['historyOf']> {
    return this.overrides.historyOf(user, householdId);
  }

  @Get('overrides')
  @Roles('supervisor', 'admin')
  @ApiQuery({ name: 'campId', required: false })
  @ApiOperation({ summary: 'Overrides in force in your camps' })
  inForce(@CurrentUser() user: AuthUser, @Query('campId') campId?: string): ReturnType<OverridesService['inForce']> {
    return this.overrides.inForce(user, campId);
  }

  @Post('overrides/:overrideId/revoke')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('overrideId', new ParseUUIDPipe()) overrideId: string,
    @Body() body: RevokeOverrideDto,
  ): ReturnType<OverridesService['revoke']> {
    return this.overrides.revoke(user, overrideId, body.reason);
  }
}
