import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { AREA_STATUS_CHANGED_V1, HEADER_KEY } from '@awda/contracts';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import { ensureEventStream, eventStreamName, OutboxRelay, readDeadLetters, wireSubject } from '../src/index.js';
import { attempts, committed, failurePlan, startFixture, type FixtureApp } from './fixture.js';

let db: TestDatabase;
let broker: TestBroker;
const apps: FixtureApp[] = [];

beforeAll(async () => {
  db = await createTestDatabase('messaging');
  broker = await createTestBroker();
});

afterEach(async () => {
  while (apps.length) await apps.pop()?.close();
});

afterAll(async () => {
  await broker.cleanup();
  await db.drop();
});

const fast = { retryBaseMs: 50, retryMaxMs: 200, outboxPollMs: 100, maxDeliver: 4 };

async function producer(extra: Record<string, unknown> = {}): Promise<FixtureApp> {
  const app = await startFixture(db.url, {
    service: 'producer',
    schema: 'producer',
    natsUrl: broker.url,
    namespace: broker.namespace,
    startConsumer: false,
    ...fast,
    ...extra,
  });
  apps.push(app);
  return app;
}

async function consumer(extra: Record<string, unknown> = {}): Promise<FixtureApp> {
  const app = await startFixture(db.url, {
    service: 'consumer',
    schema: 'consumer',
    natsUrl: broker.url,
    namespace: broker.namespace,
    startRelay: false,
    ...fast,
    ...extra,
  });
  apps.push(app);
  return app;
}

async function sideEffects(app: FixtureApp, code: string): Promise<number> {
  const rows: { n: number }[] = await app.dataSource.query(
    'SELECT count(*)::int AS n FROM consumer.side_effects WHERE area_code = $1',
    [code],
  );
  return rows[0]?.n ?? 0;
}

async function messagesOn(subject: string): Promise<number> {
  const info = await broker.jsm.streams.info(eventStreamName(broker.namespace), {
    subjects_filter: wireSubject(broker.namespace, subject),
  });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

function areaEvent(code: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuidv7(),
    type: AREA_STATUS_CHANGED_V1,
    occurredAt: new Date().toISOString(),
    producer: 'test',
    correlationId: 'corr-test',
    causationId: null,
    data: { areaCode: code, status: 'closed', previousStatus: 'open', reason: null, effectiveFrom: new Date().toISOString(), version: 1 },
    ...overrides,
  };
}

async function publishRaw(body: string, msgId = uuidv7()): Promise<void> {
  const h = natsHeaders();
  h.set('Nats-Msg-Id', msgId);
  const js = (await import('@nats-io/jetstream')).jetstream(broker.nc);
  await js.publish(wireSubject(broker.namespace, AREA_STATUS_CHANGED_V1), body, { headers: h });
}

describe('JetStream messaging on the real servers', () => {
  it('(a) should handle an event published while its consumer was down once the consumer starts', async () => {
    const prod = await producer();
    const res = await request(prod.app.getHttpServer()).post('/areas').send({ code: 'SY0101' }).expect(201);
    const eventId = (res.body as { eventId: string }).eventId;
    await waitFor('the relay to publish', async () => (await messagesOn(AREA_STATUS_CHANGED_V1)) >= 1);

    const cons = await consumer();
    await waitFor('the side effect', async () => (await sideEffects(cons, 'SY0101')) === 1);
    const processed: unknown[] = await cons.dataSource.query(
      'SELECT 1 FROM consumer.processed_events WHERE event_id = $1',
      [eventId],
    );
    expect(processed).toHaveLength(1);
  });

  it('(b) should apply the side effect exactly once when the handler fails twice then succeeds', async () => {
    const cons = await consumer();
    failurePlan.set('SY0202', 2);
    await publishRaw(JSON.stringify(areaEvent('SY0202')));
    await waitFor('the third attempt to succeed', async () => (await sideEffects(cons, 'SY0202')) === 1);
    expect(attempts.get('SY0202')).toBe(3);
    expect(failurePlan.get('SY0202')).toBe(0);
    // Nothing more arrives: give the consumer a moment of further activity, then count again.
    await publishRaw(JSON.stringify(areaEvent('SY0203')));
    await waitFor('a later event', async () => (await sideEffects(cons, 'SY0203')) === 1);
    expect(await sideEffects(cons, 'SY0202')).toBe(1);
  });

  it('(c) should apply the side effect once when the same event is delivered twice', async () => {
    const cons = await consumer();
    const event = areaEvent('SY0303');
    // Two publishes with different Nats-Msg-Id: the broker cannot dedupe, the inbox must.
    await publishRaw(JSON.stringify(event));
    await publishRaw(JSON.stringify(event));
    await publishRaw(JSON.stringify(areaEvent('SY0304')));
    await waitFor('both deliveries and a later event', async () =>
      (attempts.get('SY0303') ?? 0) >= 2 && (await sideEffects(cons, 'SY0304')) === 1,
    );
    expect(await sideEffects(cons, 'SY0303')).toBe(1);
  });

  it('(d) should publish again after a crash between PubAck and marking, and the stream should hold the event once', async () => {
    const prod = await producer({ startRelay: false });
    const relay = prod.app.get(OutboxRelay);
    const before = await messagesOn(AREA_STATUS_CHANGED_V1);
    const res = await request(prod.app.getHttpServer()).post('/areas').send({ code: 'SY0404' }).expect(201);
    const eventId = (res.body as { eventId: string }).eventId;

    relay.failpoint = () => {
      throw new Error('failpoint: crash after PubAck');
    };
    await expect(relay.publishBatch()).rejects.toThrow('failpoint');
    expect(await messagesOn(AREA_STATUS_CHANGED_V1)).toBe(before + 1);
    const [row] = (await prod.dataSource.query('SELECT published_at FROM producer.outbox WHERE id = $1', [eventId])) as {
      published_at: Date | null;
    }[];
    expect(row?.published_at).toBeNull();

    relay.failpoint = undefined;
    expect(await relay.drain()).toBeGreaterThanOrEqual(1);
    const [after] = (await prod.dataSource.query('SELECT published_at FROM producer.outbox WHERE id = $1', [eventId])) as {
      published_at: Date | null;
    }[];
    expect(after?.published_at).toBeInstanceOf(Date);
    // Re-published with the same Nats-Msg-Id: JetStream dropped the duplicate.
    expect(await messagesOn(AREA_STATUS_CHANGED_V1)).toBe(before + 1);
  });

  it('(e) should dead-letter a malformed payload with its reason and still handle the next message', async () => {
    const cons = await consumer();
    await publishRaw(JSON.stringify(areaEvent('not a code!')));
    await publishRaw('{ this is not json');
    await publishRaw(JSON.stringify(areaEvent('SY0505')));
    await waitFor('the next valid event', async () => (await sideEffects(cons, 'SY0505')) === 1);
    const letters = await waitFor('two dead letters', async () => {
      const found = await readDeadLetters(broker.jsm, broker.namespace, 'consumer');
      return found.length >= 2 ? found : undefined;
    });
    const reasons = letters.map((l) => `${l.reason}|${l.error}`);
    expect(reasons.some((r) => r.startsWith('contract|') && r.includes('data.areaCode'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('malformed|'))).toBe(true);
    expect(letters.every((l) => l.originalSubject === AREA_STATUS_CHANGED_V1)).toBe(true);
    expect(attempts.has('not a code!')).toBe(false);
  });

  it('(g) should carry the request correlation id into the event and on into every event it causes', async () => {
    const prod = await producer();
    const cons = await consumer();
    const res = await request(prod.app.getHttpServer())
      .post('/areas')
      .set('x-correlation-id', 'req-corr-42')
      .send({ code: 'CA0707' })
      .expect(201);
    const firstId = (res.body as { eventId: string }).eventId;
    await waitFor('the consumer to handle it', async () => (await sideEffects(cons, 'CA0707')) === 1);
    const rows = (await cons.dataSource.query(
      `SELECT envelope FROM consumer.outbox WHERE envelope->'data'->>'areaCode' = 'CB0707'`,
    )) as { envelope: { correlationId: string; causationId: string | null; producer: string } }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.envelope.correlationId).toBe('req-corr-42');
    expect(rows[0]?.envelope.causationId).toBe(firstId);
    expect(rows[0]?.envelope.producer).toBe('consumer');
  });

  it('(h) should apply each key\'s events in publish order when more arrive than the consumer admits at once', async () => {
    // Published before the consumer starts, 400 events on 4 keys: far more than the 64 the queue admits
    // (concurrency 2), so most wait for an admission after delivery; each key's must still run in order.
    await ensureEventStream(broker.jsm, broker.namespace);
    const js = (await import('@nats-io/jetstream')).jetstream(broker.nc);
    const expected = new Map<string, string[]>();
    for (let index = 0; index < 400; index += 1) {
      const key = `household-${index % 4}`;
      const code = `OR${index % 4}${String(index).padStart(4, '0')}`;
      expected.set(key, [...(expected.get(key) ?? []), code]);
      const h = natsHeaders();
      h.set('Nats-Msg-Id', uuidv7());
      h.set(HEADER_KEY, key);
      await js.publish(wireSubject(broker.namespace, AREA_STATUS_CHANGED_V1), JSON.stringify(areaEvent(code)), { headers: h });
    }
    const cons = await consumer({ concurrency: 2 });
    await waitFor('all 400 events handled', async () => committed.filter((code) => code.startsWith('OR')).length >= 400);
    for (const [key, codes] of expected) {
      expect(committed.filter((code) => code.startsWith(`OR${key.slice(-1)}`))).toEqual(codes);
    }
    const rows: { n: number }[] = await cons.dataSource.query(`SELECT count(*)::int AS n FROM consumer.side_effects WHERE area_code LIKE 'OR%'`);
    expect(rows[0]?.n).toBe(400);
  });

  it('(e2) should dead-letter an event whose handler keeps failing after maxDeliver attempts', async () => {
    const cons = await consumer();
    failurePlan.set('SY0606', 100);
    await publishRaw(JSON.stringify(areaEvent('SY0606')));
    await waitFor('the dead letter', async () =>
      (await readDeadLetters(broker.jsm, broker.namespace, 'consumer')).some((l) => l.reason === 'handler_failed'),
    );
    expect(attempts.get('SY0606')).toBe(4);
    const letter = (await readDeadLetters(broker.jsm, broker.namespace, 'consumer')).find((l) => l.reason === 'handler_failed');
    expect(letter?.error).toContain('simulated failure for SY0606');
    expect(await sideEffects(cons, 'SY0606')).toBe(0);
  });

  it('(i) should roll back a failing event of a batch alone while the others commit together once', async () => {
    // Published before the consumer starts: delivered together, one key each, so they share batches.
    await ensureEventStream(broker.jsm, broker.namespace);
    const codes = Array.from({ length: 12 }, (_, index) => `BT${String(index).padStart(4, '0')}`);
    failurePlan.set('BT0003', 1);
    failurePlan.set('BT0007', 100);
    for (const code of codes) await publishRaw(JSON.stringify(areaEvent(code)));
    const cons = await consumer({ batch: 32 });
    await waitFor('the dead letter of BT0007', async () =>
      (await readDeadLetters(broker.jsm, broker.namespace, 'consumer')).some((l) => l.error.includes('BT0007')),
    );
    await waitFor('BT0003 retried alone', async () => (await sideEffects(cons, 'BT0003')) === 1);
    const rows: { area_code: string; tx: string }[] = await cons.dataSource.query(
      `SELECT area_code, tx::text AS tx FROM consumer.side_effects WHERE area_code LIKE 'BT%' ORDER BY area_code`,
    );
    // Every event but the dead-lettered one applied exactly once; its savepoint left nothing behind.
    expect(rows.map((r) => r.area_code)).toEqual(codes.filter((code) => code !== 'BT0007'));
    for (const code of codes) expect(attempts.get(code)).toBe(code === 'BT0003' ? 2 : code === 'BT0007' ? 4 : 1);
    // The first failure did not hold the others back: they committed in shared transactions without it.
    const txOf = new Map(rows.map((r) => [r.area_code, r.tx]));
    const others = rows.filter((r) => r.area_code !== 'BT0003');
    expect(new Set(others.map((r) => r.tx)).size).toBeLessThan(others.length);
    expect(others.some((r) => r.tx === txOf.get('BT0003'))).toBe(false);
    const processed: { n: number }[] = await cons.dataSource.query(
      `SELECT count(*)::int AS n FROM consumer.processed_events WHERE event_id IN (SELECT event_id FROM consumer.side_effects WHERE area_code LIKE 'BT%')`,
    );
    expect(processed[0]?.n).toBe(11);
  });

  it('(i1) should handle each event in its own transaction with MESSAGING_BATCH 1', async () => {
    await ensureEventStream(broker.jsm, broker.namespace);
    const codes = Array.from({ length: 6 }, (_, index) => `BU${String(index).padStart(4, '0')}`);
    for (const code of codes) await publishRaw(JSON.stringify(areaEvent(code)));
    const cons = await consumer({ batch: 1 });
    await waitFor('all six', async () => {
      const rows: { n: number }[] = await cons.dataSource.query(`SELECT count(*)::int AS n FROM consumer.side_effects WHERE area_code LIKE 'BU%'`);
      return rows[0]?.n === 6;
    });
    const rows: { n: number }[] = await cons.dataSource.query(`SELECT count(DISTINCT tx)::int AS n FROM consumer.side_effects WHERE area_code LIKE 'BU%'`);
    expect(rows[0]?.n).toBe(6);
  });
});

describe('Outbox while NATS is unreachable', () => {
  let natsProcess: ChildProcess | undefined;
  let storeDir: string;
  let port: number;

  async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const address = srv.address();
        srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
  }

  async function startNats(): Promise<void> {
    natsProcess = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    await waitFor('nats-server to accept connections', async () => {
      const nc = await connect({ servers: `nats://127.0.0.1:${port}`, timeout: 500 }).catch(() => undefined);
      if (!nc) return false;
      await nc.close();
      return true;
    });
  }

  async function stopNats(): Promise<void> {
    const proc = natsProcess;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  beforeAll(async () => {
    storeDir = mkdtempSync(join(tmpdir(), 'awda-nats-'));
    port = await freePort();
  });

  afterAll(async () => {
    await stopNats();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('(f) should keep accepting requests without NATS and publish the events once NATS is back', async () => {
    await startNats();
    const url = `nats://127.0.0.1:${port}`;
    const prod = await producer({ natsUrl: url, outboxPollMs: 100 });
    await request(prod.app.getHttpServer()).post('/areas').send({ code: 'SY0701' }).expect(201);
    await waitFor('the first event to be published', async () => {
      const rows: unknown[] = await prod.dataSource.query('SELECT 1 FROM producer.outbox WHERE published_at IS NULL');
      return rows.length === 0;
    });

    await stopNats();
    for (const code of ['SY0702', 'SY0703', 'SY0704']) {
      await request(prod.app.getHttpServer()).post('/areas').send({ code }).expect(201);
    }
    const pending: unknown[] = await prod.dataSource.query('SELECT 1 FROM producer.outbox WHERE published_at IS NULL');
    expect(pending).toHaveLength(3);

    await startNats();
    await waitFor(
      'the outbox to drain after NATS returned',
      async () => {
        const rows: unknown[] = await prod.dataSource.query('SELECT 1 FROM producer.outbox WHERE published_at IS NULL');
        return rows.length === 0;
      },
      { timeoutMs: 30_000 },
    );
    const nc = await connect({ servers: url });
    const jsm = await (await import('@nats-io/jetstream')).jetstreamManager(nc);
    const info = await jsm.streams.info(eventStreamName(broker.namespace));
    expect(info.state.messages).toBe(4);
    await nc.close();
  });
});
