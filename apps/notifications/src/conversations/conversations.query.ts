import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher, campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { surveyAnswerCode } from '@awda/sms-text';
import { NOTIFICATIONS_ERRORS, refusal } from '../notifications.errors.js';
import type { ConversationReplyDto, ConversationViewDto, FlaggedHouseholdDto } from './dto/conversation-view.dto.js';

interface ReplyRow {
  id: string;
  conversation_id: string | null;
  text_encrypted: string;
  outcome: string;
  answer: number | null;
  received_at: Date;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** What case workers read of conversations: a household's (with the replies' text) and the flagged work list; camps checked, reads audited. */
@Injectable()
export class ConversationsQuery {
  private readonly logger = new Logger(ConversationsQuery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async byHousehold(user: AuthUser, householdId: string): Promise<ConversationViewDto[]> {
    const rows: { camp_id: string }[] = await this.dataSource.query(
      `SELECT camp_id FROM recipients WHERE household_id = $1 UNION ALL SELECT camp_id FROM conversations WHERE household_id = $1 LIMIT 1`,
      [householdId],
    );
    const campId = rows[0]?.camp_id;
    if (!campId || !canAccessCamp(user, campId)) {
      if (campId) this.logger.warn(`audit: ${user.sub} refused the conversations of household ${householdId} (camp ${campId})`);
      throw refusal(NOTIFICATIONS_ERRORS.HOUSEHOLD_NOT_FOUND, 'No conversations are known for this household.', 404);
    }
    this.logger.log(`audit: ${user.sub} read the conversations and replies of household ${householdId}`);
    const conversations: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM conversations WHERE household_id = $1 ORDER BY opened_at, id`,
      [householdId],
    );
    const replies: ReplyRow[] = await this.dataSource.query(
      `SELECT id, conversation_id, text_encrypted, outcome, answer, received_at FROM conversation_replies WHERE household_id = $1 ORDER BY received_at, id`,
      [householdId],
    );
    const answers: { conversation_id: string; question_code: string; answer: number; answered_at: Date }[] = await this.dataSource.query(
      `SELECT conversation_id, question_code, answer, answered_at FROM survey_answers WHERE household_id = $1 ORDER BY answered_at, question_code`,
      [householdId],
    );
    const view = (reply: ReplyRow): ConversationReplyDto => ({
      id: reply.id,
      text: this.cipher.decrypt(reply.text_encrypted, householdId),
      outcome: reply.outcome,
      answer: reply.answer,
      receivedAt: iso(reply.received_at) ?? '',
    });
    const result = conversations.map((c) => ({
      id: String(c['id']),
      householdId,
      campId: String(c['camp_id']),
      purpose: String(c['purpose']),
      convoyId: (c['convoy_id'] as string | null) ?? null,
      state: String(c['state']),
      outcome: (c['outcome'] as string | null) ?? null,
      openedAt: iso(c['opened_at'] as Date) ?? '',
      expiresAt: iso(c['expires_at'] as Date) ?? '',
      endedAt: iso((c['ended_at'] as Date | null) ?? null),
      helpSent: Boolean(c['help_sent']),
      flagged: Boolean(c['flagged']),
      flagReason: (c['flag_reason'] as string | null) ?? null,
      flaggedAt: iso((c['flagged_at'] as Date | null) ?? null),
      flagClearedAt: iso((c['flag_cleared_at'] as Date | null) ?? null),
      asksAt: iso((c['asks_at'] as Date | null) ?? null),
      flagClearedBy: (c['flag_cleared_by'] as string | null) ?? null,
      flagClearNote: typeof c['flag_clear_note_encrypted'] === 'string' ? this.cipher.decrypt(c['flag_clear_note_encrypted'], householdId) : null,
      replies: replies.filter((r) => r.conversation_id === c['id']).map(view),
      surveyAnswers: answers
        .filter((a) => a.conversation_id === c['id'])
        .map((a) => ({ questionCode: a.question_code, answer: a.answer, answerCode: surveyAnswerCode(a.question_code, a.answer), answeredAt: iso(a.answered_at) ?? '' })),
    }));
    // Replies that reached the household while nothing was asked are kept too, for a person to read.
    const loose = replies.filter((r) => r.conversation_id === null);
    if (loose.length > 0 && result.length > 0) result[result.length - 1]?.replies.push(...loose.map(view));
    return result;
  }

  /** Households with a follow-up flag not yet cleared, in the user's camps (or one of them), oldest first. */
  async flagged(user: AuthUser, campId: string | undefined): Promise<FlaggedHouseholdDto[]> {
    const scope = campScope(user);
    if (campId && !canAccessCamp(user, campId)) {
      this.logger.warn(`audit: ${user.sub} refused the flagged households of camp ${campId}`);
      throw refusal(NOTIFICATIONS_ERRORS.CAMP_NOT_ALLOWED, `Your account does not give you access to camp ${campId}.`, 403);
    }
    const camps = campId ? [campId] : scope === 'all' ? null : scope;
    this.logger.log(`audit: ${user.sub} read the flagged households of ${camps ? camps.join(',') : 'all camps'}`);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT c.id, c.household_id, c.camp_id, r.case_number, c.purpose, c.flag_reason, c.flagged_at
       FROM conversations c LEFT JOIN recipients r ON r.household_id = c.household_id
       WHERE c.flagged AND c.flag_cleared_at IS NULL AND ($1::text[] IS NULL OR c.camp_id = ANY($1))
       ORDER BY c.flagged_at, c.id LIMIT 500`,
      [camps],
    );
    return rows.map((row) => ({
      conversationId: String(row['id']),
      householdId: String(row['household_id']),
      campId: String(row['camp_id']),
      caseNumber: (row['case_number'] as string | null) ?? null,
      purpose: String(row['purpose']),
      flagReason: String(row['flag_reason']),
      flaggedAt: iso(row['flagged_at'] as Date) ?? '',
    }));
  }
}
