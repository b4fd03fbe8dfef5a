import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SURVEY_ANSWERED_V1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { DEFAULT_CHOICES, SURVEY_HELP_TEMPLATE, nextSurveyQuestion, type ReplyAnswer, type SurveyQuestion } from '@awda/sms-text';
import { CLOCK, type Clock } from '../clock.js';
import { NotificationsConfig, surveyDelayMs } from '../config.js';
import { MessagesRepository } from '../messages/messages.repository.js';
import { RecipientsRepository, type RecipientRow } from '../recipients/recipients.repository.js';
import { ConversationsRepository, type ConversationRow } from './conversations.repository.js';

const HOUR_MS = 3_600_000;

/**
 * The follow-up survey: scheduled when the convoy's arrival is recorded, asked SURVEY_AFTER_WEEKS later
 * (SURVEY_DELAY_SECONDS in tests and the demo), one question after another; each answer is kept per
 * household and published as `survey.answered` (question code and digit only). Each question is a
 * message caused by the conversation, so it is sent once per (household, conversation).
 */
@Injectable()
export class SurveyService {
  private readonly logger = new Logger(SurveyService.name);

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly recipients: RecipientsRepository,
    private readonly store: MessagesRepository,
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Creates the household's survey for this arrival (once per arrival event); not for a family opted out or withdrawn. */
  async schedule(manager: EntityManager, recipient: RecipientRow, convoyId: string, causeEventId: string, arrivedAt: Date): Promise<void> {
    const delay = surveyDelayMs(this.config);
    if (delay === null || recipient.opted_out || recipient.withdrawn) return;
    const now = this.clock.now();
    const asksAt = new Date(arrivedAt.getTime() + delay);
    await this.conversations.schedule(manager, {
      householdId: recipient.household_id,
      campId: recipient.camp_id,
      purpose: 'follow_up_survey',
      convoyId,
      causeEventId,
      departureAt: null,
      // Replaced when the survey starts.
      expiresAt: new Date(asksAt.getTime() + this.config.SURVEY_ANSWER_HOURS * HOUR_MS),
      openedAt: now,
      asksAt,
    });
  }

  /**
   * Starts the surveys whose time has come: the first question is queued (the dispatcher holds it
   * through quiet hours). A household with another conversation still open waits until that one's
   * expiry; one opted out, withdrawn, erased or without a phone is not asked (closed). Returns how many
   * were looked at.
   */
  async startDue(manager: EntityManager, limit: number): Promise<number> {
    const now = this.clock.now();
    const due = await this.conversations.dueScheduled(manager, now, limit);
    for (const candidate of due) {
      // The household first, then the conversation: the order household events take them in.
      const recipient = await this.recipients.lock(manager, candidate.household_id, candidate.camp_id);
      const conversation = await this.conversations.lockScheduled(manager, candidate.id);
      if (!conversation) continue;
      // An erased household has no phone hash any more.
      if (recipient.opted_out || recipient.withdrawn || !recipient.phone_hash) {
        await this.conversations.closeSurvey(manager, recipient.household_id, now, conversation.id);
        this.logger.log(`survey ${conversation.id} of household ${recipient.household_id} not asked (opted out, withdrawn, erased or no phone)`);
        continue;
      }
      const other = await this.conversations.openOf(manager, recipient.household_id);
      if (other) {
        await this.conversations.postpone(manager, conversation.id, new Date(Math.max(new Date(other.expires_at).getTime(), now.getTime()) + 1000));
        continue;
      }
      const started = await this.conversations.start(manager, conversation.id, now, new Date(now.getTime() + this.config.SURVEY_ANSWER_HOURS * HOUR_MS));
      const first = nextSurveyQuestion([]);
      if (started && first) await this.ask(manager, started, first, now);
    }
    return due.length;
  }

  /** How many answers the question each open survey waits for has (for matching a reply), by conversation id. */
  async choices(manager: EntityManager, open: readonly ConversationRow[]): Promise<Map<string, number>> {
    const surveys = open.filter((c) => c.purpose === 'follow_up_survey');
    const answers = await this.conversations.surveyAnswers(manager, surveys.map((c) => c.id));
    return new Map(
      surveys.map((c) => {
        const next = nextSurveyQuestion(answers.filter((a) => a.conversation_id === c.id).map((a) => a.question_code));
        return [c.id, next?.answers.length ?? DEFAULT_CHOICES];
      }),
    );
  }

  /** An answer to the question the survey waits for: kept, published once, then the next question or the end. */
  async answer(manager: EntityManager, conversation: ConversationRow, answer: ReplyAnswer, at: Date): Promise<void> {
    const answered = await this.conversations.surveyAnswers(manager, [conversation.id]);
    const question = nextSurveyQuestion(answered.map((a) => a.question_code));
    if (!question) return;
    const kept = await this.conversations.keepSurveyAnswer(manager, {
      conversationId: conversation.id,
      questionCode: question.code,
      householdId: conversation.household_id,
      campId: conversation.camp_id,
      answer,
      at,
    });
    if (!kept) return;
    const recipient = await this.recipients.find(manager, conversation.household_id);
    await this.outbox.enqueue(manager, SURVEY_ANSWERED_V1, {
      householdId: conversation.household_id,
      campId: conversation.camp_id,
      conversationId: conversation.id,
      destinationArea: recipient?.destination_area ?? null,
      questionCode: question.code,
      answer,
      at: at.toISOString(),
    });
    // A help message still waiting is moot once the family has answered.
    await this.store.cancelQueued(manager, conversation.household_id, [SURVEY_HELP_TEMPLATE], 'survey answered', { reason: 'superseded' });
    const next = nextSurveyQuestion([...answered.map((a) => a.question_code), question.code]);
    if (next) await this.ask(manager, conversation, next, at);
    else await this.conversations.answer(manager, conversation.id, answer, 'completed', at, null);
    this.logger.log(`survey ${conversation.id} of household ${conversation.household_id}: ${question.code} answered`);
  }

  /** At its expiry: `incomplete` when some questions were answered, else `no_answer`; no flag, nothing published (answers were). */
  async expire(manager: EntityManager, conversation: ConversationRow, now: Date): Promise<void> {
    const answered = await this.conversations.surveyAnswers(manager, [conversation.id]);
    await this.conversations.expire(manager, conversation.id, answered.length > 0 ? 'incomplete' : 'no_answer', now, null);
  }

  private async ask(manager: EntityManager, conversation: ConversationRow, question: SurveyQuestion, now: Date): Promise<void> {
    // The conversation is the cause: each question goes once per (household, conversation, template).
    await this.store.create(manager, conversation.household_id, conversation.camp_id, { eventId: conversation.id, subject: 'conversation.follow_up_survey' }, [
      { template: question.template, params: {}, dueAt: now, expiresAt: conversation.expires_at, convoyId: conversation.convoy_id },
    ]);
  }
}
