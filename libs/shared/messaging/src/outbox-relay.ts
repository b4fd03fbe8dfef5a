import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  HEADER_CAUSATION_ID,
  HEADER_CORRELATION_ID,
  HEADER_KEY,
  type EventEnvelope,
} from '@awda/contracts';
import { awdaMetrics } from '@awda/observability';
import { execute, pg as column, queryRow, queryRows, z } from '@awda/persistence';
import { Backoff } from './backoff.js';
import { NatsConnector } from './nats-connector.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './options.js';
import { outboxChannel } from './outbox.js';
import { ensureEventStream } from './provision.js';
import { wireSubject } from './names.js';

/** An outbox row as the relay claims it; the envelope is jsonb written by Outbox.enqueue (validated there). */
const outboxRow = z.object({
  id: column.uuid(),
  subject: column.text(),
  envelope: z.custom<EventEnvelope>((value) => typeof value === 'object' && value !== null, 'expected an event envelope object'),
  ordering_key: column.text().nullable(),
});
const gaugeRow = z.object({ pending: column.int(), lag: column.float() });

/** Test hook: runs after the PubAcks and before the rows are marked (a crash there must be safe). */
export type RelayFailpoint = (published: string[]) => Promise<void> | void;

export const OUTBOX_NATS = Symbol('OUTBOX_NATS');

/**
 * Publishes committed outbox rows to JetStream in order, with Nats-Msg-Id = event id, and marks
 * them after the PubAck. Safe with several replicas (FOR UPDATE SKIP LOCKED); keeps retrying
 * while NATS is down; wakes on LISTEN/NOTIFY and polls as a fallback.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A NOTIFY arrived while a batch was being published: the next sleep returns at once. */
  private woken = false;
  private listener?: pg.Client;
  private lastPrune = 0;
  private lastGauge = 0;
  private failing = false;
  private streamReady = false;
  failpoint?: RelayFailpoint;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_NATS) private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.startRelay) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notified();
    // A batch may be waiting for NATS; unpublished rows stay in the outbox for the next start.
    await Promise.race([this.loop, new Promise((r) => setTimeout(r, 5000).unref())]);
    this.loop = undefined;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Publishes one batch; returns how many rows were published. */
  async publishBatch(): Promise<number> {
    const js = await this.nats.jetstream();
    if (!this.streamReady) {
      await ensureEventStream(await this.nats.manager(), this.options.namespace, this.options.streamReplicas);
      this.streamReady = true;
    }
    const table = `"${this.options.schema}".outbox`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows = await queryRows(
        runner,
        'OutboxRelay.claim',
        outboxRow,
        `SELECT id, subject, envelope, ordering_key FROM ${table}
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.outboxBatchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      // Pipelined: sent in order on one connection, acks awaited together.
      const results = await Promise.allSettled(
        rows.map((row) => {
          const h = natsHeaders();
          h.set(HEADER_CORRELATION_ID, row.envelope.correlationId);
          if (row.envelope.causationId) h.set(HEADER_CAUSATION_ID, row.envelope.causationId);
          if (row.ordering_key) h.set(HEADER_KEY, row.ordering_key);
          return js.publish(wireSubject(this.options.namespace, row.subject), JSON.stringify(row.envelope), {
            msgID: row.id,
            headers: h,
            timeout: 5000,
          });
        }),
      );
      const published: string[] = [];
      let firstError: unknown;
      results.forEach((result, i) => {
        const row = rows[i];
        if (!row) return;
        if (result.status === 'fulfilled') {
          published.push(row.id);
          awdaMetrics.eventsPublished.inc({ subject: row.subject });
        } else firstError ??= result.reason;
      });
      if (this.failpoint) await this.failpoint(published);
      if (published.length) {
        await execute(runner, `UPDATE ${table} SET published_at = now() WHERE id = ANY($1::uuid[])`, [published]);
      }
      const failed = rows.filter((r) => !published.includes(r.id)).map((r) => r.id);
      if (failed.length) {
        await execute(runner, `UPDATE ${table} SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`, [
          failed,
          String((firstError as Error | undefined)?.message ?? firstError).slice(0, 500),
        ]);
      }
      await runner.commitTransaction();
      if (firstError) throw firstError;
      return published.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Publishes until the outbox is empty (tests and shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  private async run(): Promise<void> {
    const backoff = new Backoff();
    while (this.running) {
      try {
        const n = await this.publishBatch();
        if (this.failing) this.logger.log('outbox relay publishing again');
        this.failing = false;
        backoff.reset();
        await this.housekeeping();
        if (n < this.options.outboxBatchSize) await this.sleep(this.options.outboxPollMs);
      } catch (error) {
        if (!this.failing) this.logger.warn(`outbox relay cannot publish yet: ${(error as Error).message}`);
        this.failing = true;
        this.streamReady = false;
        await this.updateGauges().catch(() => undefined);
        this.woken = false; // back off even if commits keep notifying
        await this.sleep(backoff.next());
      }
    }
  }

  private notified(): void {
    this.woken = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      // Rows committed while the last batch was in flight: no poll interval to wait out.
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.lastGauge > 5000) {
      this.lastGauge = now;
      await this.updateGauges();
    }
    if (now - this.lastPrune > 10 * 60 * 1000) {
      this.lastPrune = now;
      const removed = await execute(
        this.dataSource,
        `DELETE FROM "${this.options.schema}".outbox
          WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => $1)`,
        [this.options.outboxRetentionHours],
      );
      if (removed !== undefined && removed > 0) this.logger.log(`pruned ${removed} published outbox rows`);
    }
  }

  private async updateGauges(): Promise<void> {
    const row = await queryRow(
      this.dataSource,
      'OutboxRelay.updateGauges',
      gaugeRow,
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS lag
         FROM "${this.options.schema}".outbox WHERE published_at IS NULL`,
    );
    awdaMetrics.outboxPending.set(row?.pending ?? 0);
    awdaMetrics.outboxLagSeconds.set(row?.lag ?? 0);
  }

  /** A dedicated connection LISTENs for commits of new events; reconnects when it drops. */
  private async listen(): Promise<void> {
    // extra.Client: the host-picking client of a multi-host DATABASE_URL (LISTEN needs the primary).
    const options = this.dataSource.options as { url?: string; extra?: { Client?: typeof pg.Client } };
    const Client = options.extra?.Client ?? pg.Client;
    while (this.running && !this.listener) {
      const client = new Client({ connectionString: options.url });
      try {
        await client.connect();
        client.on('notification', () => this.notified());
        client.on('error', () => {
          this.listener = undefined;
          void client.end().catch(() => undefined);
          if (this.running) setTimeout(() => void this.listen(), 1000);
        });
        await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
        if (!this.running) {
          await client.end();
          return;
        }
        this.listener = client;
      } catch {
        await client.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
