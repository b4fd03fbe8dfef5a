import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { headers as natsHeaders, type Msg, type Subscription } from '@nats-io/nats-core';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { isObservable, lastValueFrom } from 'rxjs';
import type { DataSource, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  HEADER_CORRELATION_ID,
  HEADER_DLQ_CONSUMER,
  HEADER_DLQ_DELIVERIES,
  HEADER_DLQ_ERROR,
  HEADER_DLQ_ORIGINAL_SUBJECT,
  HEADER_DLQ_REASON,
  HEADER_KEY,
  HEADER_MSG_ID,
  checkEnvelope,
  isEventSubject,
  type EventEnvelope,
} from '@awda/contracts';
import { awdaMetrics, describeError, runWithContext } from '@awda/observability';
import { PG_DEADLOCK, PG_SERIALIZATION_FAILURE, pgErrorCode } from '@awda/persistence';
import { Backoff } from './backoff.js';
import { PermanentEventError } from './errors.js';
import { InboxBatchSlot, inboxBatchSlot } from './inbox-batch.js';
import { runLoggingErrors } from './inbox.js';
import { JetStreamContext } from './jetstream.context.js';
import { KeyedQueue } from './keyed-queue.js';
import { contractSubject, deadLetterSubject, DLQ_SUBJECT_PREFIX, wireSubject } from './names.js';
import { NatsConnector } from './nats-connector.js';
import { messagingOptions, type MessagingOptions } from './options.js';
import { ensureEventStream, ensureServiceConsumer } from './provision.js';

type DeadLetterReason = 'malformed' | 'contract' | 'handler_failed' | 'permanent' | 'max_deliver';

/** A validated event ready for its handler. */
interface Delivery {
  msg: JsMsg;
  subject: string;
  deliveries: number;
  envelope: EventEnvelope;
  handler: MessageHandler;
}

/** A delivery waiting for a batch; `settled` resolves once it is acknowledged, nak'ed or dead-lettered. */
interface BatchEntry extends Delivery {
  settled: () => void;
}

/**
 * `@EventPattern(SUBJECT, RUN_ALONE)`: the handler is never batched (one transaction per event), for a
 * handler whose work is mostly outside PostgreSQL (NATS calls) and would hold a batch open.
 */
export const RUN_ALONE = { inboxBatch: false } as const;

/** Lock conflicts with another batch: the event is retried alone at once, not counted as a failed delivery. */
const CONTENTION_CODES = new Set([PG_DEADLOCK, PG_SERIALIZATION_FAILURE, '55P03']);

/** Header values are single-line ASCII-ish text of bounded length. */
function headerText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 1000);
}

/**
 * Nest transport over JetStream. @EventPattern(SUBJECT) handlers receive the validated envelope;
 * a message is acknowledged only after its handler resolved (its transaction committed), nak'ed
 * with exponential backoff when it threw, and dead-lettered with the error after maxDeliver
 * deliveries or at once when its payload breaks the contract. @MessagePattern handlers answer
 * core-NATS requests (queue group = service).
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly options: MessagingOptions;
  private readonly connector: NatsConnector;
  private running = false;
  private messages?: ConsumerMessages;
  /** Handled messages delivered while the per-household queue was full, in arrival order. */
  private waiting: JsMsg[] = [];
  private draining = false;
  private loop?: Promise<void>;
  private readonly subscriptions: Subscription[] = [];
  private queue: KeyedQueue;
  /** Handler per contract subject, looked up once (Nest's lookup parses the pattern every time). */
  private readonly handlerCache = new Map<string, MessageHandler | null>();
  /** Acks of handled events, sent together once per event-loop turn: one socket write, not one each. */
  private pendingAcks: JsMsg[] = [];
  private ackTimer?: NodeJS.Immediate;
  /** Source of the batch transactions (MESSAGING_BATCH > 1); without one every event runs alone. */
  private dataSourceOf?: () => DataSource | undefined;
  /** Deliveries waiting for the next batch, in admission order (never two of one key: see handleMessage). */
  private batchQueue: BatchEntry[] = [];
  private batchTimer?: NodeJS.Immediate;
  private batchesRunning = 0;
  private aloneRunning = 0;
  private readonly aloneWaiters: (() => void)[] = [];
  /**
   * Test hook, called right after a batch's COMMIT and before its acknowledgements (the crash test
   * makes the process exit here); undefined in production.
   */
  failpoint?: (committed: number) => void;

  constructor(options: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>) {
    super();
    this.options = messagingOptions(options);
    this.connector = new NatsConnector(this.options.natsUrl, `${this.options.service}-consumer`);
    // In batch mode a running task mostly waits for its batch (startBatches bounds the connections);
    // events handled alone are still limited to `concurrency` (aloneLimited).
    this.queue = new KeyedQueue(this.options.concurrency * this.options.batch, this.pullBatch());
  }

  /**
   * Where batch transactions come from (connectJetStream passes the app's DataSource). Resolved at the
   * first batch, when the app's providers exist.
   */
  useDataSource(dataSourceOf: () => DataSource | undefined): void {
    this.dataSourceOf = dataSourceOf;
  }

  on(): void {
    // Connection events are logged by NatsConnector.
  }

  unwrap<T>(): T {
    return this.connector as T;
  }

  /** Returns at once: the service serves HTTP while NATS is down and consumes once it is back. */
  listen(callback: (...optionalParams: unknown[]) => void): void {
    this.running = true;
    if (this.options.startConsumer) this.loop = this.consumeForever();
    void this.serveRequests();
    callback();
  }

  async close(): Promise<void> {
    this.running = false;
    await this.messages?.close().catch(() => undefined);
    // Not acknowledged: JetStream delivers them again after ack_wait, as with any unfinished message.
    this.waiting = [];
    // The loop may be waiting for NATS (down, or still connecting): do not wait on it for ever.
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.queue.idle();
    this.flushAcks();
    for (const sub of this.subscriptions) sub.unsubscribe();
    await this.connector.close();
  }

  private async consumeForever(): Promise<void> {
    const backoff = new Backoff();
    while (this.running) {
      try {
        const jsm = await this.connector.manager();
        await ensureEventStream(jsm, this.options.namespace, this.options.streamReplicas);
        const { stream, durable } = await ensureServiceConsumer(jsm, this.options.namespace, this.options.service);
        const js = await this.connector.jetstream();
        const consumer = await js.consumers.get(stream, durable);
        // The callback form: measured in bench/raw.bench.ts at about twice the rate of `for await` over
        // consume() (no promise per message). The callback may not await, so admission to the keyed queue
        // is taken at once when free, else the message waits in `waiting` (arrival order) for drain().
        const messages = await consumer.consume({ max_messages: this.pullBatch(), callback: (msg) => this.receive(msg) });
        this.messages = messages;
        if (!this.running) {
          // close() ran while we were subscribing: nothing would end this consumer otherwise.
          await messages.close().catch(() => undefined);
          break;
        }
        backoff.reset();
        const ended = await messages.closed();
        if (ended instanceof Error) throw ended;
      } catch (error) {
        if (!this.running) break;
        this.logger.warn(`event consumer stopped (${(error as Error).message}); restarting`);
      }
      if (this.running) {
        const delay = backoff.next();
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /**
   * A delivered message: acknowledged at once when this service has no handler for it (one durable
   * consumer sees every awda.> event, most without a handler here, e.g. every sms.status-changed;
   * skipping them has no effect to order), else handed to the per-household queue in arrival order.
   */
  private receive(msg: JsMsg): void {
    if (!this.handlerOf(msg.subject)) {
      this.ack(msg);
      return;
    }
    if (this.waiting.length === 0 && this.queue.tryAdmit()) {
      this.dispatch(msg);
      return;
    }
    this.waiting.push(msg);
    if (!this.draining) void this.drain();
  }

  /** Admits waiting messages one by one, in arrival order, as the queue frees admissions. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.running && this.waiting.length > 0) {
        await this.queue.slot();
        const msg = this.waiting.shift();
        if (msg === undefined || !this.running) {
          this.queue.release();
          break;
        }
        this.dispatch(msg);
      }
    } finally {
      this.draining = false;
    }
  }

  private dispatch(msg: JsMsg): void {
    const key = msg.headers?.get(HEADER_KEY) || `seq:${msg.seq}`;
    void this.queue.run(key, () => this.handleMessage(msg));
  }

  /** Messages pulled at once; also how many may wait in the per-household queue. */
  private pullBatch(): number {
    return Math.max(64, this.options.concurrency * 8, this.options.batch > 1 ? this.options.batch * 4 : 0);
  }

  /** The @EventPattern handler of a wire subject, or null (dead letters, unknown subjects, no handler here). */
  private handlerOf(wire: string): MessageHandler | null {
    let handler = this.handlerCache.get(wire);
    if (handler === undefined) {
      const subject = contractSubject(this.options.namespace, wire);
      handler = !subject.startsWith(DLQ_SUBJECT_PREFIX) && isEventSubject(subject) ? (this.getHandlerByPattern(subject) ?? null) : null;
      this.handlerCache.set(wire, handler);
    }
    return handler;
  }

  /** Acknowledges at the end of this event-loop turn (the handler's transaction has committed). */
  private ack(msg: JsMsg): void {
    this.pendingAcks.push(msg);
    this.ackTimer ??= setImmediate(() => this.flushAcks());
  }

  private flushAcks(): void {
    if (this.ackTimer) clearImmediate(this.ackTimer);
    this.ackTimer = undefined;
    const acks = this.pendingAcks;
    this.pendingAcks = [];
    for (const msg of acks) msg.ack();
  }

  private async handleMessage(msg: JsMsg): Promise<void> {
    const subject = contractSubject(this.options.namespace, msg.subject);
    const deliveries = msg.info.deliveryCount;
    const handler = this.handlerOf(msg.subject);
    if (!handler || !isEventSubject(subject)) {
      this.ack(msg);
      return;
    }
    if (deliveries > 1) awdaMetrics.eventsRedelivered.inc({ subject });
    let raw: unknown;
    try {
      raw = msg.json<unknown>();
    } catch (error) {
      await this.deadLetter(msg, subject, 'malformed', `not JSON: ${(error as Error).message}`);
      return;
    }
    const check = checkEnvelope(subject, raw);
    if (!check.ok) {
      await this.deadLetter(msg, subject, 'contract', check.errors.join('; '));
      return;
    }
    // More deliveries than allowed without a recorded failure: earlier attempts crashed the process.
    if (deliveries > this.options.maxDeliver) {
      await this.deadLetter(msg, subject, 'max_deliver', `delivered ${deliveries} times without completing`);
      return;
    }
    const delivery: Delivery = { msg, subject, deliveries, envelope: check.envelope, handler };
    if (this.batchable(handler)) await this.inBatch(delivery);
    else await this.aloneLimited(() => this.handleAlone(delivery));
  }

  /**
   * At most `concurrency` events handled alone at once: the keyed queue's own limit is raised for
   * batches (a task waiting for its batch holds no connection).
   */
  private async aloneLimited(work: () => Promise<void>): Promise<void> {
    if (this.aloneRunning < this.options.concurrency) this.aloneRunning++;
    else await new Promise<void>((resolve) => this.aloneWaiters.push(resolve));
    try {
      await work();
    } finally {
      const next = this.aloneWaiters.shift();
      if (next) next();
      else this.aloneRunning--;
    }
  }

  /** Today's path: the handler opens its own transaction(s); acknowledged after it resolved. */
  private async handleAlone(delivery: Delivery): Promise<void> {
    const { msg, subject, envelope, handler, deliveries } = delivery;
    const timer = awdaMetrics.handlerSeconds.startTimer({ subject });
    try {
      await runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
        this.invoke(handler, envelope, new JetStreamContext([msg, subject, deliveries])),
      );
      this.ack(msg);
      awdaMetrics.eventsConsumed.inc({ subject, outcome: 'handled' });
    } catch (error) {
      await this.failed(delivery, error);
    } finally {
      timer();
    }
  }

  /** A failed attempt: nak'ed with backoff, or dead-lettered after maxDeliver or when permanent. */
  private async failed(delivery: Delivery, error: unknown): Promise<void> {
    const { msg, subject, envelope, deliveries } = delivery;
    // Logged and dead-lettered: a database error is described without the values it quotes.
    const message = error instanceof PermanentEventError ? error.message : describeError(error);
    if (error instanceof PermanentEventError) {
      await this.deadLetter(msg, subject, 'permanent', message);
    } else if (deliveries >= this.options.maxDeliver) {
      await this.deadLetter(msg, subject, 'handler_failed', message);
    } else {
      const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (deliveries - 1));
      this.logger.warn(`${subject} ${envelope.id} failed (delivery ${deliveries}): ${message}; retry in ${delay} ms`);
      awdaMetrics.eventsConsumed.inc({ subject, outcome: 'failed' });
      msg.nak(delay);
    }
  }

  private batchable(handler: MessageHandler): boolean {
    return this.options.batch > 1 && this.dataSourceOf !== undefined && handler.extras?.['inboxBatch'] !== false;
  }

  /**
   * Queues the delivery for the next batch; resolves once it is settled. The keyed queue runs a key's
   * next event only after this resolves, so a batch never holds two events of one household and each
   * household's events still commit in order.
   */
  private inBatch(delivery: Delivery): Promise<void> {
    return new Promise<void>((settled) => {
      this.batchQueue.push({ ...delivery, settled });
      // One event-loop turn (no timer): what the same socket read delivered goes into one batch.
      this.batchTimer ??= setImmediate(() => {
        this.batchTimer = undefined;
        this.startBatches();
      });
    });
  }

  /**
   * Up to half of `concurrency` batches at once, each on its own connection: a batch holds its
   * connection for all its events (one-event transactions gave theirs back between events), so the
   * other half of the pool stays free for HTTP requests and health checks; fewer, fuller batches also
   * mean fewer commits and fewer lock conflicts between batches.
   */
  private startBatches(): void {
    const parallel = Math.max(1, Math.floor(this.options.concurrency / 2));
    while (this.batchesRunning < parallel && this.batchQueue.length > 0) {
      const entries = this.batchQueue.splice(0, this.options.batch);
      this.batchesRunning++;
      void this.runBatch(entries)
        .catch((error: unknown) => this.logger.error(`event batch failed: ${(error as Error).message}`))
        .finally(() => {
          for (const entry of entries) entry.settled();
          this.batchesRunning--;
          this.startBatches();
        });
    }
  }

  /**
   * BEGIN; per event SAVEPOINT, handler (Inbox.process joins the transaction), ROLLBACK TO SAVEPOINT if
   * it failed; COMMIT; then the acks. An event that failed inside its savepoint is rolled back alone
   * and nak'ed or dead-lettered by the usual rules; a lock conflict with another batch (deadlock,
   * serialization) is retried at once alone. Anything not confined to a savepoint (COMMIT, the
   * connection, a failed ROLLBACK TO) rolls the whole batch back and runs each event alone, today's
   * path: nothing was acknowledged, and the inbox rows make every event apply once.
   *
   * Round trips: one per event besides the handler's own ("RELEASE SAVEPOINT; SAVEPOINT" in one simple
   * query), against BEGIN and COMMIT per event alone; measured in bench/messaging-consumer.
   */
  private async runBatch(entries: BatchEntry[]): Promise<void> {
    const dataSource = this.dataSourceOf?.();
    if (!dataSource?.isInitialized) {
      await Promise.all(entries.map((entry) => this.aloneLimited(() => this.handleAlone(entry))));
      return;
    }
    const done: { entry: BatchEntry; slot: InboxBatchSlot }[] = [];
    const failures: { entry: BatchEntry; error: unknown }[] = [];
    const contended: BatchEntry[] = [];
    let runner: QueryRunner | undefined;
    try {
      runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      for (const [index, entry] of entries.entries()) {
        const { msg, subject, envelope, handler, deliveries } = entry;
        const slot = new InboxBatchSlot(runner.manager);
        const timer = awdaMetrics.handlerSeconds.startTimer({ subject });
        // Releasing the previous event's savepoint keeps its writes (subcommitted) and fails if a
        // handler swallowed a database error (transaction aborted): then the whole batch goes.
        await runner.query(index === 0 ? 'SAVEPOINT awda_event' : 'RELEASE SAVEPOINT awda_event; SAVEPOINT awda_event');
        try {
          await inboxBatchSlot.run(slot, () =>
            runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
              this.invoke(handler, envelope, new JetStreamContext([msg, subject, deliveries])),
            ),
          );
          slot.close();
          done.push({ entry, slot });
        } catch (error) {
          slot.close();
          await runner.query('ROLLBACK TO SAVEPOINT awda_event');
          if (CONTENTION_CODES.has(pgErrorCode(error) ?? '')) contended.push(entry);
          else failures.push({ entry, error });
        } finally {
          timer();
        }
      }
      // COMMIT of an aborted transaction answers ROLLBACK without an error: RELEASE raises it instead.
      await runner.query('RELEASE SAVEPOINT awda_event');
      await runner.commitTransaction();
    } catch (error) {
      if (runner?.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      this.logger.warn(`event batch of ${entries.length} rolled back (${describeError(error)}); handling each event alone`);
      for (const entry of entries) await this.handleAlone(entry);
      return;
    } finally {
      await runner?.release().catch(() => undefined);
    }
    this.failpoint?.(done.length);
    for (const { entry, slot } of done) {
      for (const work of slot.takeAfterCommit()) await runLoggingErrors(work, this.logger);
      this.ack(entry.msg);
      awdaMetrics.eventsConsumed.inc({ subject: entry.subject, outcome: 'handled' });
    }
    for (const { entry, error } of failures) await this.failed(entry, error);
    for (const entry of contended) await this.handleAlone(entry);
  }

  private async invoke(handler: MessageHandler, envelope: EventEnvelope, ctx: JetStreamContext): Promise<void> {
    const result: unknown = await handler(envelope, ctx);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /**
   * Publishes the message, its original headers and the error to awda.dlq.<service>, then
   * terminates it so the consumer moves on. If the dead-letter publish fails, the message is
   * nak'ed and tried again: it is never dropped.
   */
  private async deadLetter(msg: JsMsg, subject: string, reason: DeadLetterReason, error: string): Promise<void> {
    try {
      const h = natsHeaders();
      for (const [k, values] of msg.headers ?? []) {
        if (k === HEADER_MSG_ID) continue;
        for (const v of values) h.append(k, v);
      }
      const originalId = msg.headers?.get(HEADER_MSG_ID) || `seq-${msg.seq}`;
      h.set(HEADER_DLQ_REASON, reason);
      h.set(HEADER_DLQ_ERROR, headerText(error));
      h.set(HEADER_DLQ_ORIGINAL_SUBJECT, subject);
      h.set(HEADER_DLQ_DELIVERIES, String(msg.info.deliveryCount));
      h.set(HEADER_DLQ_CONSUMER, this.options.service);
      const js = await this.connector.jetstream();
      await js.publish(deadLetterSubject(this.options.namespace, this.options.service), msg.data, {
        msgID: `dlq-${this.options.service}-${originalId}`,
        headers: h,
      });
      msg.term(reason);
      awdaMetrics.eventsDeadLettered.inc({ subject, reason });
      awdaMetrics.eventsConsumed.inc({ subject, outcome: 'dead_lettered' });
      this.logger.error(`${subject} dead-lettered (${reason}): ${headerText(error)}`);
    } catch (publishError) {
      this.logger.error(`could not dead-letter ${subject}: ${(publishError as Error).message}`);
      msg.nak(this.options.retryBaseMs);
    }
  }

  /** @MessagePattern handlers: request/reply over core NATS, never the event stream. */
  private async serveRequests(): Promise<void> {
    const patterns = [...this.messageHandlers.entries()].filter(([, h]) => !h.isEventHandler);
    if (patterns.length === 0) return;
    const nc = await this.connector.ready().catch(() => undefined);
    if (!nc || !this.running) return;
    for (const [pattern, handler] of patterns) {
      const sub = nc.subscribe(wireSubject(this.options.namespace, pattern), { queue: this.options.service });
      this.subscriptions.push(sub);
      void (async () => {
        for await (const msg of sub) void this.answer(msg, handler);
      })();
    }
  }

  private async answer(msg: Msg, handler: MessageHandler): Promise<void> {
    const correlationId = msg.headers?.get(HEADER_CORRELATION_ID) || uuidv7();
    try {
      const request: unknown = msg.json<unknown>();
      const reply = await runWithContext({ correlationId }, async () => {
        const result: unknown = await handler(request, undefined);
        return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;
      });
      msg.respond(JSON.stringify({ ok: true, data: reply ?? null }));
    } catch (error) {
      const err = error as { message?: string; code?: string; getError?: () => unknown };
      const detail = typeof err.getError === 'function' ? err.getError() : undefined;
      msg.respond(JSON.stringify({ ok: false, error: detail ?? { code: err.code ?? 'RPC.FAILED', message: err.message } }));
    }
  }
}
