import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher, campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { surveyAnswerCode } from '@awda/sms-text';
import { NOTIFICATIONS_ERRORS, refusal } from '../notifications.errors.js';
import { ConversationsRepository, type ReplyRow } from './conversations.repository.js';
import type { ConversationReplyDto, ConversationViewDto, FlaggedHouseholdDto } from './dto/conversation-view.dto.js';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** What case workers read of conversations: a household's (with the replies' text) and the flagged work list; camps checked, reads audited. */
@Injectable()
export class ConversationReadsService {
  private readonly logger = new Logger(ConversationReadsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly conversations: ConversationsRepository,
  ) {}

  async byHousehold(user: AuthUser, householdId: string): Promise<ConversationViewDto[]> {
    const manager = this.dataSource.manager;
    const campId = await this.conversations.campOfHousehold(manager, householdId);
    if (!campId || !canAccessCamp(user, campId)) {
      if (campId) this.logger.warn(`audit: ${user.sub} refused the conversations of household ${householdId} (camp ${campId})`);
      throw refusal(NOTIFICATIONS_ERRORS.HOUSEHOLD_NOT_FOUND, 'No conversations are known for this household.', 404);
    }
    this.logger.log(`audit: ${user.sub} read the conversations and replies of household ${householdId}`);
    const conversations = await this.conversations.ofHousehold(manager, householdId);
    const replies = await this.conversations.repliesOfHousehold(manager, householdId);
    const answers = await this.conversations.surveyAnswersOfHousehold(manager, householdId);
    const view = (reply: ReplyRow): ConversationReplyDto => ({
      id: reply.id,
      text: this.cipher.decrypt(reply.text_encrypted, householdId),
      outcome: reply.outcome,
      answer: reply.answer,
      receivedAt: iso(reply.received_at) ?? '',
    });
    const result = conversations.map((c) => ({
      id: c.id,
      householdId,
      campId: c.camp_id,
      purpose: c.purpose,
      convoyId: c.convoy_id,
      state: c.state,
      outcome: c.outcome,
      openedAt: iso(c.opened_at) ?? '',
      expiresAt: iso(c.expires_at) ?? '',
      endedAt: iso(c.ended_at),
      helpSent: c.help_sent,
      flagged: c.flagged,
      flagReason: c.flag_reason,
      flaggedAt: iso(c.flagged_at),
      flagClearedAt: iso(c.flag_cleared_at),
      asksAt: iso(c.asks_at),
      flagClearedBy: c.flag_cleared_by,
      flagClearNote: c.flag_clear_note_encrypted === null ? null : this.cipher.decrypt(c.flag_clear_note_encrypted, householdId),
      replies: replies.filter((r) => r.conversation_id === c.id).map(view),
      surveyAnswers: answers
        .filter((a) => a.conversation_id === c.id)
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
    const rows = await this.conversations.flagged(this.dataSource.manager, camps);
    return rows.map((row) => ({
      conversationId: row.id,
      householdId: row.household_id,
      campId: row.camp_id,
      caseNumber: row.case_number,
      purpose: row.purpose,
      flagReason: row.flag_reason,
      flaggedAt: iso(row.flagged_at) ?? '',
    }));
  }
}
