import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldCipher, FieldDecryptionError, LookupHasher } from '@awda/auth';
import type {
  ContactChangedV1,
  ConvoyArrivedV1,
  ConvoyCancelledV1,
  ConvoyConfirmedV1,
  ConvoyDepartedV1,
  EventEnvelope,
  HouseholdAssessedV1,
  HouseholdRegisteredV1,
  HouseholdScheduledV1,
  HouseholdUnscheduledV1,
  HouseholdUpdatedV1,
  HouseholdWithdrawnV1,
} from '@awda/contracts';
import { Inbox, PermanentEventError } from '@awda/messaging';
import { readPhone } from '@awda/phone';
import type { TemplateKey } from '@awda/sms-text';
import { CLOCK, type Clock } from '../clock.js';
import { NotificationsConfig } from '../config.js';
import { RecipientsRepository } from '../recipients/recipients.repository.js';
import {
  TRAVEL_TEMPLATES,
  WITHDRAWAL_CANCELS,
  assessmentParams,
  assessmentTemplate,
  pendingSignature,
  scheduleIntents,
  unscheduledTemplate,
  type MessageIntent,
  type MessageParams,
} from './message-plan.js';
import { MessageStore, type Cause } from './message.store.js';

/**
 * Turns registration, eligibility and transport events into the projection and the messages they
 * cause, in the inbox transaction: a redelivered event changes nothing and sends nothing.
 */
@Injectable()
export class HouseholdEventsService {
  constructor(
    private readonly inbox: Inbox,
    private readonly store: MessageStore,
    private readonly recipients: RecipientsRepository,
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
    private readonly config: NotificationsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async registered(event: EventEnvelope<HouseholdRegisteredV1>): Promise<void> {
    const { household } = event.data;
    await this.inbox.process(event, async (manager) => {
      await this.recipients.lock(manager, household.householdId, household.campId);
      await this.recipients.applySnapshot(manager, household);
      await this.create(manager, household.householdId, household.campId, event, [this.now('registered')]);
    });
  }

  async updated(event: EventEnvelope<HouseholdUpdatedV1>): Promise<void> {
    const { household } = event.data;
    await this.inbox.process(event, async (manager) => {
      await this.recipients.lock(manager, household.householdId, household.campId);
      await this.recipients.applySnapshot(manager, household);
    });
  }

  async contactChanged(event: EventEnvelope<ContactChangedV1>): Promise<void> {
    const contact = event.data;
    const phoneHash = contact.phoneEncrypted === null ? null : this.hasher.hash(this.decryptPhone(contact));
    await this.inbox.process(event, async (manager) => {
      await this.recipients.lock(manager, contact.householdId, contact.campId);
      await this.recipients.applyContact(manager, contact, phoneHash);
    });
  }

  async withdrawn(event: EventEnvelope<HouseholdWithdrawnV1>): Promise<void> {
    const { householdId, campId } = event.data;
    await this.inbox.process(event, async (manager) => {
      await this.recipients.lock(manager, householdId, campId);
      await this.recipients.setWithdrawn(manager, householdId);
      await this.store.cancelQueued(manager, householdId, WITHDRAWAL_CANCELS, 'household withdrawn');
    });
  }

  async assessed(event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    const assessment = event.data;
    await this.inbox.process(event, async (manager) => {
      const recipient = await this.recipients.lock(manager, assessment.householdId, assessment.campId);
      if (assessment.assessmentVersion <= recipient.assessment_version || recipient.withdrawn) return;
      const template = assessmentTemplate(assessment, { status: recipient.assessment_status, signature: recipient.assessment_signature });
      const signature = assessment.status === 'pending' ? pendingSignature(assessment.reasons) : null;
      await this.recipients.setAssessment(manager, assessment.householdId, assessment.assessmentVersion, assessment.status, signature);
      // A newer assessment makes a queued older one wrong: tell the family only the latest.
      await this.store.cancelQueued(manager, assessment.householdId, ['assessed_pending', 'assessed_eligible'], 'superseded by a newer assessment');
      if (template) await this.create(manager, assessment.householdId, assessment.campId, event, [this.now(template, assessmentParams(assessment))]);
    });
  }

  async scheduled(event: EventEnvelope<HouseholdScheduledV1>): Promise<void> {
    const schedule = event.data;
    await this.inbox.process(event, async (manager) => {
      const recipient = await this.recipients.lock(manager, schedule.householdId, schedule.campId);
      if (schedule.scheduleVersion <= recipient.schedule_version) return;
      await this.recipients.setSchedule(manager, schedule.householdId, schedule.scheduleVersion, schedule.convoyId, schedule.destinationArea);
      await this.rememberConvoy(manager, schedule.convoyId, schedule.departureDate, schedule.departureTime);
      await this.store.cancelQueued(manager, schedule.householdId, TRAVEL_TEMPLATES, 'rescheduled');
      if (recipient.withdrawn) return;
      const intents = scheduleIntents(schedule, this.clock.now(), { reminderTime: this.config.SMS_REMINDER_TIME, timeZone: this.config.SMS_TIMEZONE });
      await this.create(manager, schedule.householdId, schedule.campId, event, intents);
    });
  }

  async unscheduled(event: EventEnvelope<HouseholdUnscheduledV1>): Promise<void> {
    const change = event.data;
    await this.inbox.process(event, async (manager) => {
      const recipient = await this.recipients.lock(manager, change.householdId, change.campId);
      if (change.scheduleVersion <= recipient.schedule_version) return;
      await this.recipients.setSchedule(manager, change.householdId, change.scheduleVersion, null);
      await this.store.cancelQueued(manager, change.householdId, TRAVEL_TEMPLATES, `unscheduled: ${change.reason}`, change.convoyId);
      const template = unscheduledTemplate(change);
      if (template && !recipient.withdrawn) await this.create(manager, change.householdId, change.campId, event, [this.now(template)]);
    });
  }

  async convoyConfirmed(event: EventEnvelope<ConvoyConfirmedV1>): Promise<void> {
    await this.inbox.process(event, (manager) =>
      this.rememberConvoy(manager, event.data.convoyId, event.data.departureDate, event.data.departureTime),
    );
  }

  async convoyCancelled(event: EventEnvelope<ConvoyCancelledV1>): Promise<void> {
    const { convoyId, campId, householdIds } = event.data;
    await this.inbox.process(event, async (manager) => {
      const convoys: { departure_date: string }[] = await manager.query(`SELECT departure_date FROM convoys WHERE convoy_id = $1`, [convoyId]);
      const departureDate = convoys[0]?.departure_date;
      for (const householdId of householdIds) {
        const recipient = await this.recipients.lock(manager, householdId, campId);
        await this.store.cancelQueued(manager, householdId, TRAVEL_TEMPLATES, 'convoy cancelled', convoyId);
        // The contract carries no date: without a known one the template cannot be filled.
        if (departureDate && !recipient.withdrawn) {
          await this.create(manager, householdId, campId, event, [this.now('convoy_cancelled', { departureDate })]);
        }
      }
    });
  }

  async convoyDeparted(event: EventEnvelope<ConvoyDepartedV1>): Promise<void> {
    const { convoyId, campId, boarded, noShows } = event.data;
    await this.inbox.process(event, async (manager) => {
      for (const { householdId } of [...boarded, ...noShows]) {
        await this.store.cancelQueued(manager, householdId, TRAVEL_TEMPLATES, 'convoy departed', convoyId);
      }
      for (const { householdId } of boarded) {
        const recipient = await this.recipients.lock(manager, householdId, campId);
        await this.create(manager, householdId, campId, event, [this.now('departed', this.destination(recipient.destination_area))]);
      }
    });
  }

  async convoyArrived(event: EventEnvelope<ConvoyArrivedV1>): Promise<void> {
    const { campId, householdIds } = event.data;
    await this.inbox.process(event, async (manager) => {
      for (const householdId of householdIds) {
        const recipient = await this.recipients.lock(manager, householdId, campId);
        await this.create(manager, householdId, campId, event, [this.now('arrived', this.destination(recipient.destination_area))]);
      }
    });
  }

  private destination(area: string | null): MessageParams {
    return area ? { destination: area } : {};
  }

  private now(template: TemplateKey, params: MessageParams = {}): MessageIntent {
    return { template, params, dueAt: this.clock.now(), expiresAt: null, convoyId: null };
  }

  private create(manager: EntityManager, householdId: string, campId: string, event: EventEnvelope, intents: MessageIntent[]): Promise<number> {
    const cause: Cause = { eventId: event.id, subject: event.type };
    return this.store.create(manager, householdId, campId, cause, intents);
  }

  /**
   * Up to 240 households' schedules name the same convoy and are handled in parallel. An upsert
   * (ON CONFLICT DO UPDATE) locks the convoy's row even when nothing changes, until the handler's
   * transaction ends: every household of a convoy then waited for the one before it (pipeline bench:
   * 379 ms per call on average). The row is written, and so locked, only when it is new or its date
   * or time really changes.
   */
  private async rememberConvoy(manager: EntityManager, convoyId: string, date: string, time: string): Promise<void> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO convoys (convoy_id, departure_date, departure_time) VALUES ($1, $2, $3) ON CONFLICT (convoy_id) DO NOTHING RETURNING convoy_id`,
      [convoyId, date, time],
    );
    if (inserted.length > 0) return;
    // Its own statement, so that it sees a row another transaction inserted since the one above began.
    await manager.query(
      `UPDATE convoys SET departure_date = $2, departure_time = $3
       WHERE convoy_id = $1 AND (departure_date, departure_time) IS DISTINCT FROM ($2::text, $3::text)`,
      [convoyId, date, time],
    );
  }

  // The phone is decrypted only to derive its lookup hash; it stays encrypted at rest. Any number that
  // exists gets its hash (a STOP from it is matched); whether it can get SMS is checked at dispatch.
  private decryptPhone(contact: ContactChangedV1): string {
    try {
      const reading = readPhone(this.cipher.decrypt(contact.phoneEncrypted ?? '', contact.householdId));
      if (!reading.ok) throw new PermanentEventError(`contact of ${contact.householdId}: the phone is not a phone number`);
      return reading.phone.e164;
    } catch (error) {
      if (error instanceof FieldDecryptionError) throw new PermanentEventError(`contact of ${contact.householdId}: ${error.message}`);
      throw error;
    }
  }
}
