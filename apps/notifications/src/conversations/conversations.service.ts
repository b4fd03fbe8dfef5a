import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FieldCipher, canAccessCamp, type AuthUser } from '@awda/auth';
import { ARRIVAL_REPORTED_V1, SEAT_CONFIRMED_V1, SEAT_DECLINED_V1, SEAT_UNANSWERED_V1, type ArrivalOutcome } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { SURVEY_HELP_TEMPLATE, matchReply, type OpenConversation, type ReplyAnswer } from '@awda/sms-text';
import { CLOCK, type Clock } from '../clock.js';
import { NotificationsConfig, hasQuietHours } from '../config.js';
import { beforeQuiet } from '../dispatch/quiet-hours.js';
import type { MessageIntent, MessageParams } from '../messages/message-plan.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import { NOTIFICATIONS_ERRORS, refusal } from '../notifications.errors.js';
import type { RecipientRow } from '../recipients/recipients.repository.js';
import { ConversationsRepository, type ConversationOutcome, type ConversationRow } from './conversations.repository.js';
import { SurveyService } from './survey.service.js';

const HOUR_MS = 3_600_000;
/** The questions of a seat confirmation: a new schedule, an unscheduling or a departure cancels those still queued. */
export const SEAT_QUESTION_TEMPLATES = ['seat_question', 'seat_reminder'] as const;

export interface SeatQuestion {
  householdId: string;
  campId: string;
  convoyId: string;
  causeEventId: string;
  departureAt: Date;
  departureDate: string;
}

/** What an inbound reply did, for the webhook's answer and the logs (no text, no phone). */
export type ReplyEffect = 'answered' | 'unrecognised' | 'late' | 'no_conversation';

/**
 * Questions families answer by SMS. Matching is the pure `matchReply` (STOP/START first, then the case
 * number, else the soonest departure); every state change is guarded by `state = 'open'` on a locked
 * row, so a reply and the expiry sweep never both apply. The deadline wins: a reply processed at or after
 * `expires_at` is kept as `late` and changes nothing, even if the sweep has not run yet.
 */
@Injectable()
export class ConversationsService {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly conversations: ConversationsRepository,
    private readonly store: MessagesRepository,
    private readonly outbox: Outbox,
    private readonly cipher: FieldCipher,
    private readonly config: NotificationsConfig,
    private readonly survey: SurveyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Asks a scheduled family to confirm (1) or give up this date (2) until SEAT_CONFIRM_DEADLINE_HOURS
   * before departure, with one reminder SEAT_REMINDER_HOURS before the deadline. A family scheduled after
   * that deadline has half the time left to departure; one opted out or without a phone is not asked.
   */
  async askSeat(manager: EntityManager, recipient: RecipientRow, seat: SeatQuestion): Promise<ConversationRow | null> {
    const now = this.clock.now();
    if (recipient.opted_out || recipient.withdrawn || !recipient.phone_hash || seat.departureAt.getTime() <= now.getTime()) return null;
    const regular = seat.departureAt.getTime() - this.config.SEAT_CONFIRM_DEADLINE_HOURS * HOUR_MS;
    // Scheduled after the regular deadline (a seat released to the waiting list, a late plan): asked all the
    // same, with half the time left before departure and no reminder.
    const deadline = new Date(regular > now.getTime() ? regular : now.getTime() + (seat.departureAt.getTime() - now.getTime()) / 2);
    const conversation = await this.conversations.open(manager, {
      householdId: seat.householdId,
      campId: seat.campId,
      purpose: 'seat_confirmation',
      convoyId: seat.convoyId,
      causeEventId: seat.causeEventId,
      departureAt: seat.departureAt,
      expiresAt: deadline,
      openedAt: now,
    });
    if (!conversation) return null;
    const params: MessageParams = { departureDate: seat.departureDate };
    // After the scheduled message (same instant would leave their order to the dispatcher).
    const intents: MessageIntent[] = [
      { template: 'seat_question', params, dueAt: new Date(now.getTime() + 1000), expiresAt: deadline, convoyId: seat.convoyId },
    ];
    // A reminder due in quiet hours would be held past the deadline: it goes the evening before instead.
    const wanted = new Date(deadline.getTime() - this.config.SEAT_REMINDER_HOURS * HOUR_MS);
    const remindAt = hasQuietHours(this.config)
      ? beforeQuiet(wanted, { start: this.config.SMS_QUIET_START, end: this.config.SMS_QUIET_END, timeZone: this.config.SMS_TIMEZONE })
      : wanted;
    if (remindAt.getTime() > now.getTime() + 1000) {
      intents.push({ template: 'seat_reminder', params, dueAt: remindAt, expiresAt: deadline, convoyId: seat.convoyId });
    }
    await this.questions(manager, conversation, intents);
    return conversation;
  }

  /** "Did you arrive safely?" to a household whose convoy arrived; silence for ARRIVAL_CHECK_HOURS raises a flag. */
  async askArrival(manager: EntityManager, recipient: RecipientRow, convoyId: string, causeEventId: string, arrivedAt: Date): Promise<void> {
    const now = this.clock.now();
    const conversation = await this.conversations.open(manager, {
      householdId: recipient.household_id,
      campId: recipient.camp_id,
      purpose: 'arrival_check',
      convoyId,
      causeEventId,
      departureAt: arrivedAt,
      expiresAt: new Date(now.getTime() + this.config.ARRIVAL_CHECK_HOURS * HOUR_MS),
      openedAt: now,
    });
    if (!conversation) return;
    await this.questions(manager, conversation, [
      { template: 'arrival_question', params: {}, dueAt: new Date(now.getTime() + 1000), expiresAt: conversation.expires_at, convoyId },
    ]);
  }

  /** The household's seat question is moot (rescheduled, unscheduled, withdrawn, departed): closed, nothing published. */
  async closeSeat(manager: EntityManager, householdId: string): Promise<void> {
    await this.conversations.closeOpen(manager, householdId, this.clock.now(), 'seat_confirmation');
  }

  /**
   * A reply (not STOP/START) from a phone that reaches these households (locked by the caller). Kept
   * encrypted for case workers whatever it says; applied only when it is exactly an answer.
   */
  async onReply(manager: EntityManager, inboundSmsId: string, households: readonly RecipientRow[], text: string): Promise<ReplyEffect> {
    const now = this.clock.now();
    const open = await this.conversations.lockOpen(manager, households.map((h) => h.household_id));
    const byHousehold = new Map(households.map((h) => [h.household_id, h]));
    const choices = await this.survey.choices(manager, open);
    const candidates: OpenConversation[] = open.map((c) => ({
      conversationId: c.id,
      householdId: c.household_id,
      caseNumber: byHousehold.get(c.household_id)?.case_number ?? '',
      purpose: c.purpose,
      departureAt: c.departure_at ? new Date(c.departure_at).toISOString() : null,
      openedAt: new Date(c.opened_at).toISOString(),
      choices: choices.get(c.id),
    }));
    const match = matchReply(text, candidates);
    const keep = (householdId: string, campId: string, conversationId: string | null, outcome: 'answer' | 'unrecognised' | 'late' | 'no_conversation', answer: number | null) =>
      this.conversations.keepReply(manager, {
        inboundSmsId,
        householdId,
        campId,
        conversationId,
        outcome,
        answer,
        textEncrypted: this.cipher.encrypt(text, householdId),
        receivedAt: now,
      });
    if (match.kind === 'keyword' || match.kind === 'no_conversation') {
      for (const household of households) await keep(household.household_id, household.camp_id, null, 'no_conversation', null);
      return 'no_conversation';
    }
    const conversation = open.find((c) => c.id === match.conversation.conversationId);
    if (!conversation) return 'no_conversation';
    if (new Date(conversation.expires_at).getTime() <= now.getTime()) {
      await keep(conversation.household_id, conversation.camp_id, conversation.id, 'late', match.kind === 'answer' ? match.answer : null);
      this.logger.log(`reply to conversation ${conversation.id} after its deadline: kept, not applied`);
      return 'late';
    }
    if (match.kind === 'unrecognised') {
      await keep(conversation.household_id, conversation.camp_id, conversation.id, 'unrecognised', null);
      if (await this.conversations.markHelpSent(manager, conversation.id)) {
        const template = conversation.purpose === 'follow_up_survey' ? SURVEY_HELP_TEMPLATE : 'reply_help';
        await this.questions(manager, conversation, [{ template, params: {}, dueAt: now, expiresAt: conversation.expires_at, convoyId: conversation.convoy_id }]);
      }
      return 'unrecognised';
    }
    await keep(conversation.household_id, conversation.camp_id, conversation.id, 'answer', match.answer);
    await this.apply(manager, conversation, match.answer, now);
    return 'answered';
  }

  private async apply(manager: EntityManager, conversation: ConversationRow, answer: ReplyAnswer, at: Date): Promise<void> {
    const base = { householdId: conversation.household_id, campId: conversation.camp_id, conversationId: conversation.id, at: at.toISOString() };
    const convoyId = conversation.convoy_id ?? '';
    if (conversation.purpose === 'follow_up_survey') {
      await this.survey.answer(manager, conversation, answer, at);
      return;
    }
    if (conversation.purpose === 'seat_confirmation') {
      const outcome: ConversationOutcome = answer === 1 ? 'confirmed' : 'declined';
      await this.conversations.answer(manager, conversation.id, answer, outcome, at, null);
      await this.store.cancelQueued(manager, conversation.household_id, ['seat_reminder', 'reply_help'], `seat ${outcome} by reply`, { reason: 'superseded' });
      await this.outbox.enqueue(manager, answer === 1 ? SEAT_CONFIRMED_V1 : SEAT_DECLINED_V1, { ...base, convoyId });
    } else {
      const outcome: ArrivalOutcome = answer === 1 ? 'safe' : 'needs_help';
      await this.conversations.answer(manager, conversation.id, answer, outcome, at, outcome === 'needs_help' ? 'needs_help' : null);
      await this.outbox.enqueue(manager, ARRIVAL_REPORTED_V1, { ...base, convoyId, outcome });
    }
    this.logger.log(`conversation ${conversation.id} (${conversation.purpose}) of household ${conversation.household_id} answered ${answer}`);
  }

  /** Ends the conversations past their expiry, a batch at a time; returns how many. */
  async expireDue(manager: EntityManager, limit = 50): Promise<number> {
    const now = this.clock.now();
    const due = await this.conversations.claimExpired(manager, now, limit);
    for (const conversation of due) {
      const base = { householdId: conversation.household_id, campId: conversation.camp_id, conversationId: conversation.id, at: now.toISOString(), convoyId: conversation.convoy_id ?? '' };
      if (conversation.purpose === 'seat_confirmation') {
        // Transport applies the convoy's policy: release the seat, or keep it and flag (the default).
        await this.conversations.expire(manager, conversation.id, 'unanswered', now, null);
        await this.outbox.enqueue(manager, SEAT_UNANSWERED_V1, base);
      } else if (conversation.purpose === 'arrival_check') {
        await this.conversations.expire(manager, conversation.id, 'no_answer', now, 'no_answer');
        await this.outbox.enqueue(manager, ARRIVAL_REPORTED_V1, { ...base, outcome: 'no_answer' });
      } else {
        await this.survey.expire(manager, conversation, now);
      }
    }
    return due.length;
  }

  /** A case worker has followed the flag up: it leaves the work list; who, when and the note (encrypted) are kept (audited). */
  async clearFlag(user: AuthUser, conversationId: string, note: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.conversations.lockFlagged(manager, conversationId);
      if (!row || !canAccessCamp(user, row.camp_id)) {
        if (row) this.logger.warn(`audit: ${user.sub} refused to clear the flag of conversation ${conversationId} (camp ${row.camp_id})`);
        throw refusal(NOTIFICATIONS_ERRORS.CONVERSATION_NOT_FOUND, 'There is no flagged conversation with this id.', 404);
      }
      const noteEncrypted = note === undefined ? null : this.cipher.encrypt(note, row.household_id);
      const cleared = await this.conversations.clearFlag(manager, conversationId, user.sub, this.clock.now(), noteEncrypted);
      if (!cleared) throw refusal(NOTIFICATIONS_ERRORS.FLAG_ALREADY_CLEARED, 'This flag was already cleared.', 409);
      this.logger.log(`audit: ${user.sub} cleared the follow-up flag of conversation ${conversationId} of household ${row.household_id}`);
    });
  }

  private async questions(manager: EntityManager, conversation: ConversationRow, intents: MessageIntent[]): Promise<void> {
    // The conversation is the cause: each question goes once per (household, conversation, template).
    await this.store.create(manager, conversation.household_id, conversation.camp_id, { eventId: conversation.id, subject: `conversation.${conversation.purpose}` }, intents);
  }
}
