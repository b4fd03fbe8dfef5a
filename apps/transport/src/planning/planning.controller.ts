import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { RateLimit } from '@awda/bootstrap';
import { PoolQueryDto } from './dto/pool-query.dto.js';
import { ProposePlanDto } from './dto/plan.dto.js';
import type { CommittedPlan } from './plan-commit.js';
import { PlanningService, type PlanProposal, type PoolHousehold } from './planning.service.js';

@ApiTags('planning')
@ApiBearerAuth()
@Controller()
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  @Post('plans')
  @Roles('logistics')
  propose(@CurrentUser() user: AuthUser, @Body() dto: ProposePlanDto): Promise<PlanProposal> {
    return this.planning.propose(user, dto);
  }

  @Get('plans/:planId')
  @Roles('logistics', 'supervisor')
  get(@CurrentUser() user: AuthUser, @Param('planId', ParseUUIDPipe) planId: string): Promise<PlanProposal> {
    return this.planning.get(user, planId);
  }

  @Post('plans/:planId/commit')
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @HttpCode(200)
  @Roles('logistics')
  commit(@CurrentUser() user: AuthUser, @Param('planId', ParseUUIDPipe) planId: string): Promise<CommittedPlan> {
    return this.planning.commit(user, planId);
  }

  @Get('pool')
  @Roles('logistics', 'supervisor')
  pool(@CurrentUser() user: AuthUser, @Query() query: PoolQueryDto): Promise<PoolHousehold[]> {
    return this.planning.pool(user, query.campId);
  }
}
