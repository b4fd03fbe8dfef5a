import { Injectable } from '@nestjs/common';
import type { EventEnvelope, HouseholdErasedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { OverridesRepository } from '../overrides/overrides.repository.js';

/**
 * household.erased: eligibility holds no names, phones or documents, but the free text supervisors wrote
 * about the household (override and revocation reasons, also copied in the audit details) may name
 * people: blanked. The overrides themselves (outcome, dates, who) stay, as do assessments and counts.
 */
@Injectable()
export class ErasureService {
  constructor(
    private readonly inbox: Inbox,
    private readonly overrides: OverridesRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async erased(event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    const { householdId } = event.data;
    await this.inbox.process(event, async (manager) => {
      await this.overrides.blankReasons(manager, householdId);
      await this.audit.dropReasons(manager, householdId);
    });
  }
}
