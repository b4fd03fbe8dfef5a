// The messaging library's own ceiling on the consumer path, without any service: events already in
// the stream are consumed by JetStreamServer (envelope parsed and validated, per-key ordering queue,
// ack after the handler) with (a) a no-op handler, (b) a handler that only records the event in the
// inbox (processed_events), once with one transaction per event (MESSAGING_BATCH=1) and once with
// several events per transaction, each in its own SAVEPOINT (MESSAGING_BATCH, default 32), and (c) no
// handler at all (what every service does with the events of other services it does not handle).
// Baseline: raw durable pull consume on the same server in the same run.
import { performance } from 'node:perf_hooks';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AREA_STATUS_CHANGED_V1, HEADER_KEY, type EventEnvelope } from '@awda/contracts';
import {
  consumerName,
  ensureEventStream,
  eventStreamName,
  Inbox,
  JetStreamServer,
  messagingOptions,
  MessagingTables1764374400000,
  wireSubject,
} from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor } from '@awda/testing';
import { measureJetStream } from './lib/raw-baselines.js';
import { machine, writeReport, type BenchFigure } from './lib/report.js';

const EVENTS = Number(process.env['BENCH_CONSUMER_EVENTS'] ?? 20_000);
const KEYS = Number(process.env['BENCH_CONSUMER_KEYS'] ?? 2_000);
const CONCURRENCY = Number(process.env['BENCH_CONSUMER_CONCURRENCY'] ?? 8);
const BATCH = Number(process.env['MESSAGING_BATCH'] ?? 32);
const log = (msg: string) => console.log(`[messaging-consumer ${new Date().toISOString().slice(11, 19)}] ${msg}`);

const broker = await createTestBroker();
const db = await createTestDatabase('bench');
const servers: JetStreamServer[] = [];
let dataSource: DataSource | undefined;

/** Transactions committed in this database so far (pg_stat_database; counts lag by up to a second). */
async function commits(source: DataSource): Promise<number> {
  await new Promise((r) => setTimeout(r, 1500));
  const rows: { n: string }[] = await source.query('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0]?.n ?? 0);
}

/** Consumes the whole stream with a fresh durable consumer named `service`; events per second. */
async function consumeAll(
  service: string,
  handler: ((envelope: EventEnvelope) => Promise<void>) | null,
  batch = 1,
  batchSource?: DataSource,
): Promise<number> {
  let handled = 0;
  const server = new JetStreamServer({ service, schema: service, natsUrl: broker.url, namespace: broker.namespace, concurrency: CONCURRENCY, batch });
  if (batchSource) server.useDataSource(() => batchSource);
  servers.push(server);
  if (handler) {
    server.addHandler(
      AREA_STATUS_CHANGED_V1,
      async (envelope: EventEnvelope) => {
        await handler(envelope);
        handled++;
      },
      true,
    );
  }
  const stream = eventStreamName(broker.namespace);
  const durable = consumerName(broker.namespace, service);
  const start = performance.now();
  server.listen(() => undefined);
  await waitFor(
    `${service} to consume ${EVENTS} events`,
    async () => {
      if (handler) return handled >= EVENTS;
      const info = await broker.jsm.consumers.info(stream, durable).catch(() => undefined);
      return info !== undefined && info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= EVENTS;
    },
    { timeoutMs: 30 * 60_000, intervalMs: 20 },
  );
  const rate = EVENTS / ((performance.now() - start) / 1000);
  await server.close();
  return rate;
}

try {
  log('raw JetStream baseline on the same server…');
  const raw = await measureJetStream(broker.url, 20_000);
  log(`raw: consume ${raw.consumePerSec.toFixed(0)}/s, publish pipelined ${raw.publishPipelinedPerSec.toFixed(0)}/s`);

  // ---- the events: area.status-changed envelopes, KEYS distinct ordering keys ----
  await ensureEventStream(broker.jsm, broker.namespace);
  const nc = await connect({ servers: broker.url });
  const js = jetstream(nc);
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < EVENTS; i++) {
    const envelope: EventEnvelope = {
      id: uuidv7(),
      type: AREA_STATUS_CHANGED_V1,
      occurredAt: new Date().toISOString(),
      producer: 'bench',
      correlationId: uuidv7(),
      causationId: null,
      data: { areaCode: `SY${String(10_000 + (i % KEYS)).padStart(6, '0')}`, status: 'closed', previousStatus: 'open', reason: 'bench', effectiveFrom: new Date().toISOString(), version: 1 },
    };
    const h = natsHeaders();
    h.set(HEADER_KEY, `key-${i % KEYS}`);
    const p = js.publish(wireSubject(broker.namespace, AREA_STATUS_CHANGED_V1), JSON.stringify(envelope), { msgID: envelope.id, headers: h }).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 256) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await nc.close();
  log(`${EVENTS} events in the stream, ${KEYS} ordering keys; concurrency ${CONCURRENCY}`);

  const noHandler = await consumeAll('nohandler', null);
  log(`no handler (acked at once): ${noHandler.toFixed(0)}/s`);
  const noop = await consumeAll('noop', async () => undefined);
  log(`no-op handler: ${noop.toFixed(0)}/s`);

  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  await admin.query('CREATE SCHEMA inbox');
  await admin.end();
  dataSource = new DataSource({ type: 'postgres', url: db.url, schema: 'inbox', entities: [], extra: { max: CONCURRENCY + 2 } });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await new MessagingTables1764374400000().up(runner);
  await runner.release();
  const inbox = new Inbox(dataSource, messagingOptions({ service: 'inbox', schema: 'inbox' }));
  const commitsBefore = await commits(dataSource);
  const inboxRate = await consumeAll('inbox', async (envelope) => {
    await inbox.process(envelope, async () => undefined);
  });
  log(`inbox only (one transaction per event): ${inboxRate.toFixed(0)}/s`);
  const commitsSingle = (await commits(dataSource)) - commitsBefore;
  const batchInbox = new Inbox(dataSource, messagingOptions({ service: 'inboxbatch', schema: 'inbox' }));
  const batchSource = dataSource;
  const batchRate = await consumeAll(
    'inboxbatch',
    async (envelope) => {
      await batchInbox.process(envelope, async () => undefined);
    },
    BATCH,
    batchSource,
  );
  const commitsBatch = (await commits(dataSource)) - commitsBefore - commitsSingle;
  log(`inbox only, batches of up to ${BATCH} events per transaction: ${batchRate.toFixed(0)}/s`);
  log(`PostgreSQL commits (pg_stat_database, approximate): ${commitsSingle} one per event, ${commitsBatch} batched`);

  const figure = (metric: string, value: number): BenchFigure => ({
    metric,
    value,
    unit: 'events/s',
    baseline: 'raw JetStream pull consume (batch 1000)',
    baselineValue: raw.consumePerSec,
    ratio: value / raw.consumePerSec,
    note: `${EVENTS} events, ${KEYS} keys, MESSAGING_CONCURRENCY ${CONCURRENCY}`,
  });
  writeReport({
    name: 'messaging-consumer',
    startedAt: new Date().toISOString(),
    machine: machine(),
    figures: [
      figure('consume, events without a handler (acknowledged at once)', noHandler),
      figure('consume, no-op handler (parse, validate, per-key queue, ack)', noop),
      figure('consume, handler = inbox row only (one PostgreSQL transaction per event)', inboxRate),
      figure(`consume, handler = inbox row only (MESSAGING_BATCH ${BATCH}: one transaction per batch, a savepoint per event)`, batchRate),
    ],
    extra: { events: EVENTS, keys: KEYS, concurrency: CONCURRENCY, batch: BATCH, commits: { onePerEvent: commitsSingle, batched: commitsBatch }, raw },
  });
} finally {
  for (const server of servers) await server.close().catch(() => undefined);
  await dataSource?.destroy().catch(() => undefined);
  await broker.cleanup();
  await db.drop();
}
