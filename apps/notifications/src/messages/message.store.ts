import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SMS_STATUS_CHANGED_V1, type SmsOutcomeReason } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { smsCost, type SmsEncoding, type TemplateKey } from '@awda/sms-text';
import { NotificationsConfig, smsPricesOf } from '../config.js';
import type { MessageIntent } from './message-plan.js';
import { isFinalMiss, isPublished, statusesBefore, type MessageStatus } from './message-status.js';

/** A message row as the dispatcher and the API read it. */
export interface MessageRow {
  id: string;
  household_id: string;
  camp_id: string;
  template: TemplateKey;
  cause_event_id: string;
  status: MessageStatus;
  due_at: Date;
  expires_at: Date | null;
  attempts: number;
  attempt_id: string | null;
  sending_at: Date | null;
  lookup_after: Date | null;
  failed_lookups: number;
  segments: number | null;
  /** GSM-7 or UCS-2 once the text was rendered for an attempt. */
  encoding: string | null;
  provider: string | null;
  provider_message_id: string | null;
  params: Record<string, unknown>;
  outcome_reason: SmsOutcomeReason | null;
}

/** A claimed message and the text rendered for it, as markSending records them. */
export interface SendingMessage {
  id: string;
  attemptId: string;
  language: string;
  body: string;
  encoding: string;
  segments: number;
}

export interface Cause {
  eventId: string;
  subject: string;
}

/** Columns a transition may set along with the status. */
export interface TransitionFields {
  attempt_id?: string | null;
  sending_at?: 'now';
  attempts?: 'increment' | 'decrement';
  due_at?: Date;
  language?: string;
  body?: string;
  encoding?: string;
  segments?: number;
  provider?: string;
  provider_message_id?: string;
  last_error?: string | null;
  sent_at?: 'now';
  delivered_at?: 'now';
  lookup_after?: Date | null;
  failed_lookups?: 'increment' | number;
  /** Why the message ends without reaching the family; a default per status when not given. */
  outcome_reason?: SmsOutcomeReason;
}

/** The reason a final status has when the caller names none. */
const DEFAULT_OUTCOME: Partial<Record<MessageStatus, SmsOutcomeReason>> = {
  failed: 'provider_failed',
  suppressed: 'opted_out',
  expired: 'expired',
  cancelled: 'superseded',
};

/** A message as cancelQueued and lastAssessmentTold read it. */
export interface CancelledMessage {
  id: string;
  template: TemplateKey;
  params: Record<string, unknown>;
  /** What its cancellation saved (cancelQueued with segmentsOf), else null. */
  segments?: number | null;
}

export interface CancelOptions {
  reason: SmsOutcomeReason;
  /** Only the messages about this convoy. */
  convoyId?: string;
  /** The segments the message would have cost, recorded as what its cancellation saved. */
  segmentsOf?: (message: CancelledMessage) => number | null;
}

/**
 * Every write to messages goes through here: creation once per (household, cause, template),
 * forward-only transitions guarded in SQL, a history row and the status event in the same transaction.
 */
@Injectable()
export class MessageStore {
  constructor(
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
  ) {}

  /** Creates the messages of one event; a redelivered event finds its messages and creates nothing. */
  async create(manager: EntityManager, householdId: string, campId: string, cause: Cause, intents: readonly MessageIntent[]): Promise<number> {
    let created = 0;
    for (const intent of intents) {
      const rows: MessageRow[] = await manager.query(
        `INSERT INTO messages (id, household_id, camp_id, template, cause_event_id, cause_subject, convoy_id, params, status, due_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'queued', $9, $10)
         ON CONFLICT ON CONSTRAINT messages_once DO NOTHING
         RETURNING *`,
        [uuidv7(), householdId, campId, intent.template, cause.eventId, cause.subject, intent.convoyId, JSON.stringify(intent.params), intent.dueAt, intent.expiresAt],
      );
      const row = rows[0];
      if (!row) continue;
      created += 1;
      await this.recorded(manager, row, 'queued', `caused by ${cause.subject}`);
    }
    return created;
  }

  /** Moves one message to `to` if the transition is allowed from where it is now; null if not. */
  async transition(
    manager: EntityManager,
    id: string,
    to: MessageStatus,
    fields: TransitionFields = {},
    detail?: string,
    guard: { attemptId?: string } = {},
  ): Promise<MessageRow | null> {
    const outcome = fields.outcome_reason ?? DEFAULT_OUTCOME[to];
    const row = await this.update(manager, id, to, statusesBefore(to), outcome ? { ...fields, outcome_reason: outcome } : fields, guard);
    if (!row) return null;
    // A retry puts the message back in the queue: not news for anyone listening.
    await this.recorded(manager, row, to, detail, to !== 'queued');
    return row;
  }

  /**
   * Marks claimed messages `sending` with their rendered text, one statement for all of them (and
   * their history rows): the claim holds the rows' locks until it commits, and an event handler
   * cancelling a household's queued message waits for them, so the claim must not take one round
   * trip per message. Returns the ids marked (those still queued).
   */
  async markSending(manager: EntityManager, provider: string, messages: readonly SendingMessage[]): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const column = <K extends keyof SendingMessage>(key: K) => messages.map((m) => m[key]);
    const rows: { id: string }[] = await manager.query(
      `WITH marked AS (
         UPDATE messages m SET status = 'sending', updated_at = now(), attempt_id = i.attempt_id, sending_at = clock_timestamp(),
           attempts = m.attempts + 1, language = i.language, body = i.body, encoding = i.encoding, segments = i.segments, provider = $7
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[]) AS i(id, attempt_id, language, body, encoding, segments)
         WHERE m.id = i.id AND m.status = ANY($8)
         RETURNING m.id
       )
       INSERT INTO message_status_history (message_id, status) SELECT id, 'sending' FROM marked RETURNING message_id AS id`,
      [column('id'), column('attemptId'), column('language'), column('body'), column('encoding'), column('segments'), provider, statusesBefore('sending')],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Records a step that keeps the message where it is (a send whose outcome is unknown, a lookup
   * at the provider) in its history, with the columns it changes; null if it is no longer `status`.
   */
  async note(
    manager: EntityManager,
    id: string,
    status: MessageStatus,
    fields: TransitionFields,
    detail: string,
    guard: { attemptId?: string } = {},
  ): Promise<MessageRow | null> {
    const row = await this.update(manager, id, status, [status], fields, guard);
    if (row) await this.recorded(manager, row, status, detail, false);
    return row;
  }

  private async update(
    manager: EntityManager,
    id: string,
    to: MessageStatus,
    from: MessageStatus[],
    fields: TransitionFields,
    guard: { attemptId?: string },
  ): Promise<MessageRow | null> {
    const sets = ['status = $2', 'updated_at = now()'];
    const params: unknown[] = [id, to, from];
    for (const [column, value] of Object.entries(fields)) {
      if (value === 'now') sets.push(`${column} = clock_timestamp()`);
      else if (value === 'increment') sets.push(`${column} = ${column} + 1`);
      else if (value === 'decrement') sets.push(`${column} = ${column} - 1`);
      else {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
    }
    let where = 'id = $1 AND status = ANY($3)';
    if (guard.attemptId) {
      params.push(guard.attemptId);
      where += ` AND attempt_id = $${params.length}`;
    }
    const result: [MessageRow[], number] = await manager.query(`UPDATE messages SET ${sets.join(', ')} WHERE ${where} RETURNING *`, params);
    return result[0][0] ?? null;
  }

  /**
   * Cancels what is still queued for a household (templates, optionally of one convoy) with the
   * outcome reason; returns the messages cancelled.
   */
  async cancelQueued(
    manager: EntityManager,
    householdId: string,
    templates: readonly TemplateKey[],
    detail: string,
    options: CancelOptions,
  ): Promise<CancelledMessage[]> {
    const rows: CancelledMessage[] = await manager.query(
      `SELECT id, template, params FROM messages WHERE household_id = $1 AND status = 'queued' AND template = ANY($2)
         AND ($3::uuid IS NULL OR convoy_id = $3) ORDER BY id FOR UPDATE`,
      [householdId, templates, options.convoyId ?? null],
    );
    const cancelled: CancelledMessage[] = [];
    for (const row of rows) {
      const segments = options.segmentsOf?.(row) ?? null;
      await this.transition(manager, row.id, 'cancelled', { outcome_reason: options.reason, ...(segments === null ? {} : { segments }) }, detail);
      cancelled.push({ ...row, segments });
    }
    return cancelled;
  }

  /**
   * What the family was last told, or is about to be told, of its assessment: the newest assessment
   * message not cancelled, failed or expired (null when none).
   */
  async lastAssessmentTold(manager: EntityManager, householdId: string, templates: readonly TemplateKey[]): Promise<CancelledMessage | null> {
    const rows: CancelledMessage[] = await manager.query(
      `SELECT id, template, params FROM messages
       WHERE household_id = $1 AND template = ANY($2) AND status IN ('queued', 'sending', 'sent', 'delivered')
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [householdId, templates],
    );
    return rows[0] ?? null;
  }

  private async recorded(manager: EntityManager, row: MessageRow, status: MessageStatus, detail?: string, publish = true): Promise<void> {
    await manager.query(`INSERT INTO message_status_history (message_id, status, detail) VALUES ($1, $2, $3)`, [row.id, status, detail ?? null]);
    if (!publish || !isPublished(status)) return;
    await this.outbox.enqueue(manager, SMS_STATUS_CHANGED_V1, {
      messageId: row.id,
      householdId: row.household_id,
      campId: row.camp_id,
      template: row.template,
      status,
      at: new Date().toISOString(),
      ...(row.outcome_reason && isFinalMiss(status) ? { reason: row.outcome_reason } : {}),
      ...this.costOf(row, status),
    });
  }

  /** Parts and cost of a text handed to the provider (sent, delivered, failed after an attempt). */
  private costOf(row: MessageRow, status: MessageStatus): { segments?: number; encoding?: SmsEncoding; costMinor?: number; currency?: string } {
    if (!['sent', 'delivered', 'failed'].includes(status) || row.attempts === 0 || !row.segments) return {};
    if (row.encoding !== 'GSM-7' && row.encoding !== 'UCS-2') return {};
    return { ...smsCost(row.segments, row.encoding, smsPricesOf(this.config)), encoding: row.encoding };
  }
}
