import { describe, expect, it } from '@jest/globals';
import { HttpException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { BaseServiceConfig } from '@awda/config';
import { RATE_LIMIT_KEY, RateLimit, type RateLimitOptions } from './rate-limit.decorator.js';
import { RateLimitGuard, rateLimitFor, rateLimitSubject } from './rate-limit.guard.js';
import { RateLimitRepository, type SqlRunner } from './rate-limit.repository.js';

/** An in-memory stand-in for PostgreSQL that answers the upsert like the real one. */
function fakeSql(retryAfter = 42): SqlRunner & { counts: Map<string, number>; statements: string[]; failing?: boolean } {
  const counts = new Map<string, number>();
  const statements: string[] = [];
  const runner = {
    counts,
    statements,
    failing: false,
    query(text: string, params: unknown[] = []): Promise<unknown> {
      if (runner.failing) return Promise.reject(new Error('connection refused'));
      statements.push(text);
      if (text.includes('INSERT INTO rate_limit_counters')) {
        const id = `${String(params[0])}|${String(params[1])}|${String(params[2])}`;
        const hits = (counts.get(id) ?? 0) + 1;
        counts.set(id, hits);
        return Promise.resolve([{ hits, retry_after: retryAfter }]);
      }
      return Promise.resolve([]);
    },
  };
  return runner;
}

function contextFor(
  options: RateLimitOptions | undefined,
  request: Record<string, unknown>,
  type: 'http' | 'rpc' = 'http',
): { context: ExecutionContext; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const handler = (): void => undefined;
  if (options) Reflect.defineMetadata(RATE_LIMIT_KEY, { windowSeconds: 60, ...options }, handler);
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = {
    getType: () => type,
    getHandler: () => handler,
    getClass: () => class Probe {},
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

function guardWith(sql: SqlRunner, config?: BaseServiceConfig): RateLimitGuard {
  return new RateLimitGuard(new Reflector(), sql as unknown as DataSource, config);
}

async function refusal(promise: Promise<unknown>): Promise<HttpException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('rateLimitFor', () => {
  const options = (o: Partial<RateLimitOptions> = {}) => ({ key: 'sms-costing', windowSeconds: 60, ...o });

  it('should use the handler’s own limit when it gives one', () => {
    expect(rateLimitFor(options({ limit: 7 }), Object.assign(new BaseServiceConfig(), { RATE_LIMIT_SMS_PER_MINUTE: 3 }))).toBe(7);
  });

  it('should read RATE_LIMIT_SMS_PER_MINUTE from the config, scaled to the window', () => {
    const config = Object.assign(new BaseServiceConfig(), { RATE_LIMIT_SMS_PER_MINUTE: 30 });
    expect(rateLimitFor(options(), config)).toBe(30);
    expect(rateLimitFor(options({ windowSeconds: 3600 }), config)).toBe(1800);
    expect(rateLimitFor(options({ windowSeconds: 1 }), config)).toBe(1);
  });

  it('should default to a generous 120 a minute', () => {
    expect(new BaseServiceConfig().RATE_LIMIT_SMS_PER_MINUTE).toBe(120);
    expect(rateLimitFor(options(), undefined)).toBe(120);
  });

  it('should accept a limit read from the config by a function', () => {
    const config = Object.assign(new BaseServiceConfig(), { RATE_LIMIT_SMS_PER_MINUTE: 10 });
    expect(rateLimitFor(options({ limit: (c) => c.RATE_LIMIT_SMS_PER_MINUTE * 2 }), config)).toBe(20);
  });
});

describe('rateLimitSubject', () => {
  it('should count per token subject, and per client address on public routes', () => {
    expect(rateLimitSubject({ ip: '10.0.0.1', user: { sub: 'u1' } })).toBe('sub:u1');
    expect(rateLimitSubject({ ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
    expect(rateLimitSubject({ ip: undefined, socket: { remoteAddress: '::1' } } as never)).toBe('ip:::1');
  });
});

describe('@RateLimit', () => {
  it('should refuse a window or limit that is not a positive integer', () => {
    expect(() => RateLimit({ key: 'k', windowSeconds: 0 })).toThrow(/windowSeconds/);
    expect(() => RateLimit({ key: 'k', windowSeconds: 1.5 })).toThrow(/windowSeconds/);
    expect(() => RateLimit({ key: 'k', limit: 0 })).toThrow(/limit/);
  });

  it('should record the options with a 60-second default window', () => {
    class Probe {
      @RateLimit({ key: 'sms-costing' })
      handler(): void {}
    }
    expect(Reflect.getMetadata(RATE_LIMIT_KEY, Probe.prototype.handler)).toEqual({ key: 'sms-costing', windowSeconds: 60 });
  });
});

describe('RateLimitGuard', () => {
  it('should let a caller through up to the limit, then answer 429 with Retry-After and the stable body', async () => {
    const sql = fakeSql(17);
    const guard = guardWith(sql);
    const request = { ip: '1.2.3.4', user: { sub: 'u1', roles: ['caseworker'], camps: ['a'] } };
    for (let i = 0; i < 3; i += 1) {
      await expect(guard.canActivate(contextFor({ key: 'sms-costing', limit: 3 }, request).context)).resolves.toBe(true);
    }
    const { context, headers } = contextFor({ key: 'sms-costing', limit: 3 }, request);
    const error = await refusal(guard.canActivate(context));
    expect(error.getStatus()).toBe(429);
    expect(error.getResponse()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: expect.stringContaining('17 seconds') as unknown as string,
      retryAfterSeconds: 17,
    });
    expect(headers['Retry-After']).toBe('17');
  });

  it('should keep separate budgets per user and per key', async () => {
    const sql = fakeSql();
    const guard = guardWith(sql);
    const u1 = { user: { sub: 'u1' } };
    const u2 = { user: { sub: 'u2' } };
    await guard.canActivate(contextFor({ key: 'sms-costing', limit: 1 }, u1).context);
    await expect(guard.canActivate(contextFor({ key: 'sms-costing', limit: 1 }, u2).context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor({ key: 'other', limit: 1 }, u1).context)).resolves.toBe(true);
    await expect(refusal(guard.canActivate(contextFor({ key: 'sms-costing', limit: 1 }, u1).context))).resolves.toBeInstanceOf(HttpException);
  });

  it('should use RATE_LIMIT_SMS_PER_MINUTE from the service config when the handler gives no limit', async () => {
    const sql = fakeSql();
    const guard = guardWith(sql, Object.assign(new BaseServiceConfig(), { RATE_LIMIT_SMS_PER_MINUTE: 2 }));
    const request = { user: { sub: 'u1' } };
    await guard.canActivate(contextFor({ key: 'sms-costing' }, request).context);
    await guard.canActivate(contextFor({ key: 'sms-costing' }, request).context);
    expect((await refusal(guard.canActivate(contextFor({ key: 'sms-costing' }, request).context))).getStatus()).toBe(429);
  });

  it('should not count handlers without @RateLimit, nor event handlers', async () => {
    const sql = fakeSql();
    const guard = guardWith(sql);
    await expect(guard.canActivate(contextFor(undefined, { user: { sub: 'u1' } }).context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor({ key: 'k', limit: 1 }, {}, 'rpc').context)).resolves.toBe(true);
    expect(sql.statements).toHaveLength(0);
  });

  it('should fail closed with 503 when the counter cannot be reached', async () => {
    const sql = fakeSql();
    sql.failing = true;
    const error = await refusal(guardWith(sql).canActivate(contextFor({ key: 'k', limit: 5 }, { user: { sub: 'u1' } }).context));
    expect(error.getStatus()).toBe(503);
    expect(error.getResponse()).toMatchObject({ code: 'RATE_LIMIT_UNAVAILABLE' });
  });
});

describe('RateLimitRepository', () => {
  it('should sweep ended windows when a new window starts, and a failed sweep must not fail the request', async () => {
    const sql = fakeSql();
    const store = new RateLimitRepository(sql);
    await store.hit('k', 'sub:u1', 60);
    expect(sql.statements.filter((s) => s.includes('DELETE'))).toHaveLength(1);
    await store.hit('k', 'sub:u1', 60);
    expect(sql.statements.filter((s) => s.includes('DELETE'))).toHaveLength(1);

    const flaky: SqlRunner = {
      query: (text: string) => (text.includes('DELETE') ? Promise.reject(new Error('deadlock')) : Promise.resolve({ rows: [{ hits: 1, retry_after: 5 }] })),
    };
    await expect(new RateLimitRepository(flaky).hit('k', 's', 60)).resolves.toEqual({ hits: 1, retryAfterSeconds: 5 });
  });

  it('should refuse a window that is not a positive integer', async () => {
    await expect(new RateLimitRepository(fakeSql()).hit('k', 's', 0)).rejects.toThrow(/windowSeconds/);
  });
});
