import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SMS_OUTCOME_REASONS, SMS_STATUS_CHANGED_V1, SMS_STATUSES, type SmsOutcomeReason } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';
import { TEMPLATE_KEYS, smsCost, type SmsEncoding, type TemplateKey } from '@awda/sms-text';
import { NotificationsConfig, smsPricesOf } from '../config.js';
import type { MessageIntent } from './message-plan.js';
import { isFinalMiss, isPublished, statusesBefore, type MessageStatus } from './message-status.js';

const templateKey = z.enum(TEMPLATE_KEYS);
const messageParams = z.record(z.string(), z.unknown());

/** A message row as the dispatcher and the API read it (`SELECT *` / `RETURNING *`). */
export const messageRow = z.object({
  id: pg.uuid(),
  household_id: pg.uuid(),
  camp_id: pg.text(),
  template: templateKey,
  cause_event_id: pg.uuid(),
  status: z.enum([...SMS_STATUSES, 'sending'] satisfies MessageStatus[]),
  due_at: pg.timestamp(),
  expires_at: pg.timestamp().nullable(),
  attempts: pg.int(),
  attempt_id: pg.uuid().nullable(),
  sending_at: pg.timestamp().nullable(),
  lookup_after: pg.timestamp().nullable(),
  failed_lookups: pg.int(),
  segments: pg.int().nullable(),
  /** GSM-7 or UCS-2 once the text was rendered for an attempt. */
  encoding: pg.text().nullable(),
  provider: pg.text().nullable(),
  provider_message_id: pg.text().nullable(),
  params: messageParams,
  outcome_reason: z.enum(SMS_OUTCOME_REASONS).nullable(),
});
export type MessageRow = Row<typeof messageRow>;

/** A due message with what the dispatcher needs of its recipient (the recipient's language wins the name). */
const claimRow = messageRow.extend({ phone_encrypted: pg.text().nullable(), opted_out: pg.bool(), case_number: pg.text().nullable(), language: pg.text() });
export type ClaimRow = Row<typeof claimRow>;

/** A `sending` message whose outcome is unknown, reserved for a lookup at the provider. */
const staleRow = z.object({
  id: pg.uuid(),
  household_id: pg.uuid(),
  attempt_id: pg.uuid(),
  attempts: pg.int(),
  sending_at: pg.timestamp(),
  body: pg.text().nullable(),
  failed_lookups: pg.int(),
  phone_encrypted: pg.text().nullable(),
});
export type StaleRow = Row<typeof staleRow>;

const cancelledRow = z.object({ id: pg.uuid(), template: templateKey, params: messageParams });
const idRow = z.object({ id: pg.uuid() });

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
export class MessagesRepository {
  constructor(
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
  ) {}

  /** Creates the messages of one event; a redelivered event finds its messages and creates nothing. */
  async create(manager: EntityManager, householdId: string, campId: string, cause: Cause, intents: readonly MessageIntent[]): Promise<number> {
    let created = 0;
    for (const intent of intents) {
      const row = await queryRow(
        manager,
        'MessagesRepository.create',
        messageRow,
        `INSERT INTO messages (id, household_id, camp_id, template, cause_event_id, cause_subject, convoy_id, params, status, due_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'queued', $9, $10)
         ON CONFLICT ON CONSTRAINT messages_once DO NOTHING
         RETURNING *`,
        [uuidv7(), householdId, campId, intent.template, cause.eventId, cause.subject, intent.convoyId, JSON.stringify(intent.params), intent.dueAt, intent.expiresAt],
      );
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
    const rows = await queryRows(
      manager,
      'MessagesRepository.markSending',
      idRow,
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
    const row = await queryRow(manager, 'MessagesRepository.update', messageRow, `UPDATE messages SET ${sets.join(', ')} WHERE ${where} RETURNING *`, params);
    return row ?? null;
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
    const rows: CancelledMessage[] = await queryRows(
      manager,
      'MessagesRepository.cancelQueued',
      cancelledRow,
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
    const row = await queryRow(
      manager,
      'MessagesRepository.lastAssessmentTold',
      cancelledRow,
      `SELECT id, template, params FROM messages
       WHERE household_id = $1 AND template = ANY($2) AND status IN ('queued', 'sending', 'sent', 'delivered')
       ORDER BY created_at DESC, id DESC LIMIT 1`,
      [householdId, templates],
    );
    return row ?? null;
  }

  /** Queued messages past their expiry (up to 500), locked; `no_phone` when the family has no phone on record. */
  async lockExpired(manager: EntityManager, now: Date): Promise<{ id: string; no_phone: boolean }[]> {
    return queryRows(
      manager,
      'MessagesRepository.lockExpired',
      idRow.extend({ no_phone: pg.bool() }),
      `SELECT m.id, (r.household_id IS NOT NULL AND r.phone_encrypted IS NULL AND NOT r.opted_out) AS no_phone
       FROM messages m LEFT JOIN recipients r ON r.household_id = m.household_id
       WHERE m.status = 'queued' AND m.expires_at <= $1 ORDER BY m.expires_at LIMIT 500 FOR UPDATE OF m SKIP LOCKED`,
      [now],
    );
  }

  /** Queued messages held for want of a phone for longer than `holdHours` (up to 500), locked. */
  async lockHeldWithoutPhone(manager: EntityManager, now: Date, holdHours: number): Promise<{ id: string }[]> {
    return queryRows(
      manager,
      'MessagesRepository.lockHeldWithoutPhone',
      idRow,
      `SELECT m.id FROM messages m JOIN recipients r ON r.household_id = m.household_id
       WHERE m.status = 'queued' AND r.phone_encrypted IS NULL AND NOT r.opted_out
         AND m.due_at <= $1::timestamptz - make_interval(hours => $2)
       ORDER BY m.due_at LIMIT 500 FOR UPDATE OF m SKIP LOCKED`,
      [now, holdHours],
    );
  }

  /** Due messages of reachable (or opted-out) recipients, oldest first, locked; replicas share them (SKIP LOCKED). */
  async lockDue(manager: EntityManager, now: Date, limit: number): Promise<ClaimRow[]> {
    return queryRows(
      manager,
      'MessagesRepository.lockDue',
      claimRow,
      `SELECT m.*, r.phone_encrypted, r.opted_out, r.case_number, r.language
       FROM messages m JOIN recipients r ON r.household_id = m.household_id
       WHERE m.status = 'queued' AND m.due_at <= $1 AND (m.expires_at IS NULL OR m.expires_at > $1)
         AND (r.phone_encrypted IS NOT NULL OR r.opted_out)
       ORDER BY m.due_at, m.id LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Holds a queued message until `dueAt` (quiet hours); not a transition, so no history row. */
  async postpone(manager: EntityManager, id: string, dueAt: Date): Promise<void> {
    await execute(manager, `UPDATE messages SET due_at = $2, updated_at = now() WHERE id = $1`, [id, dueAt]);
  }

  /**
   * Takes one stale `sending` row for a lookup: its lookup_after moves `leaseSeconds` ahead, so no
   * other replica asks the provider about it at the same time.
   */
  async reserveStale(runner: EntityManager | DataSource, leaseSeconds: number): Promise<StaleRow | undefined> {
    return queryRow(
      runner,
      'MessagesRepository.reserveStale',
      staleRow,
      `WITH due AS (
         SELECT id FROM messages
         WHERE status = 'sending' AND sending_at < clock_timestamp() - make_interval(secs => $1)
           AND (lookup_after IS NULL OR lookup_after <= clock_timestamp())
         ORDER BY sending_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE messages m SET lookup_after = clock_timestamp() + make_interval(secs => $1) FROM due WHERE m.id = due.id
       RETURNING m.id, m.household_id, m.attempt_id, m.attempts, m.sending_at, m.body, m.failed_lookups,
         (SELECT r.phone_encrypted FROM recipients r WHERE r.household_id = m.household_id) AS phone_encrypted`,
      [leaseSeconds],
    );
  }

  /** Records the provider's id of a message if none is recorded yet. */
  async setProviderMessageId(manager: EntityManager, id: string, providerMessageId: string): Promise<void> {
    await execute(manager, `UPDATE messages SET provider_message_id = COALESCE(provider_message_id, $2) WHERE id = $1`, [id, providerMessageId]);
  }

  /** The message a provider knows by this id, if any. */
  async idByProviderReference(manager: EntityManager, provider: string, providerMessageId: string): Promise<string | undefined> {
    const rows = await queryRows(manager, 'MessagesRepository.idByProviderReference', idRow, `SELECT id FROM messages WHERE provider = $1 AND provider_message_id = $2`, [
      provider,
      providerMessageId,
    ]);
    return rows[0]?.id;
  }

  private async recorded(manager: EntityManager, row: MessageRow, status: MessageStatus, detail?: string, publish = true): Promise<void> {
    await execute(manager, `INSERT INTO message_status_history (message_id, status, detail) VALUES ($1, $2, $3)`, [row.id, status, detail ?? null]);
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
