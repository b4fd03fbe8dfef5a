import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { RateLimit } from '@awda/bootstrap';
import { CommitPlanDto } from './dto/commit-plan.dto.js';
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
  @ApiOperation({
    summary: 'Proposes convoys for a camp and date from the eligible pool (a dry run: nothing is booked)',
    description:
      'A date before today in the camps’ time zone (CAMP_TIME_ZONE) is refused: 422 TRANSPORT.DATE_IN_PAST (also at commit). ' +
      'Each family’s belongings take 0.5 + 0.1 truck share per person (0.5 to 2); cargo amounts are in truck shares.',
  })
  @Roles('logistics')
  propose(@CurrentUser() user: AuthUser, @Body() dto: ProposePlanDto): Promise<PlanProposal> {
    return this.planning.propose(user, dto);
  }

  @Get('plans/:planId')
  @ApiOperation({ summary: 'A plan proposal' })
  @Roles('logistics', 'supervisor')
  get(@CurrentUser() user: AuthUser, @Param('planId', ParseUUIDPipe) planId: string): Promise<PlanProposal> {
    return this.planning.get(user, planId);
  }

  @Post('plans/:planId/commit')
  @ApiOperation({
    summary: 'Books a proposal: convoys created and families scheduled',
    description:
      'The body may move families to another bus of their own convoy and take families out of the plan. ' +
      'Edits that break a rule: 422 TRANSPORT.PLAN_EDIT_* with details.field and details.errors; ' +
      'families or vehicles changed since the dry run: 409 TRANSPORT.PLAN_STALE.',
  })
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @HttpCode(200)
  @Roles('logistics')
  commit(@CurrentUser() user: AuthUser, @Param('planId', ParseUUIDPipe) planId: string, @Body() dto: CommitPlanDto): Promise<CommittedPlan> {
    return this.planning.commit(user, planId, dto);
  }

  @Get('pool')
  @ApiOperation({ summary: 'Eligible families of a camp without a seat, highest priority first' })
  @Roles('logistics', 'supervisor')
  pool(@CurrentUser() user: AuthUser, @Query() query: PoolQueryDto): Promise<PoolHousehold[]> {
    return this.planning.pool(user, query.campId);
  }
}
