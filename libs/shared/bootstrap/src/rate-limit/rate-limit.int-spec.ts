// The rate limiter on the real PostgreSQL: two app instances (replicas) sharing one budget.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, HttpCode, Module, Post } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import { Public, Roles, signToken, type Role } from '@awda/auth';
import { BaseServiceConfig, DEV_JWT_SECRET } from '@awda/config';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import { createServiceApp, type ServiceApp } from '../service.js';
import { RateLimit } from './rate-limit.decorator.js';
import { RateLimitRepository } from './rate-limit.repository.js';

const SCHEMA = 'probe_rl';
const calls = { sms: 0, public: 0 };

@Controller('probe')
class ProbeController {
  @Post('sms')
  @HttpCode(200)
  @Roles('logistics')
  // An hour's window so that no window boundary falls inside the test; the limit comes from the env.
  @RateLimit({ key: 'sms-costing', limit: (config) => config.RATE_LIMIT_SMS_PER_MINUTE, windowSeconds: 3600 })
  sms(): { ok: true } {
    calls.sms += 1;
    return { ok: true };
  }

  @Post('inbound')
  @HttpCode(200)
  @Public()
  @RateLimit({ key: 'inbound', limit: 2, windowSeconds: 3600 })
  inbound(): { ok: true } {
    calls.public += 1;
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

class ProbeConfig extends BaseServiceConfig {}

const LIMIT = 5;

function token(sub: string, roles: Role[] = ['logistics']): Promise<string> {
  return signToken({ sub, roles, camps: ['mahmoudli'], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
}

describe('@RateLimit on the real PostgreSQL, two replicas', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  const replicas: ServiceApp<ProbeConfig>[] = [];
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('ratelimit');
    broker = await createTestBroker();
    for (let i = 0; i < 2; i += 1) {
      replicas.push(
        await createServiceApp(
          {
            service: 'transport',
            schema: SCHEMA,
            configClass: ProbeConfig,
            entities: [],
            migrations: [],
            features: () => [ProbeModule],
            openApi: { title: 'probe', description: 'probe' },
          },
          {
            NODE_ENV: 'test',
            DATABASE_URL: db.url,
            NATS_URL: broker.url,
            AWDA_NAMESPACE: broker.namespace,
            RATE_LIMIT_SMS_PER_MINUTE: String(LIMIT),
          },
          { logger: false },
        ),
      );
    }
    pool = new pg.Pool({ connectionString: db.url, max: 20, options: `-c search_path=${SCHEMA}` });
  });

  afterAll(async () => {
    await pool?.end();
    for (const replica of replicas) await replica.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  const http = (i: number) => request(replicas[i % replicas.length]!.app.getHttpServer());

  it('should create the counter table with its key in the service’s own schema', async () => {
    const { rows } = await pool.query<{ table_schema: string }>(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'rate_limit_counters'`,
    );
    expect(rows.map((r) => r.table_schema)).toEqual([SCHEMA]);
    const migrations = await pool.query<{ name: string }>(`SELECT name FROM ${SCHEMA}.migrations ORDER BY id`);
    expect(migrations.rows.map((r) => r.name)).toContain('RateLimitTables1764374400002');
  });

  it('should let one user through exactly the limit across both replicas, then answer 429 with Retry-After', async () => {
    const bearer = `Bearer ${await token('replica-user')}`;
    const before = calls.sms;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => http(i).post('/probe/sms').set('authorization', bearer).send({})),
    );
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(LIMIT);
    expect(limited).toHaveLength(12 - LIMIT);
    expect(calls.sms - before).toBe(LIMIT);
    for (const res of limited) {
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(res.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String), retryAfterSeconds: retryAfter });
    }
    // Both replicas answered 429s: the budget is shared, not per process.
    expect(new Set(responses.map((_, i) => i % 2)).size).toBe(2);
    const { rows } = await pool.query<{ hits: number }>(`SELECT hits FROM rate_limit_counters WHERE subject = 'sub:replica-user'`);
    expect(rows).toEqual([{ hits: 12 }]);
  });

  it('should give every user a budget of their own', async () => {
    const bearer = `Bearer ${await token('another-user')}`;
    const res = await http(1).post('/probe/sms').set('authorization', bearer).send({});
    expect(res.status).toBe(200);
  });

  it('should not spend the budget on requests refused for their token or role', async () => {
    const sub = 'refused-first';
    const caseworker = `Bearer ${await token(sub, ['caseworker'])}`;
    for (let i = 0; i < LIMIT + 2; i += 1) {
      await http(i).post('/probe/sms').set('authorization', caseworker).send({}).expect(403);
      await http(i).post('/probe/sms').send({}).expect(401);
    }
    const logistics = `Bearer ${await token(sub)}`;
    for (let i = 0; i < LIMIT; i += 1) await http(i).post('/probe/sms').set('authorization', logistics).send({}).expect(200);
    await http(0).post('/probe/sms').set('authorization', logistics).send({}).expect(429);
  });

  it('should count public routes per client address', async () => {
    const before = calls.public;
    await http(0).post('/probe/inbound').send({}).expect(200);
    await http(1).post('/probe/inbound').send({}).expect(200);
    const res = await http(0).post('/probe/inbound').send({}).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(calls.public - before).toBe(2);
  });

  it('should hand out each count exactly once under heavy concurrency', async () => {
    const store = new RateLimitRepository(pool);
    const hits = await Promise.all(Array.from({ length: 200 }, () => store.hit('concurrency', 'sub:u', 3600)));
    expect(hits.map((h) => h.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('should start counting afresh in a new window and sweep the ended ones', async () => {
    const store = new RateLimitRepository(pool);
    const first = await store.hit('short', 'sub:u', 1);
    expect(first.retryAfterSeconds).toBe(1);
    // The next window begins on the database clock within a second.
    await waitFor('a new one-second window', async () => (await store.hit('short', 'sub:u', 1)).hits === 1, { timeoutMs: 5000 });
    await pool.query(
      `INSERT INTO rate_limit_counters (key, subject, window_start, expires_at, hits) VALUES ('old', 'sub:x', now() - interval '2 hours', now() - interval '1 hour', 9)`,
    );
    await store.sweep();
    const { rows } = await pool.query(`SELECT 1 FROM rate_limit_counters WHERE expires_at < now()`);
    expect(rows).toHaveLength(0);
  });
});
