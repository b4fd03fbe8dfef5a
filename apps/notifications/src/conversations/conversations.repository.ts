import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { ConversationPurpose } from '@awda/sms-text';

/** `scheduled`: a follow-up survey created at arrival, not asked before `asks_at`. */
export type ConversationState = 'scheduled' | 'open' | 'answered' | 'expired' | 'closed';
/**
 * How a conversation ended: the family's answer, silence, or a change that made the question moot. A
 * survey ends `completed` (every question answered) or, at its expiry, `incomplete` (some) or `no_answer`.
 */
export type ConversationOutcome = 'confirmed' | 'declined' | 'unanswered' | 'safe' | 'needs_help' | 'no_answer' | 'closed' | 'completed' | 'incomplete';
export type ReplyOutcome = 'answer' | 'unrecognised' | 'late' | 'no_conversation';

export interface ConversationRow {
  id: string;
  household_id: string;
  camp_id: string;
  purpose: ConversationPurpose;
  convoy_id: string | null;
  cause_event_id: string;
  state: ConversationState;
  outcome: ConversationOutcome | null;
  answer: number | null;
  departure_at: Date | null;
  expires_at: Date;
  help_sent: boolean;
  flagged: boolean;
  opened_at: Date;
  asks_at: Date | null;
}

export interface SurveyAnswerRow {
  conversation_id: string;
  question_code: string;
  answer: number;
  answered_at: Date;
}

export interface OpenRequest {
  householdId: string;
  campId: string;
  purpose: ConversationPurpose;
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
    const rows: ConversationRow[] = await manager.query(
      `INSERT INTO conversations (id, household_id, camp_id, purpose, convoy_id, cause_event_id, state, departure_at, expires_at, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9)
       ON CONFLICT ON CONSTRAINT conversations_once DO NOTHING RETURNING *`,
      [uuidv7(), request.householdId, request.campId, request.purpose, request.convoyId, request.causeEventId, request.departureAt, request.expiresAt, request.openedAt],
    );
    return rows[0] ?? null;
  }

  /** Closes the household's open conversation (rescheduled, unscheduled, withdrawn): no outcome, no event. */
  async closeOpen(manager: EntityManager, householdId: string, at: Date, purpose?: ConversationPurpose): Promise<ConversationRow[]> {
    return this.rowsOf(
      await manager.query(
        `UPDATE conversations SET state = 'closed', outcome = 'closed', ended_at = $2
         WHERE household_id = $1 AND state = 'open' AND ($3::text IS NULL OR purpose = $3) RETURNING *`,
        [householdId, at, purpose ?? null],
      ),
    );
  }

  /** The open conversations of these households, locked: a reply and the expiry sweep never both apply. */
  async lockOpen(manager: EntityManager, householdIds: readonly string[]): Promise<ConversationRow[]> {
    if (householdIds.length === 0) return [];
    return manager.query(
      `SELECT * FROM conversations WHERE household_id = ANY($1::uuid[]) AND state = 'open' ORDER BY id FOR UPDATE`,
      [householdIds],
    );
  }

  async answer(manager: EntityManager, id: string, answer: number, outcome: ConversationOutcome, at: Date, flag: string | null): Promise<void> {
    await manager.query(
      `UPDATE conversations SET state = 'answered', answer = $2, outcome = $3, ended_at = $4::timestamptz,
         flagged = $5::text IS NOT NULL, flag_reason = $5::text, flagged_at = CASE WHEN $5::text IS NULL THEN NULL ELSE $4::timestamptz END
       WHERE id = $1 AND state = 'open'`,
      [id, answer, outcome, at, flag],
    );
  }

  /** Open conversations past their expiry, claimed for one sweeper (SKIP LOCKED). */
  async claimExpired(manager: EntityManager, now: Date, limit: number): Promise<ConversationRow[]> {
    return manager.query(
      `SELECT * FROM conversations WHERE state = 'open' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async expire(manager: EntityManager, id: string, outcome: ConversationOutcome, at: Date, flag: string | null): Promise<void> {
    await manager.query(
      `UPDATE conversations SET state = 'expired', outcome = $2, ended_at = $3::timestamptz,
         flagged = $4::text IS NOT NULL, flag_reason = $4::text, flagged_at = CASE WHEN $4::text IS NULL THEN NULL ELSE $3::timestamptz END
       WHERE id = $1 AND state = 'open'`,
      [id, outcome, at, flag],
    );
  }

  /** True the first time only: one help message per conversation. */
  async markHelpSent(manager: EntityManager, id: string): Promise<boolean> {
    const result: unknown = await manager.query(`UPDATE conversations SET help_sent = true WHERE id = $1 AND NOT help_sent RETURNING *`, [id]);
    return this.rowsOf(result).length > 0;
  }

  async keepReply(
    manager: EntityManager,
    reply: { inboundSmsId: string; householdId: string; campId: string; conversationId: string | null; outcome: ReplyOutcome; answer: number | null; textEncrypted: string; receivedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO conversation_replies (id, inbound_sms_id, household_id, camp_id, conversation_id, outcome, answer, text_encrypted, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [uuidv7(), reply.inboundSmsId, reply.householdId, reply.campId, reply.conversationId, reply.outcome, reply.answer, reply.textEncrypted, reply.receivedAt],
    );
  }

  async clearFlag(manager: EntityManager, id: string, by: string, at: Date, noteEncrypted: string | null): Promise<boolean> {
    const result: unknown = await manager.query(
      `UPDATE conversations SET flag_cleared_by = $2, flag_cleared_at = $3, flag_clear_note_encrypted = $4
       WHERE id = $1 AND flagged AND flag_cleared_at IS NULL RETURNING *`,
      [id, by, at, noteEncrypted],
    );
    return this.rowsOf(result).length > 0;
  }

  /** A follow-up survey to ask at `asksAt`, once per (household, cause event); no other conversation is touched. */
  async schedule(manager: EntityManager, request: OpenRequest & { asksAt: Date }): Promise<ConversationRow | null> {
    const rows: ConversationRow[] = await manager.query(
      `INSERT INTO conversations (id, household_id, camp_id, purpose, convoy_id, cause_event_id, state, departure_at, expires_at, opened_at, asks_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $8, $9, $10)
       ON CONFLICT ON CONSTRAINT conversations_once DO NOTHING RETURNING *`,
      [uuidv7(), request.householdId, request.campId, request.purpose, request.convoyId, request.causeEventId, request.departureAt, request.expiresAt, request.openedAt, request.asksAt],
    );
    return rows[0] ?? null;
  }

  /** Scheduled conversations whose time has come (not locked: the caller locks the household first, then the row). */
  async dueScheduled(manager: EntityManager, now: Date, limit: number): Promise<{ id: string; household_id: string; camp_id: string }[]> {
    return manager.query(
      `SELECT id, household_id, camp_id FROM conversations WHERE state = 'scheduled' AND asks_at <= $1 ORDER BY asks_at, id LIMIT $2`,
      [now, limit],
    );
  }

  /** The scheduled conversation, locked; undefined when another sweeper holds it or it is no longer scheduled. */
  async lockScheduled(manager: EntityManager, id: string): Promise<ConversationRow | undefined> {
    const rows: ConversationRow[] = await manager.query(`SELECT * FROM conversations WHERE id = $1 AND state = 'scheduled' FOR UPDATE SKIP LOCKED`, [id]);
    return rows[0];
  }

  /** Another conversation of the household still open (a survey waits for it to end), or undefined. */
  async openOf(manager: EntityManager, householdId: string): Promise<ConversationRow | undefined> {
    const rows: ConversationRow[] = await manager.query(`SELECT * FROM conversations WHERE household_id = $1 AND state = 'open'`, [householdId]);
    return rows[0];
  }

  async start(manager: EntityManager, id: string, openedAt: Date, expiresAt: Date): Promise<ConversationRow | undefined> {
    return this.rowsOf(
      await manager.query(`UPDATE conversations SET state = 'open', opened_at = $2, expires_at = $3 WHERE id = $1 AND state = 'scheduled' RETURNING *`, [id, openedAt, expiresAt]),
    )[0];
  }

  async postpone(manager: EntityManager, id: string, asksAt: Date): Promise<void> {
    await manager.query(`UPDATE conversations SET asks_at = $2 WHERE id = $1 AND state = 'scheduled'`, [id, asksAt]);
  }

  /** A survey not to ask or to stop asking (withdrawn, opted out, erased, no phone): closed, nothing published. */
  async closeSurvey(manager: EntityManager, householdId: string, at: Date, id?: string): Promise<ConversationRow[]> {
    return this.rowsOf(
      await manager.query(
        `UPDATE conversations SET state = 'closed', outcome = 'closed', ended_at = $2
         WHERE household_id = $1 AND purpose = 'follow_up_survey' AND state IN ('scheduled', 'open') AND ($3::uuid IS NULL OR id = $3) RETURNING *`,
        [householdId, at, id ?? null],
      ),
    );
  }

  /** The survey answers of these conversations, in the order given. */
  async surveyAnswers(manager: EntityManager, conversationIds: readonly string[]): Promise<SurveyAnswerRow[]> {
    if (conversationIds.length === 0) return [];
    return manager.query(
      `SELECT conversation_id, question_code, answer, answered_at FROM survey_answers WHERE conversation_id = ANY($1::uuid[]) ORDER BY answered_at, question_code`,
      [conversationIds],
    );
  }

  /** True the first time only: one answer per (conversation, question). */
  async keepSurveyAnswer(
    manager: EntityManager,
    answer: { conversationId: string; questionCode: string; householdId: string; campId: string; answer: number; at: Date },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO survey_answers (conversation_id, question_code, household_id, camp_id, answer, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (conversation_id, question_code) DO NOTHING RETURNING conversation_id`,
      [answer.conversationId, answer.questionCode, answer.householdId, answer.campId, answer.answer, answer.at],
    );
    return rows.length > 0;
  }

  private rowsOf(result: unknown): ConversationRow[] {
    // UPDATE … RETURNING through manager.query gives [rows, count].
    return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as ConversationRow[]) : [];
  }
}
