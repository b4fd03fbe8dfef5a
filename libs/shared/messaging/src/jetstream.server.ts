import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { headers as natsHeaders, type Msg, type Subscription } from '@nats-io/nats-core';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { isObservable, lastValueFrom } from 'rxjs';
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
import { Backoff } from './backoff.js';
import { PermanentEventError } from './errors.js';
import { JetStreamContext } from './jetstream.context.js';
import { KeyedQueue } from './keyed-queue.js';
import { contractSubject, deadLetterSubject, DLQ_SUBJECT_PREFIX, wireSubject } from './names.js';
import { NatsConnector } from './nats-connector.js';
import { messagingOptions, type MessagingOptions } from './options.js';
import { ensureEventStream, ensureServiceConsumer } from './provision.js';

type DeadLetterReason = 'malformed' | 'contract' | 'handler_failed' | 'permanent' | 'max_deliver';

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

  constructor(options: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>) {
    super();
    this.options = messagingOptions(options);
    this.connector = new NatsConnector(this.options.natsUrl, `${this.options.service}-consumer`);
    this.queue = new KeyedQueue(this.options.concurrency, this.pullBatch());
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
    return Math.max(64, this.options.concurrency * 8);
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
    const envelope = check.envelope;
    const timer = awdaMetrics.handlerSeconds.startTimer({ subject });
    try {
      await runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
        this.invoke(handler, envelope, new JetStreamContext([msg, subject, deliveries])),
      );
      this.ack(msg);
      awdaMetrics.eventsConsumed.inc({ subject, outcome: 'handled' });
    } catch (error) {
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
    } finally {
      timer();
    }
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
