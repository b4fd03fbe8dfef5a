import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher } from '@awda/auth';
import { describeError } from '@awda/observability';
import { readSmsPhone } from '@awda/phone';
import type { TemplateKey } from '@awda/sms-text';
import { withAreaName } from '../areas/area-name.js';
import { AreasProjection } from '../areas/areas.projection.js';
import { CLOCK, type Clock } from '../clock.js';
import { hasQuietHours, NotificationsConfig } from '../config.js';
import { TRAVEL_CRITICAL_TEMPLATES, type MessageParams } from '../messages/message-plan.js';
import { MessagesRepository, type ClaimRow, type SendingMessage } from '../messages/messages.repository.js';
import {
  NotHandedOff,
  ProviderError,
  SendOutcomeUnknown,
  SMS_PROVIDER,
  timeLeft,
  type OutgoingSms,
  type SmsProvider,
} from '../providers/sms-provider.js';
import { ReceiptsService } from '../inbound/receipts.service.js';
import { composeMessage } from '../templates/message-text.js';
import { TemplatesService } from '../templates/templates.service.js';
import { releaseTime } from './quiet-hours.js';
import { RateLimiter } from './rate-limiter.js';
import { Reconciler } from './reconciler.service.js';
import { retryDelayMs } from './throttle.js';


/** A message marked `sending` by this dispatcher, waiting for a hand-off slot. */
interface Unslotted {
  row: ClaimRow;
  attemptId: string;
  sms: OutgoingSms;
  /**
   * Local time when its claim began: its sending_at (database clock) is later, so its lease cannot
   * run out before claimedAt + SMS_SENDING_LEASE_MS on this clock.
   */
  claimedAt: number;
}

interface Claimed extends Unslotted {
  /** The hand-off slot on the database's clock. */
  slot: number;
  /** Local Date.now() bounds of the slot: not before `fireAt`, not after `lateAfter`. */
  fireAt: number;
  lateAfter: number;
}

// The first slot after an idle spell leaves the (short) reservation transaction time to commit.
const RESERVE_LEAD_MS = 50;
const MAX_TICK_MS = 5000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// Confirmations of an opt-out or opt-in go to the number that asked, whatever its state.
const ALWAYS_SENT: readonly TemplateKey[] = ['opted_out', 'opted_in'];

/**
 * Sends due messages. Each replica claims rows with FOR UPDATE SKIP LOCKED and marks them `sending`
 * with an attempt id (one transaction), then gives them hand-off slots on the shared rate ledger (up
 * to SMS_DISPATCH_HORIZON_MS ahead; a second, short transaction, so no slot is past at its commit),
 * then calls the provider at the slot with the message id as its idempotency
 * reference. A hand-off that would be later than slot + margin is not made: the slot is given back
 * and the message requeued. Nor is one after the attempt's hand-off deadline, a horizon before its
 * lease can end (a send held up behind a busy pool or network must not land after reconciliation
 * found the message missing and resent it). A send whose outcome is unknown stays `sending`; such a
 * row, and one left by a crash, is reconciled with the provider after the lease.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Dispatcher.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  private current?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Claimed (`sending`) messages of this process still waiting for a slot, in claim order. */
  private unslotted: Unslotted[] = [];
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessagesRepository,
    private readonly rates: RateLimiter,
    private readonly templates: TemplatesService,
    private readonly receipts: ReceiptsService,
    private readonly reconciler: Reconciler,
    private readonly areas: AreasProjection,
    private readonly cipher: FieldCipher,
    private readonly config: NotificationsConfig,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid Nest app (HTTP + JetStream) calls bootstrap hooks twice: one dispatch loop per process.
    if (!this.config.SMS_DISPATCHER_ENABLED || this.running) return;
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
    // Claimed but never given a slot: back to the queue now rather than after the lease.
    const unslotted = this.unslotted;
    this.unslotted = [];
    await this.requeue(unslotted, 'dispatcher stopped before its hand-off slot; requeued').catch((error: unknown) =>
      this.logger.error(`could not requeue ${unslotted.length} claimed messages at shutdown: ${(error as Error).message}`),
    );
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      let more = false;
      this.current = this.tick()
        .then((left) => {
          more = left;
        })
        .catch((error: unknown) => this.logger.error(`dispatch failed: ${describeError(error)}`))
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
    await this.reconciler.reconcileStale(() => this.running);
    const started = Date.now();
    let more = true;
    while (this.running && Date.now() - started < MAX_TICK_MS) {
      if (this.unslotted.length === 0) {
        if (!more) return false;
        const claim = await this.claim();
        more = claim.more;
        this.unslotted.push(...claim.claimed);
        if (this.unslotted.length === 0) continue;
      }
      const { slotted, horizonFull } = await this.reserveSlots();
      for (const c of slotted) this.track(this.deliver(c));
      const last = slotted[slotted.length - 1];
      // The horizon is full: reserve again when half of it has been handed off.
      if (horizonFull) await sleep(last ? last.fireAt - this.config.SMS_DISPATCH_HORIZON_MS / 2 - Date.now() : this.config.SMS_DISPATCH_HORIZON_MS / 2);
    }
    return true;
  }

  /**
   * Gives the waiting claimed messages hand-off slots, in order, until the horizon is full: a short
   * transaction of its own (lock, window, one INSERT), so the first slot is not already past when
   * it commits — however many messages the claim transaction had to mark.
   */
  private async reserveSlots(): Promise<{ slotted: Claimed[]; horizonFull: boolean }> {
    const margin = this.config.SMS_HANDOFF_MARGIN_MS;
    const waiting = this.unslotted;
    const { slots, window } = await this.dataSource.transaction(async (manager) => {
      const window = await this.rates.lock(manager, this.provider.name, margin);
      const slots = await this.rates.reserveMany(
        manager,
        window,
        waiting.map((w) => ({ messageId: w.row.id, segments: w.sms.segments })),
        {
          earliest: window.dbNow + RESERVE_LEAD_MS,
          latest: window.dbNow + this.config.SMS_DISPATCH_HORIZON_MS,
          rate: this.config.SMS_RATE_SEGMENTS_PER_SECOND,
          marginMs: margin,
        },
      );
      return { slots, window };
    });
    const slotted = slots.map((slot, i): Claimed => {
      const waited = waiting[i] as Unslotted;
      // Database time to local time, erring late for the start and early for the deadline.
      return { ...waited, slot, fireAt: slot - window.offsetLow, lateAfter: slot + margin - window.offsetHigh };
    });
    this.unslotted = waiting.slice(slots.length);
    return { slotted, horizonFull: this.unslotted.length > 0 };
  }

  /** Claimed messages that will not be handed off by this process go back to the queue. */
  private async requeue(messages: readonly Unslotted[], reason: string): Promise<void> {
    if (messages.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const { row, attemptId } of messages) {
        await this.store.transition(manager, row.id, 'queued', { attempt_id: null, attempts: 'decrement' }, reason, { attemptId });
      }
    });
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery
      .catch((error: unknown) => this.logger.error(`delivery failed: ${describeError(error)}`))
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
      const rows = await this.store.lockExpired(manager, now);
      // A family never reached for want of a phone is told apart from one whose message came too late.
      for (const { id, no_phone } of rows) {
        await this.store.transition(manager, id, 'expired', { outcome_reason: no_phone ? 'no_phone' : 'expired' }, 'departure has passed');
      }
    });
    // Held while a phone may still arrive (contact.changed), but not for ever.
    await this.dataSource.transaction(async (manager) => {
      const rows = await this.store.lockHeldWithoutPhone(manager, now, this.config.SMS_NO_PHONE_HOLD_HOURS);
      for (const { id } of rows) await this.store.transition(manager, id, 'expired', { outcome_reason: 'no_phone' }, 'no phone number on record');
    });
  }

  /**
   * Claims due messages: renders them and marks them `sending` with an attempt id; their slots are
   * reserved afterwards (reserveSlots). At most what one horizon can hand off is claimed, so a
   * claimed message waits for its slot far less than the sending lease. `more` when some were left.
   */
  private async claim(): Promise<{ claimed: Unslotted[]; more: boolean }> {
    const now = this.clock.now();
    // Every message has at least one segment: no more than this can get a slot in one horizon.
    const limit = Math.max(
      1,
      Math.min(this.config.SMS_DISPATCH_BATCH, Math.ceil((this.config.SMS_RATE_SEGMENTS_PER_SECOND * this.config.SMS_DISPATCH_HORIZON_MS) / 1000)),
    );
    const claimedAt = Date.now();
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.store.lockDue(manager, now, limit);
      if (rows.length === 0) return { claimed: [], more: false };
      const overrides = await this.templates.overrides(manager);
      // Named at render time: a list that arrives after the message was created still names it.
      const areaNames = await this.areas.names(manager, rows.flatMap((r) => ((r.params as MessageParams).destination ?? [])));
      const release = hasQuietHours(this.config)
        ? releaseTime(now, { start: this.config.SMS_QUIET_START, end: this.config.SMS_QUIET_END, timeZone: this.config.SMS_TIMEZONE })
        : now;
      const claimed: Unslotted[] = [];
      const sending: SendingMessage[] = [];
      for (const row of rows) {
        if (row.opted_out && !ALWAYS_SENT.includes(row.template)) {
          await this.store.transition(manager, row.id, 'suppressed', {}, 'recipient opted out');
          continue;
        }
        // Travel-critical messages go at night: held till morning they would arrive after an early departure.
        if (release.getTime() > now.getTime() && !TRAVEL_CRITICAL_TEMPLATES.includes(row.template)) {
          // Held, not dropped: due again when the quiet hours end.
          await this.store.postpone(manager, row.id, release);
          continue;
        }
        let text;
        try {
          const params = withAreaName(row.params as MessageParams, row.language, areaNames);
          text = composeMessage(row.template, params, { caseNumber: row.case_number, language: row.language }, overrides);
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
        // Never pay for a message that cannot arrive: a fixed line, or a country not configured.
        const phone = readSmsPhone(to, this.config.PHONE_COUNTRIES);
        if (!phone.ok) {
          await this.store.transition(manager, row.id, 'failed', { last_error: `the phone on record ${phone.message}` }, 'the phone cannot receive SMS');
          continue;
        }
        to = phone.phone.e164;
        const attemptId = uuidv7();
        sending.push({ id: row.id, attemptId, language: text.language, body: text.text, encoding: text.encoding, segments: text.segments });
        claimed.push({ row, attemptId, claimedAt, sms: { messageId: row.id, to, text: text.text, encoding: text.encoding, segments: text.segments } });
      }
      // One statement for every message claimed: the rows stay locked only as long as the claim lasts.
      const marked = await this.store.markSending(manager, this.provider.name, sending);
      return { claimed: claimed.filter((c) => marked.has(c.row.id)), more: rows.length === limit };
    });
  }

  /**
   * The local time after which this attempt must not reach the provider: a horizon before its lease
   * can run out, so a hand-off (or a request still open) never races the reconciliation that looks
   * for it after the lease, and finding nothing, resends it.
   */
  private handOffDeadline(claimed: Unslotted): number {
    return claimed.claimedAt + this.config.SMS_SENDING_LEASE_MS - this.config.SMS_DISPATCH_HORIZON_MS;
  }

  private async deliver(claimed: Claimed): Promise<void> {
    const { row, attemptId, sms, fireAt, lateAfter } = claimed;
    // Never early: a timer may fire a little before its time.
    while (Date.now() < fireAt) await sleep(fireAt - Date.now());
    const lateBy = Date.now() - lateAfter;
    if (lateBy > 0) {
      // A late hand-off would bunch with the next slots: give the slot back and go again later.
      this.logger.warn(`message ${row.id} missed its hand-off slot by ${lateBy} ms; requeued`);
      await this.giveBack(claimed, `hand-off slot missed by ${lateBy} ms; slot given back`);
      return;
    }
    const deadline = this.handOffDeadline(claimed);
    let accepted;
    try {
      // Checked here as well as by the provider: the claim may have waited long for its slot.
      timeLeft({ deadline });
      accepted = await this.provider.send(sms, { deadline });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof NotHandedOff) {
        this.logger.warn(`message ${row.id}: ${message}; requeued`);
        await this.giveBack(claimed, `${message}; slot given back`);
        return;
      }
      if (error instanceof SendOutcomeUnknown) {
        // The provider may have it: never resent blindly; reconciliation asks it after the lease.
        this.logger.warn(`message ${row.id}: ${message}; kept sending until the provider is asked`);
        await this.dataSource.transaction((manager) =>
          this.store.note(manager, row.id, 'sending', { last_error: message }, `${message}; the provider will be asked before any resend`, { attemptId }),
        );
        return;
      }
      const retryable = error instanceof ProviderError ? error.retryable : false;
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
      return;
    }
    // Handed off: a failure to record it is not a failed send. The row stays `sending` and the
    // reconciliation after the lease finds it at the provider.
    await this.receipts.markSent(row.id, attemptId, this.provider.name, accepted.providerMessageId).catch((error: unknown) => {
      this.logger.error(`message ${row.id} was handed off but not recorded as sent (${(error as Error).message}); reconciliation will record it`);
    });
  }

  /** A message that was not handed off goes back to the queue, its slot and attempt not counted. */
  private async giveBack({ row, attemptId, slot }: Claimed, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const back = await this.store.transition(manager, row.id, 'queued', { attempt_id: null, attempts: 'decrement' }, reason, { attemptId });
      if (back) await this.rates.giveBack(manager, this.provider.name, row.id, slot);
    });
  }
}
