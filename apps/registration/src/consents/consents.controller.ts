import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RateLimit } from '@awda/bootstrap';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { ConsentPolicy } from '@awda/contracts';
import type { Request } from 'express';
import { IdempotencyInTransaction, IdempotencyInterceptor, idempotencyClaimOf } from '../common/idempotency.interceptor.js';
import { ConsentPolicyDto, RecordConsentDto } from './consent.dto.js';
import { ConsentsService, type ConsentEntry, type ConsentOutcome } from './consents.service.js';
import { RecordGuardianConsentDto } from './guardian-consent.dto.js';
import { GuardianConsentsService, type GuardianConsentEntry, type GuardianConsentOutcome } from './guardian-consents.service.js';

@ApiTags('consents')
@ApiBearerAuth()
@Controller()
@Roles('caseworker', 'supervisor', 'admin')
@UseInterceptors(IdempotencyInterceptor)
export class ConsentsController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly guardianConsents: GuardianConsentsService,
  ) {}

  @Post('households/:id/consents')
  @IdempotencyInTransaction()
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @ApiOperation({ summary: 'Record one adult’s decision: consent, decline or withdraw' })
  record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordConsentDto,
    @Req() req: Request,
  ): Promise<ConsentOutcome> {
    return this.consents.record(user, id, dto, idempotencyClaimOf(req));
  }

  @Get('households/:id/consents')
  @ApiOperation({ summary: 'Every recorded decision of the household’s adults' })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConsentEntry[]> {
    return this.consents.list(user, id);
  }

  @Post('households/:id/guardian-consents')
  @IdempotencyInTransaction()
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @ApiOperation({
    summary: 'For a household with no adult: record its guardian’s decision, or a best-interests decision (case workers and supervisors)',
  })
  recordGuardian(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordGuardianConsentDto,
    @Req() req: Request,
  ): Promise<GuardianConsentOutcome> {
    return this.guardianConsents.record(user, id, dto, idempotencyClaimOf(req));
  }

  @Get('households/:id/guardian-consents')
  @ApiOperation({ summary: 'Every guardian consent and best-interests decision recorded for the household' })
  listGuardian(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<GuardianConsentEntry[]> {
    return this.guardianConsents.list(user, id);
  }

  @Get('camps/:campId/consent-policy')
  @ApiOperation({ summary: 'Whose consent a household needs in this camp' })
  policy(@CurrentUser() user: AuthUser, @Param('campId') campId: string): Promise<{ campId: string; policy: ConsentPolicy }> {
    return this.consents.policy(user, campId);
  }

  @Put('camps/:campId/consent-policy')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Set the camp’s consent policy: each_adult (default) or head_only' })
  setPolicy(
    @CurrentUser() user: AuthUser,
    @Param('campId') campId: string,
    @Body() dto: ConsentPolicyDto,
  ): Promise<{ campId: string; policy: ConsentPolicy; households: number }> {
    return this.consents.setPolicy(user, campId, dto.policy);
  }
}
