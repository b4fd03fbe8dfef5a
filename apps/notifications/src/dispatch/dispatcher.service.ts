import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher } from '@awda/auth';
import type { TemplateKey } from '@awda/sms-text';
import { CLOCK, type Clock } from '../clock.js';
import { hasQuietHours, NotificationsConfig } from '../config.js';
import type { MessageParams } from '../messages/message-plan.js';
import { MessageStore, type MessageRow } from '../messages/message.store.js';
import { ProviderError, SMS_PROVIDER, type OutgoingSms, type SmsProvider } from '../providers/sms-provider.js';
import { ReceiptsService } from '../inbound/receipts.service.js';
import { composeMessage } from '../templates/message-text.js';
import { TemplatesService } from '../templates/templates.service.js';
import { releaseTime } from './quiet-hours.js';
import { RateLimiter, type RateWindow } from './rate-limiter.js';
import { retryDelayMs } from './throttle.js';

interface ClaimRow extends MessageRow {
  phone_encrypted: string | null;
  opted_out: boolean;
  case_number: string | null;
  language: string;
}

interface Claimed {
  row: ClaimRow;
  attemptId: string;
  sms: OutgoingSms;
  /** The hand-off slot on the database's clock. */
  slot: number;
  /** Local Date.now() bounds of the slot: not before `fireAt`, not after `lateAfter`. */
  fireAt: number;
  lateAfter: number;
}

// The first slot after an idle spell leaves the claim transaction time to commit.
const CLAIM_LEAD_MS = 200;
const MAX_TICK_MS = 5000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// Confirmations of an opt-out or opt-in go to the number that asked, whatever its state.
const ALWAYS_SENT: readonly TemplateKey[] = ['opted_out', 'opted_in'];

/**
 * Sends due messages. Each replica claims rows with FOR UPDATE SKIP LOCKED, marks them `sending`
 * with an attempt id and a hand-off slot on the shared rate ledger (up to SMS_DISPATCH_HORIZON_MS
 * ahead), commits, then calls the provider at the slot with the message id as its idempotency
 * reference. A hand-off that would be later than slot + margin is not made: the slot is given back
 * and the message requeued. A `sending` row left by a crash is reconciled after the lease.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Dispatcher.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private current?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
    private readonly rates: RateLimiter,
    private readonly templates: TemplatesService,
    private readonly receipts: ReceiptsService,
    private readonly cipher: FieldCipher,
    private readonly config: NotificationsConfig,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SMS_DISPATCHER_ENABLED) return;
    this.running = true;
    this.schedule(0);
  }

  // Before the database and the provider close (their own shutdown hooks), so in-flight hand-offs are recorded.
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    // Messages waiting for their slot are handed off (at most a horizon away) or given back.
    await Promise.all([...this.inFlight]);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      let more = false;
      this.current = this.tick()
        .then((left) => {
          more = left;
        })
        .catch((error: unknown) => this.logger.error(`dispatch failed: ${(error as Error).message}`))
        .finally(() => {
          // A backlog goes on at once: a poll pause would leave the reserved horizon empty.
          if (this.running) this.schedule(more ? 0 : this.config.SMS_DISPATCH_POLL_MS);
        });
    }, delayMs);
  }

  /**
   * One round: expire, reconcile, then claim slots until nothing is due, without waiting for the
   * hand-offs already claimed. True when due messages were left for the next round.
   */
  async tick(): Promise<boolean> {
    await this.expireDue();
    await this.reconcileStale();
    const started = Date.now();
    while (this.running && Date.now() - started < MAX_TICK_MS) {
      const { claimed, more, horizonFull } = await this.claim();
      for (const c of claimed) this.track(this.deliver(c));
      if (!more) return false;
      const last = claimed[claimed.length - 1];
      // The horizon is full: claim again when half of it has been handed off.
      if (horizonFull) await sleep(last ? last.fireAt - this.config.SMS_DISPATCH_HORIZON_MS / 2 - Date.now() : this.config.SMS_DISPATCH_HORIZON_MS / 2);
    }
    return true;
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery
      .catch((error: unknown) => this.logger.error(`delivery failed: ${(error as Error).message}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async expireDue(): Promise<void> {
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now();
      await this.dataSource.transaction((manager) => this.rates.prune(manager));
    }
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM messages WHERE status = 'queued' AND expires_at <= $1 ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      for (const { id } of rows) await this.store.transition(manager, id, 'expired', {}, 'departure has passed');
    });
    // Held while a phone may still arrive (contact.changed), but not for ever.
    await this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT m.id FROM messages m JOIN recipients r ON r.household_id = m.household_id
         WHERE m.status = 'queued' AND r.phone_encrypted IS NULL AND NOT r.opted_out
           AND m.due_at <= $1::timestamptz - make_interval(hours => $2)
         ORDER BY m.due_at LIMIT 500 FOR UPDATE OF m SKIP LOCKED`,
        [now, this.config.SMS_NO_PHONE_HOLD_HOURS],
      );
      for (const { id } of rows) await this.store.transition(manager, id, 'expired', {}, 'no phone number on record');
    });
  }

  private async reconcileStale(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM messages WHERE status = 'sending' AND sending_at < clock_timestamp() - make_interval(secs => $1)
         LIMIT 100 FOR UPDATE SKIP LOCKED`,
        [this.config.SMS_SENDING_LEASE_MS / 1000],
      );
      for (const { id } of rows) {
        const answer = await this.provider.reconcile(id);
        if (answer.outcome === 'sent') {
          await this.store.transition(manager, id, 'sent', { provider_message_id: answer.providerMessageId, sent_at: 'now' }, 'reconciled: the provider has it');
          await this.receipts.applyWaiting(manager, this.provider.name, answer.providerMessageId);
        } else if (answer.outcome === 'resend') {
          await this.store.transition(manager, id, 'queued', { attempt_id: null, due_at: this.clock.now() }, 'reconciled: not with the provider, resending');
        } else {
          await this.store.transition(manager, id, 'failed', { last_error: 'outcome unknown after a crash; not resent' }, 'reconciled: outcome unknown');
        }
      }
    });
  }

  /**
   * Claims due messages and gives each a hand-off slot under the provider's rate; `more` when some
   * were left, `horizonFull` when they were left because the slots ahead are taken.
   */
  private async claim(): Promise<{ claimed: Claimed[]; more: boolean; horizonFull: boolean }> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimRow[] = await manager.query(
        `SELECT m.*, r.phone_encrypted, r.opted_out, r.case_number, r.language
         FROM messages m JOIN recipients r ON r.household_id = m.household_id
         WHERE m.status = 'queued' AND m.due_at <= $1 AND (m.expires_at IS NULL OR m.expires_at > $1)
           AND (r.phone_encrypted IS NOT NULL OR r.opted_out)
         ORDER BY m.due_at, m.id LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
        [now, this.config.SMS_DISPATCH_BATCH],
      );
      if (rows.length === 0) return { claimed: [], more: false, horizonFull: false };
      const overrides = await this.templates.overrides(manager);
      const release = hasQuietHours(this.config)
        ? releaseTime(now, { start: this.config.SMS_QUIET_START, end: this.config.SMS_QUIET_END, timeZone: this.config.SMS_TIMEZONE })
        : now;
      const claimed: Claimed[] = [];
      const margin = this.config.SMS_HANDOFF_MARGIN_MS;
      let window: RateWindow | undefined;
      for (const row of rows) {
        if (row.opted_out && !ALWAYS_SENT.includes(row.template)) {
          await this.store.transition(manager, row.id, 'suppressed', {}, 'recipient opted out');
          continue;
        }
        if (release.getTime() > now.getTime()) {
          // Held, not dropped: due again when the quiet hours end.
          await manager.query(`UPDATE messages SET due_at = $2, updated_at = now() WHERE id = $1`, [row.id, release]);
          continue;
        }
        let text;
        try {
          text = composeMessage(row.template, row.params as MessageParams, { caseNumber: row.case_number, language: row.language }, overrides);
        } catch (error) {
          await this.store.transition(manager, row.id, 'failed', { last_error: (error as Error).message }, 'cannot render the message');
          continue;
        }
        let to: string;
        try {
          to = this.cipher.decrypt(row.phone_encrypted ?? '', row.household_id);
        } catch (error) {
          await this.store.transition(manager, row.id, 'failed', { last_error: (error as Error).message }, 'cannot read the phone');
          continue;
        }
        window ??= await this.rates.lock(manager, this.provider.name, margin);
        const slot = await this.rates.reserve(manager, window, row.id, {
          earliest: window.dbNow + CLAIM_LEAD_MS,
          latest: window.dbNow + this.config.SMS_DISPATCH_HORIZON_MS,
          segments: text.segments,
          rate: this.config.SMS_RATE_SEGMENTS_PER_SECOND,
          marginMs: margin,
        });
        if (slot === null) return { claimed, more: true, horizonFull: true };
        const attemptId = uuidv7();
        await this.store.transition(manager, row.id, 'sending', {
          attempt_id: attemptId,
          sending_at: 'now',
          attempts: 'increment',
          language: text.language,
          body: text.text,
          encoding: text.encoding,
          segments: text.segments,
          provider: this.provider.name,
        });
        // Database time to local time, erring late for the start and early for the deadline.
        const fireAt = slot - window.offsetLow;
        const lateAfter = slot + margin - window.offsetHigh;
        claimed.push({ row, attemptId, slot, fireAt, lateAfter, sms: { messageId: row.id, to, text: text.text, encoding: text.encoding, segments: text.segments } });
      }
      return { claimed, more: rows.length === this.config.SMS_DISPATCH_BATCH, horizonFull: false };
    });
  }

  private async deliver(claimed: Claimed): Promise<void> {
    const { row, attemptId, sms, slot, fireAt, lateAfter } = claimed;
    // Never early: a timer may fire a little before its time.
    while (Date.now() < fireAt) await sleep(fireAt - Date.now());
    const lateBy = Date.now() - lateAfter;
    if (lateBy > 0) {
      // A late hand-off would bunch with the next slots: give the slot back and go again later.
      this.logger.warn(`message ${row.id} missed its hand-off slot by ${lateBy} ms; requeued`);
      await this.dataSource.transaction(async (manager) => {
        const back = await this.store.transition(
          manager,
          row.id,
          'queued',
          { attempt_id: null, attempts: 'decrement' },
          `hand-off slot missed by ${lateBy} ms; slot given back`,
          { attemptId },
        );
        if (back) await this.rates.giveBack(manager, this.provider.name, row.id, slot);
      });
      return;
    }
    try {
      const accepted = await this.provider.send(sms);
      await this.receipts.markSent(row.id, attemptId, this.provider.name, accepted.providerMessageId);
    } catch (error) {
      const retryable = error instanceof ProviderError ? error.retryable : false;
      const message = error instanceof Error ? error.message : String(error);
      const attempts = row.attempts + 1;
      this.logger.warn(`message ${row.id} attempt ${attempts} failed: ${message}`);
      await this.dataSource.transaction(async (manager) => {
        if (retryable && attempts < this.config.SMS_MAX_ATTEMPTS) {
          const dueAt = new Date(this.clock.now().getTime() + retryDelayMs(attempts, this.config.SMS_RETRY_BASE_MS, this.config.SMS_RETRY_MAX_MS));
          await this.store.transition(manager, row.id, 'queued', { attempt_id: null, due_at: dueAt, last_error: message }, `retry: ${message}`, { attemptId });
        } else {
          await this.store.transition(manager, row.id, 'failed', { last_error: message }, message, { attemptId });
        }
      });
    }
  }
}
