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
import { SURVEY_HELP_TEMPLATE, SURVEY_QUESTIONS, type TemplateKey, type TemplateOverrides } from '@awda/sms-text';
import { CLOCK, type Clock } from '../clock.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import { SurveyService } from '../conversations/survey.service.js';
import { NotificationsConfig } from '../config.js';
import { RecipientsRepository, type RecipientRow } from '../recipients/recipients.repository.js';
import { composeMessage } from '../templates/message-text.js';
import { TemplatesService } from '../templates/templates.service.js';
import { ConvoysRepository } from './convoys.repository.js';
import {
  STATUS_TEMPLATES,
  TRAVEL_TEMPLATES,
  WITHDRAWAL_CANCELS,
  assessmentParams,
  assessmentSeen,
  assessmentTemplate,
  departureInstant,
  pendingSignature,
  scheduleIntents,
  unscheduledTemplate,
  type MessageIntent,
  type MessageParams,
} from './message-plan.js';
import { MessagesRepository, type Cause, type CancelledMessage } from './messages.repository.js';
import { smsMetrics } from './sms.metrics.js';

const SURVEY_TEMPLATES: readonly TemplateKey[] = [...SURVEY_QUESTIONS.map((q) => q.template), SURVEY_HELP_TEMPLATE];

/**
 * Turns registration, eligibility and transport events into the projection and the messages they
 * cause, in the inbox transaction: a redelivered event changes nothing and sends nothing.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly inbox: Inbox,
    private readonly store: MessagesRepository,
    private readonly recipients: RecipientsRepository,
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
    private readonly config: NotificationsConfig,
    private readonly templates: TemplatesService,
    private readonly conversations: ConversationsService,
    private readonly survey: SurveyService,
    private readonly conversationRows: ConversationsRepository,
    private readonly convoys: ConvoysRepository,
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
      await this.recipients.setWithdrawn(manager, householdId, event.data.version);
      await this.store.cancelQueued(manager, householdId, WITHDRAWAL_CANCELS, 'household withdrawn', { reason: 'withdrawn' });
      await this.conversations.closeSeat(manager, householdId);
      // A follow-up survey planned or under way stops too, with its questions still queued.
      await this.conversationRows.closeSurvey(manager, householdId, this.clock.now());
      await this.store.cancelQueued(manager, householdId, SURVEY_TEMPLATES, 'household withdrawn', { reason: 'withdrawn' });
    });
  }

  /**
   * A status message waits SMS_SETTLE_SECONDS (a row due later, released by the dispatcher: it
   * survives a restart); a newer assessment supersedes the one still waiting, which is never sent.
   */
  async assessed(event: EventEnvelope<HouseholdAssessedV1>): Promise<void> {
    const assessment = event.data;
    let superseded: { messages: number; segments: number } = { messages: 0, segments: 0 };
    await this.inbox.process(event, async (manager) => {
      const recipient = await this.recipients.lock(manager, assessment.householdId, assessment.campId);
      if (assessment.assessmentVersion <= recipient.assessment_version || recipient.withdrawn) return;
      const signature = assessment.status === 'pending' ? pendingSignature(assessment.reasons) : null;
      await this.recipients.setAssessment(manager, assessment.householdId, assessment.assessmentVersion, assessment.status, signature);
      // A newer assessment makes one still waiting wrong: the family hears only the latest.
      const overrides = await this.templates.overrides(manager);
      const cancelled = await this.store.cancelQueued(manager, assessment.householdId, STATUS_TEMPLATES, 'superseded by a newer assessment', {
        reason: 'superseded',
        segmentsOf: (message) => this.segmentsOf(message, recipient, overrides),
      });
      superseded = { messages: cancelled.length, segments: cancelled.reduce((sum, m) => sum + (m.segments ?? 0), 0) };
      // Compared with what the family was told (or is about to be), not with an assessment it never heard of.
      const told = await this.store.lastAssessmentTold(manager, assessment.householdId, STATUS_TEMPLATES);
      const template = assessmentTemplate(assessment, assessmentSeen(told));
      if (!template) return;
      const dueAt = new Date(this.clock.now().getTime() + this.config.SMS_SETTLE_SECONDS * 1000);
      await this.create(manager, assessment.householdId, assessment.campId, event, [
        { template, params: assessmentParams(assessment), dueAt, expiresAt: null, convoyId: null },
      ]);
    });
    // Counted once committed (a batch rolled back and run again would count it twice).
    if (superseded.messages > 0) {
      await this.inbox.afterCommit(() => {
        smsMetrics.superseded.inc(superseded.messages);
        smsMetrics.supersededSegments.inc(superseded.segments);
      });
    }
  }

  /** What a message would have cost: its text in the family's language now (null when it cannot be rendered). */
  private segmentsOf(message: CancelledMessage, recipient: RecipientRow, overrides: TemplateOverrides): number | null {
    try {
      return composeMessage(message.template, message.params as MessageParams, { caseNumber: recipient.case_number, language: recipient.language }, overrides).segments;
    } catch {
      return null;
    }
  }

  async scheduled(event: EventEnvelope<HouseholdScheduledV1>): Promise<void> {
    const schedule = event.data;
    await this.inbox.process(event, async (manager) => {
      const recipient = await this.recipients.lock(manager, schedule.householdId, schedule.campId);
      if (schedule.scheduleVersion <= recipient.schedule_version) return;
      await this.recipients.setSchedule(manager, schedule.householdId, schedule.scheduleVersion, schedule.convoyId, schedule.destinationArea);
      await this.convoys.remember(manager, schedule.convoyId, schedule.departureDate, schedule.departureTime);
      await this.store.cancelQueued(manager, schedule.householdId, TRAVEL_TEMPLATES, 'rescheduled', { reason: 'superseded' });
      await this.conversations.closeSeat(manager, schedule.householdId);
      if (recipient.withdrawn) return;
      const intents = scheduleIntents(schedule, this.clock.now(), { reminderTime: this.config.SMS_REMINDER_TIME, timeZone: this.config.SMS_TIMEZONE });
      await this.create(manager, schedule.householdId, schedule.campId, event, intents);
      await this.conversations.askSeat(manager, recipient, {
        householdId: schedule.householdId,
        campId: schedule.campId,
        convoyId: schedule.convoyId,
        causeEventId: event.id,
        departureAt: departureInstant(schedule.departsAt, schedule.departureDate, schedule.departureTime, this.config.SMS_TIMEZONE),
        departureDate: schedule.departureDate,
      });
    });
  }

  async unscheduled(event: EventEnvelope<HouseholdUnscheduledV1>): Promise<void> {
    const change = event.data;
    await this.inbox.process(event, async (manager) => {
      const recipient = await this.recipients.lock(manager, change.householdId, change.campId);
      if (change.scheduleVersion <= recipient.schedule_version) return;
      await this.recipients.setSchedule(manager, change.householdId, change.scheduleVersion, null);
      await this.store.cancelQueued(manager, change.householdId, TRAVEL_TEMPLATES, `unscheduled: ${change.reason}`, {
        reason: change.reason === 'withdrawn' ? 'withdrawn' : 'superseded',
        convoyId: change.convoyId,
      });
      await this.conversations.closeSeat(manager, change.householdId);
      const template = unscheduledTemplate(change);
      if (!template || recipient.withdrawn) return;
      // "Do not come" is pointless once the convoy has gone. A no-show is recorded at boarding or at
      // departure: its message is about the next date, and would otherwise expire as it is created.
      const expiresAt = change.reason === 'no_show' ? null : await this.departureOf(manager, change.convoyId, change.departsAt);
      await this.create(manager, change.householdId, change.campId, event, [{ ...this.now(template), expiresAt, convoyId: change.convoyId }]);
    });
  }

  async convoyConfirmed(event: EventEnvelope<ConvoyConfirmedV1>): Promise<void> {
    await this.inbox.process(event, (manager) =>
      this.convoys.remember(manager, event.data.convoyId, event.data.departureDate, event.data.departureTime),
    );
  }

  async convoyCancelled(event: EventEnvelope<ConvoyCancelledV1>): Promise<void> {
    const { convoyId, campId, householdIds, departsAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      const departureDate = (await this.convoys.find(manager, convoyId))?.departure_date;
      const expiresAt = await this.departureOf(manager, convoyId, departsAt);
      for (const householdId of householdIds) {
        const recipient = await this.recipients.lock(manager, householdId, campId);
        await this.store.cancelQueued(manager, householdId, TRAVEL_TEMPLATES, 'convoy cancelled', { reason: 'superseded', convoyId });
        await this.conversations.closeSeat(manager, householdId);
        // The contract carries no date: without a known one the template cannot be filled.
        if (departureDate && !recipient.withdrawn) {
          await this.create(manager, householdId, campId, event, [{ ...this.now('convoy_cancelled', { departureDate }), expiresAt, convoyId }]);
        }
      }
    });
  }

  /** The departure a message is about: the event's instant, else the convoy's date and time in the camp's zone, else unknown. */
  private async departureOf(manager: EntityManager, convoyId: string, departsAt: string | undefined): Promise<Date | null> {
    if (departsAt) return new Date(departsAt);
    const convoy = await this.convoys.find(manager, convoyId);
    return convoy ? departureInstant(undefined, convoy.departure_date, convoy.departure_time, this.config.SMS_TIMEZONE) : null;
  }

  async convoyDeparted(event: EventEnvelope<ConvoyDepartedV1>): Promise<void> {
    const { convoyId, campId, boarded, noShows } = event.data;
    await this.inbox.process(event, async (manager) => {
      for (const { householdId } of [...boarded, ...noShows]) {
        // The departure replaces what was still to say before it (the boarded left; a no-show is told its own message).
        await this.store.cancelQueued(manager, householdId, TRAVEL_TEMPLATES, 'convoy departed', { reason: 'superseded', convoyId });
        await this.conversations.closeSeat(manager, householdId);
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
        if (!recipient.withdrawn && !recipient.opted_out) {
          await this.conversations.askArrival(manager, recipient, event.data.convoyId, event.id, new Date(event.data.arrivedAt));
          // The follow-up survey of the same arrival, asked SURVEY_AFTER_WEEKS later (the sweeper starts it).
          await this.survey.schedule(manager, recipient, event.data.convoyId, event.id, new Date(event.data.arrivedAt));
        }
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
