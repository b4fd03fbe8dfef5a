import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, SmsOutcomeReason, SmsStatusChangedV1 } from '@awda/contracts';
import { Inbox } from '@awda/messaging';
import { HouseholdChanges } from '../households/household-changes.js';
import { HouseholdsRepository } from '../households/households.repository.js';

/**
 * Outcomes that leave a family uninformed, so staff call it: no phone, STOP, too late, the provider
 * failed. A message replaced by a newer one (superseded) or stopped by the family's withdrawal is not news.
 */
export const NOT_INFORMED_REASONS: readonly SmsOutcomeReason[] = ['no_phone', 'opted_out', 'expired', 'provider_failed'];
/** Final statuses of a message that did not go; `cancelled` is a decision (withdrawn, replaced), not a miss. */
const NOT_SENT: readonly SmsStatusChangedV1['status'][] = ['expired', 'failed', 'suppressed'];

/**
 * Puts the SMS that never reached a family on its timeline ("not informed: no phone"), from
 * notifications' SmsStatusChangedV1. Each event once (inbox); a malformed one is dead-lettered by the
 * consumer's contract check before it gets here.
 */
@Injectable()
export class SmsOutcomesService {
  private readonly logger = new Logger(SmsOutcomesService.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
  ) {}

  async statusChanged(event: EventEnvelope<SmsStatusChangedV1>): Promise<void> {
    const e = event.data;
    const reason = e.reason ?? null;
    if (reason === null || !NOT_INFORMED_REASONS.includes(reason) || !NOT_SENT.includes(e.status)) return;
    await this.inbox.process(event, async (manager) => {
      const household = await this.store.find(manager, e.householdId, false);
      if (household === undefined) {
        this.logger.warn(`${event.type} ${event.id} for unknown household ${e.householdId}`);
        return;
      }
      await this.changes.timeline(
        manager,
        e.householdId,
        'not_informed',
        null,
        'system:notifications',
        [],
        { messageId: e.messageId, template: e.template, status: e.status, reason },
        new Date(e.at),
      );
    });
  }
}
