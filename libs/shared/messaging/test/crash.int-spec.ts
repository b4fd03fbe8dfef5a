import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { AREA_STATUS_CHANGED_V1, HEADER_KEY } from '@awda/contracts';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import { consumerName, ensureEventStream, eventStreamName, wireSubject } from '../src/index.js';
import { attempts, startFixture, type FixtureApp } from './fixture.js';

let db: TestDatabase;
let broker: TestBroker;
let restarted: FixtureApp | undefined;

beforeAll(async () => {
  db = await createTestDatabase('crash');
  broker = await createTestBroker();
});

afterAll(async () => {
  await restarted?.close();
  await broker.cleanup();
  await db.drop();
});

/** Runs the batch consumer as a child process until it kills itself after a batch's COMMIT. */
async function runCrashingConsumer(): Promise<{ output: string; signal: NodeJS.Signals | null }> {
  const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  const child = spawn(process.execPath, ['--import', here('ts-register.mjs'), here('crash-consumer.ts'), db.url, broker.url, broker.namespace], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
  return { output, signal };
}

describe('a consumer killed between a batch COMMIT and its acknowledgements', () => {
  it('should apply every event exactly once after the restart (the redelivered ones are found in the inbox)', async () => {
    await ensureEventStream(broker.jsm, broker.namespace);
    const js = jetstream(broker.nc);
    const codes = Array.from({ length: 20 }, (_, index) => `KC${String(index).padStart(4, '0')}`);
    for (const [index, code] of codes.entries()) {
      const envelope = {
        id: uuidv7(),
        type: AREA_STATUS_CHANGED_V1,
        occurredAt: new Date().toISOString(),
        producer: 'test',
        correlationId: uuidv7(),
        causationId: null,
        data: { areaCode: code, status: 'closed', previousStatus: 'open', reason: null, effectiveFrom: new Date().toISOString(), version: 1 },
      };
      const h = natsHeaders();
      h.set(HEADER_KEY, `household-${index}`);
      await js.publish(wireSubject(broker.namespace, AREA_STATUS_CHANGED_V1), JSON.stringify(envelope), { msgID: envelope.id, headers: h });
    }

    const crash = await runCrashingConsumer();
    expect(crash.signal).toBe('SIGKILL');
    const committed = Number(/committed (\d+)/.exec(crash.output)?.[1] ?? 0);
    expect(committed).toBeGreaterThanOrEqual(2);

    // What the killed process committed: in the database, and still unacknowledged in JetStream.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const committedCodes = (await client.query<{ area_code: string }>('SELECT area_code FROM crash.side_effects')).rows.map((row) => row.area_code);
    await client.end();
    expect(committedCodes.length).toBeGreaterThanOrEqual(committed);
    const info = await broker.jsm.consumers.info(eventStreamName(broker.namespace), consumerName(broker.namespace, 'crash'));
    expect(info.num_ack_pending).toBeGreaterThanOrEqual(committed);

    // Restarted, the consumer gets them again once ack_wait (30 s) has passed.
    restarted = await startFixture(db.url, {
      service: 'crash',
      schema: 'crash',
      natsUrl: broker.url,
      namespace: broker.namespace,
      startRelay: false,
      batch: 32,
      retryBaseMs: 50,
      retryMaxMs: 200,
      maxDeliver: 4,
    });
    const app = restarted;
    const countRows = async (sql: string): Promise<number> => ((await app.dataSource.query(sql)) as { n: number }[])[0]?.n ?? 0;
    await waitFor(
      'every event handled after the restart and nothing left to acknowledge',
      async () => {
        const consumer = await broker.jsm.consumers.info(eventStreamName(broker.namespace), consumerName(broker.namespace, 'crash'));
        return (await countRows('SELECT count(*)::int AS n FROM crash.side_effects')) === codes.length && consumer.num_ack_pending === 0 && consumer.num_pending === 0;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    const perCode = (await app.dataSource.query('SELECT area_code, count(*)::int AS n FROM crash.side_effects GROUP BY area_code ORDER BY area_code')) as {
      area_code: string;
      n: number;
    }[];
    expect(perCode).toEqual(codes.map((code) => ({ area_code: code, n: 1 })));
    expect(await countRows('SELECT count(*)::int AS n FROM crash.processed_events')).toBe(codes.length);
    // The committed events were delivered again (their acks were lost) and skipped by the inbox.
    for (const code of committedCodes) expect(attempts.get(code)).toBeGreaterThanOrEqual(1);
  });
});
