// Raw limits of this machine, measured with the plain clients (no Awda code), so that every Awda
// figure can be printed as a ratio to a baseline taken in the same run.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';

/** A row about the size of a household snapshot event (~600 bytes of JSON). */
export function sampleRow(i: number): { id: string; camp: string; body: string } {
  return {
    id: uuidv7(),
    camp: 'mahmoudli',
    body: JSON.stringify({ i, caseNumber: `MHM-${i}`, pad: randomBytes(240).toString('hex') }),
  };
}

export interface PgBaseline {
  batchedInsertRowsPerSec: number;
  copyRowsPerSec: number;
  /** One transaction = one business row + one outbox row, 8 connections. */
  txPerSec: number;
}

async function withScratchTable<T>(url: string, fn: (client: pg.Client, table: string) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `bench_raw_${Date.now().toString(36)}`;
  await client.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${table}_probe (x int)`);
  await client.query(`DROP TABLE ${table}_probe`);
  await client.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, camp text NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  try {
    return await fn(client, table);
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}

export async function measurePg(url: string, rows = 50_000): Promise<PgBaseline> {
  const batchedInsertRowsPerSec = await withScratchTable(url, async (client, table) => {
    const start = performance.now();
    for (let offset = 0; offset < rows; offset += 500) {
      const params: unknown[] = [];
      const values: string[] = [];
      for (let i = offset; i < Math.min(rows, offset + 500); i++) {
        const r = sampleRow(i);
        values.push(`($${params.length + 1}, $${params.length + 2}, $${params.length + 3})`);
        params.push(r.id, r.camp, r.body);
      }
      await client.query(`INSERT INTO ${table} (id, camp, body) VALUES ${values.join(',')}`, params);
    }
    return rows / ((performance.now() - start) / 1000);
  });
  const copyRowsPerSec = await withScratchTable(url, async (client, table) => {
    const start = performance.now();
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < rows; i++) {
          const r = sampleRow(i);
          yield `${r.id}\t${r.camp}\t${r.body.replace(/\\/g, '\\\\')}\n`;
        }
      })(),
    );
    await pipeline(source, client.query(copyFrom(`COPY ${table} (id, camp, body) FROM STDIN`)));
    return rows / ((performance.now() - start) / 1000);
  });
  const txPerSec = await withScratchTable(url, async (client, table) => {
    await client.query(`CREATE TABLE ${table}_outbox (id uuid PRIMARY KEY, subject text, envelope jsonb)`);
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    const total = Math.min(rows, 10_000);
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = await pool.connect();
        try {
          while (next < total) {
            const r = sampleRow(next++);
            await c.query('BEGIN');
            await c.query(`INSERT INTO ${table} (id, camp, body) VALUES ($1, $2, $3)`, [r.id, r.camp, r.body]);
            await c.query(`INSERT INTO ${table}_outbox (id, subject, envelope) VALUES ($1, 'x', $2)`, [uuidv7(), r.body]);
            await c.query('COMMIT');
          }
        } finally {
          c.release();
        }
      }),
    );
    const rate = total / ((performance.now() - start) / 1000);
    await pool.end();
    await client.query(`DROP TABLE ${table}_outbox`);
    return rate;
  });
  return { batchedInsertRowsPerSec, copyRowsPerSec, txPerSec };
}

export interface JetStreamBaseline {
  publishSyncPerSec: number;
  publishPipelinedPerSec: number;
  consumePerSec: number;
}

/** Publish-with-ack (one at a time and 256 in flight) and durable pull consume of ~600-byte messages. */
export async function measureJetStream(natsUrl: string, messages = 20_000): Promise<JetStreamBaseline> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `BENCH_RAW_${Date.now().toString(36).toUpperCase()}`;
  const subject = `${stream.toLowerCase()}.events`;
  await jsm.streams.add({ name: stream, subjects: [`${subject}`] });
  const payload = JSON.stringify({ ...sampleRow(0), type: 'awda.bench.raw.v1' });
  try {
    const syncCount = Math.min(messages, 5000);
    let start = performance.now();
    for (let i = 0; i < syncCount; i++) await js.publish(subject, payload, { msgID: uuidv7() });
    const publishSyncPerSec = syncCount / ((performance.now() - start) / 1000);

    start = performance.now();
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < messages; i++) {
      const p = js.publish(subject, payload, { msgID: uuidv7() }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 256) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const publishPipelinedPerSec = messages / ((performance.now() - start) / 1000);

    await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
    const consumer = await js.consumers.get(stream, 'bench');
    const total = syncCount + messages;
    let received = 0;
    start = performance.now();
    const iter = await consumer.consume({ max_messages: 1000 });
    for await (const m of iter) {
      m.ack();
      if (++received >= total) break;
    }
    const consumePerSec = total / ((performance.now() - start) / 1000);
    return { publishSyncPerSec, publishPipelinedPerSec, consumePerSec };
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
}

export interface PullConsumeForms {
  /** `for await (const m of await consumer.consume({ max_messages }))`, one pass per round. */
  iteratorPerSec: number[];
  /** `consumer.consume({ max_messages, callback })`, one pass per round. */
  callbackPerSec: number[];
  messages: number;
}

/**
 * The two pull-consume forms of the same client on the same stream, explicit ack, batches of 1000:
 * alternated (iterator, callback, iterator, callback, …) with a fresh durable consumer per pass, so
 * that noise on a shared machine hits both.
 */
export async function measurePullConsumeForms(natsUrl: string, messages = 50_000, rounds = 3): Promise<PullConsumeForms> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `BENCH_FORMS_${Date.now().toString(36).toUpperCase()}`;
  const subject = `${stream.toLowerCase()}.events`;
  await jsm.streams.add({ name: stream, subjects: [subject] });
  const payload = JSON.stringify({ ...sampleRow(0), type: 'awda.bench.raw.v1' });
  const result: PullConsumeForms = { iteratorPerSec: [], callbackPerSec: [], messages };
  try {
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < messages; i++) {
      const p = js.publish(subject, payload, { msgID: uuidv7() }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 256) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    let pass = 0;
    const durable = async () => {
      const name = `forms-${pass++}`;
      await jsm.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
      return js.consumers.get(stream, name);
    };
    for (let round = 0; round < rounds; round++) {
      let consumer = await durable();
      let received = 0;
      let start = performance.now();
      const iter = await consumer.consume({ max_messages: 1000 });
      for await (const m of iter) {
        m.ack();
        if (++received >= messages) break;
      }
      result.iteratorPerSec.push(messages / ((performance.now() - start) / 1000));

      consumer = await durable();
      received = 0;
      start = performance.now();
      await new Promise<void>((resolve, reject) => {
        consumer
          .consume({
            max_messages: 1000,
            callback: (m) => {
              m.ack();
              if (++received === messages) resolve();
            },
          })
          .then((messagesHandle) => {
            void messagesHandle.closed().then(() => undefined, reject);
            void new Promise<void>((done) => {
              const check = setInterval(() => {
                if (received >= messages) {
                  clearInterval(check);
                  void messagesHandle.close().then(() => done());
                }
              }, 5);
            });
          }, reject);
      });
      result.callbackPerSec.push(messages / ((performance.now() - start) / 1000));
    }
    return result;
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  }
}
