import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';
import { CONVERSATION_PURPOSES } from '@awda/sms-text';

/** `scheduled`: a follow-up survey created at arrival, not asked before `asks_at`. */
export const CONVERSATION_STATES = ['scheduled', 'open', 'answered', 'expired', 'closed'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];
/**
 * How a conversation ended: the family's answer, silence, or a change that made the question moot. A
 * survey ends `completed` (every question answered) or, at its expiry, `incomplete` (some) or `no_answer`.
 */
export const CONVERSATION_OUTCOMES = ['confirmed', 'declined', 'unanswered', 'safe', 'needs_help', 'no_answer', 'closed', 'completed', 'incomplete'] as const;
export type ConversationOutcome = (typeof CONVERSATION_OUTCOMES)[number];
export type ReplyOutcome = 'answer' | 'unrecognised' | 'late' | 'no_conversation';

const conversationRow = z.object({
  id: pg.uuid(),
  household_id: pg.uuid(),
  camp_id: pg.text(),
  purpose: z.enum(CONVERSATION_PURPOSES),
  convoy_id: pg.uuid().nullable(),
  cause_event_id: pg.uuid(),
  state: z.enum(CONVERSATION_STATES),
  outcome: z.enum(CONVERSATION_OUTCOMES).nullable(),
  answer: pg.int().nullable(),
  departure_at: pg.timestamp().nullable(),
  expires_at: pg.timestamp(),
  help_sent: pg.bool(),
  flagged: pg.bool(),
  opened_at: pg.timestamp(),
  asks_at: pg.timestamp().nullable(),
});
export type ConversationRow = z.output<typeof conversationRow>;

/** A conversation as a case worker reads it: with how it ended and its flag's follow-up. */
const conversationDetailRow = conversationRow.extend({
  ended_at: pg.timestamp().nullable(),
  flag_reason: pg.text().nullable(),
  flagged_at: pg.timestamp().nullable(),
  flag_cleared_by: pg.text().nullable(),
  flag_cleared_at: pg.timestamp().nullable(),
  flag_clear_note_encrypted: pg.text().nullable(),
});
export type ConversationDetailRow = z.output<typeof conversationDetailRow>;

const surveyAnswerRow = z.object({
  conversation_id: pg.uuid(),
  question_code: pg.text(),
  answer: pg.int(),
  answered_at: pg.timestamp(),
});
export type SurveyAnswerRow = z.output<typeof surveyAnswerRow>;

const replyRow = z.object({
  id: pg.uuid(),
  conversation_id: pg.uuid().nullable(),
  text_encrypted: pg.text(),
  outcome: pg.text(),
  answer: pg.int().nullable(),
  received_at: pg.timestamp(),
});
export type ReplyRow = z.output<typeof replyRow>;

const flaggedRow = z.object({
  id: pg.uuid(),
  household_id: pg.uuid(),
  camp_id: pg.text(),
  case_number: pg.text().nullable(),
  purpose: pg.text(),
  flag_reason: pg.text(),
  flagged_at: pg.timestamp(),
});
export type FlaggedRow = z.output<typeof flaggedRow>;

export interface OpenRequest {
  householdId: string;
  campId: string;
  purpose: ConversationRow['purpose'];
  convoyId: string | null;
  causeEventId: string;
  departureAt: Date | null;
  expiresAt: Date;
  openedAt: Date;
}

/** Every query on conversations and their replies. */
@Injectable()
export class ConversationsRepository {
  /**
   * Opens a conversation once per (household, purpose, cause event); any other open conversation of
   * the household is closed first (one open per household). Null when the event was seen before.
   */
  async open(manager: EntityManager, request: OpenRequest): Promise<ConversationRow | null> {
    await this.closeOpen(manager, request.householdId, request.openedAt);
    const row = await queryRow(
      manager,
      'ConversationsRepository.open',
      conversationRow,
      `INSERT INTO conversations (id, household_id, camp_id, purpose, convoy_id, cause_event_id, state, departure_at, expires_at, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9)
       ON CONFLICT ON CONSTRAINT conversations_once DO NOTHING RETURNING *`,
      [uuidv7(), request.householdId, request.campId, request.purpose, request.convoyId, request.causeEventId, request.departureAt, request.expiresAt, request.openedAt],
    );
    return row ?? null;
  }

  /** Closes the household's open conversation (rescheduled, unscheduled, withdrawn): no outcome, no event. */
  async closeOpen(manager: EntityManager, householdId: string, at: Date, purpose?: ConversationRow['purpose']): Promise<ConversationRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.closeOpen',
      conversationRow,
      `UPDATE conversations SET state = 'closed', outcome = 'closed', ended_at = $2
       WHERE household_id = $1 AND state = 'open' AND ($3::text IS NULL OR purpose = $3) RETURNING *`,
      [householdId, at, purpose ?? null],
    );
  }

  /** The open conversations of these households, locked: a reply and the expiry sweep never both apply. */
  async lockOpen(manager: EntityManager, householdIds: readonly string[]): Promise<ConversationRow[]> {
    if (householdIds.length === 0) return [];
    return queryRows(
      manager,
      'ConversationsRepository.lockOpen',
      conversationRow,
      `SELECT * FROM conversations WHERE household_id = ANY($1::uuid[]) AND state = 'open' ORDER BY id FOR UPDATE`,
      [[...householdIds]],
    );
  }

  async answer(manager: EntityManager, id: string, answer: number, outcome: ConversationOutcome, at: Date, flag: string | null): Promise<void> {
    await execute(
      manager,
      `UPDATE conversations SET state = 'answered', answer = $2, outcome = $3, ended_at = $4::timestamptz,
         flagged = $5::text IS NOT NULL, flag_reason = $5::text, flagged_at = CASE WHEN $5::text IS NULL THEN NULL ELSE $4::timestamptz END
       WHERE id = $1 AND state = 'open'`,
      [id, answer, outcome, at, flag],
    );
  }

  /** Open conversations past their expiry, claimed for one sweeper (SKIP LOCKED). */
  async claimExpired(manager: EntityManager, now: Date, limit: number): Promise<ConversationRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.claimExpired',
      conversationRow,
      `SELECT * FROM conversations WHERE state = 'open' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async expire(manager: EntityManager, id: string, outcome: ConversationOutcome, at: Date, flag: string | null): Promise<void> {
    await execute(
      manager,
      `UPDATE conversations SET state = 'expired', outcome = $2, ended_at = $3::timestamptz,
         flagged = $4::text IS NOT NULL, flag_reason = $4::text, flagged_at = CASE WHEN $4::text IS NULL THEN NULL ELSE $3::timestamptz END
       WHERE id = $1 AND state = 'open'`,
      [id, outcome, at, flag],
    );
  }

  /** True the first time only: one help message per conversation. */
  async markHelpSent(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'ConversationsRepository.markHelpSent',
      z.object({ id: pg.uuid() }),
      `UPDATE conversations SET help_sent = true WHERE id = $1 AND NOT help_sent RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  async keepReply(
    manager: EntityManager,
    reply: { inboundSmsId: string; householdId: string; campId: string; conversationId: string | null; outcome: ReplyOutcome; answer: number | null; textEncrypted: string; receivedAt: Date },
  ): Promise<void> {
    await execute(
      manager,
      `INSERT INTO conversation_replies (id, inbound_sms_id, household_id, camp_id, conversation_id, outcome, answer, text_encrypted, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [uuidv7(), reply.inboundSmsId, reply.householdId, reply.campId, reply.conversationId, reply.outcome, reply.answer, reply.textEncrypted, reply.receivedAt],
    );
  }

  async clearFlag(manager: EntityManager, id: string, by: string, at: Date, noteEncrypted: string | null): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'ConversationsRepository.clearFlag',
      z.object({ id: pg.uuid() }),
      `UPDATE conversations SET flag_cleared_by = $2, flag_cleared_at = $3, flag_clear_note_encrypted = $4
       WHERE id = $1 AND flagged AND flag_cleared_at IS NULL RETURNING id`,
      [id, by, at, noteEncrypted],
    );
    return rows.length > 0;
  }

  /** A follow-up survey to ask at `asksAt`, once per (household, cause event); no other conversation is touched. */
  async schedule(manager: EntityManager, request: OpenRequest & { asksAt: Date }): Promise<ConversationRow | null> {
    const row = await queryRow(
      manager,
      'ConversationsRepository.schedule',
      conversationRow,
      `INSERT INTO conversations (id, household_id, camp_id, purpose, convoy_id, cause_event_id, state, departure_at, expires_at, opened_at, asks_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $8, $9, $10)
       ON CONFLICT ON CONSTRAINT conversations_once DO NOTHING RETURNING *`,
      [uuidv7(), request.householdId, request.campId, request.purpose, request.convoyId, request.causeEventId, request.departureAt, request.expiresAt, request.openedAt, request.asksAt],
    );
    return row ?? null;
  }

  /** Scheduled conversations whose time has come (not locked: the caller locks the household first, then the row). */
  async dueScheduled(manager: EntityManager, now: Date, limit: number): Promise<{ id: string; household_id: string; camp_id: string }[]> {
    return queryRows(
      manager,
      'ConversationsRepository.dueScheduled',
      z.object({ id: pg.uuid(), household_id: pg.uuid(), camp_id: pg.text() }),
      `SELECT id, household_id, camp_id FROM conversations WHERE state = 'scheduled' AND asks_at <= $1 ORDER BY asks_at, id LIMIT $2`,
      [now, limit],
    );
  }

  /** The scheduled conversation, locked; undefined when another sweeper holds it or it is no longer scheduled. */
  async lockScheduled(manager: EntityManager, id: string): Promise<ConversationRow | undefined> {
    return queryRow(manager, 'ConversationsRepository.lockScheduled', conversationRow, `SELECT * FROM conversations WHERE id = $1 AND state = 'scheduled' FOR UPDATE SKIP LOCKED`, [
      id,
    ]);
  }

  /** Another conversation of the household still open (a survey waits for it to end), or undefined. */
  async openOf(manager: EntityManager, householdId: string): Promise<ConversationRow | undefined> {
    // conversations_one_open: at most one row.
    return queryRow(manager, 'ConversationsRepository.openOf', conversationRow, `SELECT * FROM conversations WHERE household_id = $1 AND state = 'open'`, [householdId]);
  }

  async start(manager: EntityManager, id: string, openedAt: Date, expiresAt: Date): Promise<ConversationRow | undefined> {
    return queryRow(
      manager,
      'ConversationsRepository.start',
      conversationRow,
      `UPDATE conversations SET state = 'open', opened_at = $2, expires_at = $3 WHERE id = $1 AND state = 'scheduled' RETURNING *`,
      [id, openedAt, expiresAt],
    );
  }

  async postpone(manager: EntityManager, id: string, asksAt: Date): Promise<void> {
    await execute(manager, `UPDATE conversations SET asks_at = $2 WHERE id = $1 AND state = 'scheduled'`, [id, asksAt]);
  }

  /** A survey not to ask or to stop asking (withdrawn, opted out, erased, no phone): closed, nothing published. */
  async closeSurvey(manager: EntityManager, householdId: string, at: Date, id?: string): Promise<ConversationRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.closeSurvey',
      conversationRow,
      `UPDATE conversations SET state = 'closed', outcome = 'closed', ended_at = $2
       WHERE household_id = $1 AND purpose = 'follow_up_survey' AND state IN ('scheduled', 'open') AND ($3::uuid IS NULL OR id = $3) RETURNING *`,
      [householdId, at, id ?? null],
    );
  }

  /** The survey answers of these conversations, in the order given. */
  async surveyAnswers(manager: EntityManager, conversationIds: readonly string[]): Promise<SurveyAnswerRow[]> {
    if (conversationIds.length === 0) return [];
    return queryRows(
      manager,
      'ConversationsRepository.surveyAnswers',
      surveyAnswerRow,
      `SELECT conversation_id, question_code, answer, answered_at FROM survey_answers WHERE conversation_id = ANY($1::uuid[]) ORDER BY answered_at, question_code`,
      [[...conversationIds]],
    );
  }

  /** True the first time only: one answer per (conversation, question). */
  async keepSurveyAnswer(
    manager: EntityManager,
    answer: { conversationId: string; questionCode: string; householdId: string; campId: string; answer: number; at: Date },
  ): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'ConversationsRepository.keepSurveyAnswer',
      z.object({ conversation_id: pg.uuid() }),
      `INSERT INTO survey_answers (conversation_id, question_code, household_id, camp_id, answer, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (conversation_id, question_code) DO NOTHING RETURNING conversation_id`,
      [answer.conversationId, answer.questionCode, answer.householdId, answer.campId, answer.answer, answer.at],
    );
    return rows.length > 0;
  }

  /** The camp a household's messages or conversations belong to; undefined when notifications knows nothing of it. */
  async campOfHousehold(manager: EntityManager, householdId: string): Promise<string | undefined> {
    const rows = await queryRows(
      manager,
      'ConversationsRepository.campOfHousehold',
      z.object({ camp_id: pg.text() }),
      `SELECT camp_id FROM recipients WHERE household_id = $1 UNION ALL SELECT camp_id FROM conversations WHERE household_id = $1 LIMIT 1`,
      [householdId],
    );
    return rows[0]?.camp_id;
  }

  /** Every conversation of a household, oldest first. */
  async ofHousehold(manager: EntityManager, householdId: string): Promise<ConversationDetailRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.ofHousehold',
      conversationDetailRow,
      `SELECT * FROM conversations WHERE household_id = $1 ORDER BY opened_at, id`,
      [householdId],
    );
  }

  /** Every reply of a household (with or without a conversation), oldest first; the text stays encrypted. */
  async repliesOfHousehold(manager: EntityManager, householdId: string): Promise<ReplyRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.repliesOfHousehold',
      replyRow,
      `SELECT id, conversation_id, text_encrypted, outcome, answer, received_at FROM conversation_replies WHERE household_id = $1 ORDER BY received_at, id`,
      [householdId],
    );
  }

  /** Every survey answer of a household. */
  async surveyAnswersOfHousehold(manager: EntityManager, householdId: string): Promise<SurveyAnswerRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.surveyAnswersOfHousehold',
      surveyAnswerRow,
      `SELECT conversation_id, question_code, answer, answered_at FROM survey_answers WHERE household_id = $1 ORDER BY answered_at, question_code`,
      [householdId],
    );
  }

  /** Conversations with a follow-up flag not yet cleared, in these camps (null: all), oldest flag first (at most 500). */
  async flagged(manager: EntityManager, camps: readonly string[] | null): Promise<FlaggedRow[]> {
    return queryRows(
      manager,
      'ConversationsRepository.flagged',
      flaggedRow,
      `SELECT c.id, c.household_id, c.camp_id, r.case_number, c.purpose, c.flag_reason, c.flagged_at
       FROM conversations c LEFT JOIN recipients r ON r.household_id = c.household_id
       WHERE c.flagged AND c.flag_cleared_at IS NULL AND ($1::text[] IS NULL OR c.camp_id = ANY($1))
       ORDER BY c.flagged_at, c.id LIMIT 500`,
      [camps ? [...camps] : null],
    );
  }

  /** A flagged conversation's camp and household, locked for clearing the flag. */
  async lockFlagged(manager: EntityManager, id: string): Promise<{ camp_id: string; household_id: string } | undefined> {
    return queryRow(
      manager,
      'ConversationsRepository.lockFlagged',
      z.object({ camp_id: pg.text(), household_id: pg.uuid() }),
      `SELECT camp_id, household_id FROM conversations WHERE id = $1 AND flagged FOR UPDATE`,
      [id],
    );
  }
}
