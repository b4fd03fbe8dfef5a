import { Controller, Injectable, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { HOUSEHOLD_ERASED_V1, type EventEnvelope, type HouseholdErasedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';

/**
 * household.erased: eligibility holds no names, phones or documents, but the free text supervisors wrote
 * about the household (override and revocation reasons, also copied in the audit details) may name
 * people: blanked. The overrides themselves (outcome, dates, who) stay, as do assessments and counts.
 */
@Injectable()
export class EligibilityErasure {
  constructor(private readonly inbox: Inbox) {}

  async erased(event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    const { householdId } = event.data;
    await this.inbox.process(event, async (manager) => {
      await manager.query(
        `UPDATE overrides SET reason = '', revoke_reason = CASE WHEN revoke_reason IS NULL THEN NULL ELSE '' END WHERE household_id = $1`,
        [householdId],
      );
      await manager.query(`UPDATE audit_log SET details = details - 'reason' WHERE household_id = $1 AND details ? 'reason'`, [householdId]);
    });
  }
}

@Controller()
export class EligibilityErasureEvents {
  constructor(private readonly erasure: EligibilityErasure) {}

  @EventPattern<string>(HOUSEHOLD_ERASED_V1)
  onErased(@Payload() event: EventEnvelope<HouseholdErasedV1>): Promise<void> {
    return this.erasure.erased(event);
  }
}

@Module({ controllers: [EligibilityErasureEvents], providers: [EligibilityErasure] })
export class PrivacyModule {}
