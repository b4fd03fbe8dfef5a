import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Min } from 'class-validator';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Roles, signToken } from '@awda/auth';
import { BaseServiceConfig, DEV_JWT_SECRET } from '@awda/config';
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@awda/testing';
import { ConflictError, createServiceApp, type ServiceApp } from '../src/index.js';

class ProbeDto {
  @ApiProperty() @IsString() name!: string;
  @ApiProperty() @IsInt() @Min(1) seats!: number;
}

let probeDatabaseUrl = '';

@Controller('probe')
class ProbeController {
  /** A real pg-pool with every connection taken: the next acquisition times out as under overload. */
  @Get('busy')
  @Roles('logistics')
  async busy(): Promise<never> {
    const pool = new pg.Pool({ connectionString: probeDatabaseUrl, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      await pool.connect();
      throw new Error('a second connection was handed out by a pool of one');
    } finally {
      held.release();
      await pool.end();
    }
  }

  @Post()
  @Roles('logistics')
  create(@Body() body: ProbeDto): ProbeDto {
    if (body.name === 'taken') throw new ConflictError('PROBE.NAME_TAKEN', 'That name is already used');
    return body;
  }

  @Get('boom')
  @Roles('logistics')
  boom(): never {
    throw new Error('secret detail that must not reach the caller');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

class ProbeConfig extends BaseServiceConfig {}

describe('a service built by createServiceApp', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<ProbeConfig>;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('bootstrap');
    probeDatabaseUrl = db.url;
    broker = await createTestBroker();
    service = await createServiceApp(
      {
        service: 'transport',
        schema: 'probe',
        configClass: ProbeConfig,
        entities: [],
        migrations: [],
        features: () => [ProbeModule],
        openApi: { title: 'probe', description: 'probe' },
      },
      { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace },
      { logger: false },
    );
    token = await signToken(
      { sub: 'u1', roles: ['logistics'], camps: ['mahmoudli'], ttlSeconds: 600 },
      { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' },
    );
  });

  afterAll(async () => {
    await service?.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  const http = () => request(service.app.getHttpServer());

  it('should answer a business refusal with its status and stable code while the JetStream transport is connected', async () => {
    const res = await http().post('/probe').set('authorization', `Bearer ${token}`).send({ name: 'taken', seats: 3 }).expect(409);
    expect(res.body).toEqual({ statusCode: 409, code: 'PROBE.NAME_TAKEN', message: 'That name is already used' });
  });

  it('should answer malformed input with 400 naming each field, and refuse unknown fields', async () => {
    const res = await http()
      .post('/probe')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 7, seats: 0, status: 'departed' })
      .expect(400);
    const body = res.body as { code: string; errors: { field: string; messages: string[] }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.field).sort()).toEqual(['name', 'seats', 'status']);
  });

  it('should answer an unexpected error with a plain 500 that reveals nothing', async () => {
    const res = await http().get('/probe/boom').set('authorization', `Bearer ${token}`).expect(500);
    expect(JSON.stringify(res.body)).not.toContain('secret detail');
    expect((res.body as { code: string }).code).toBe('INTERNAL_ERROR');
  });

  it("should run every pooled connection with the service's session settings: its schema first, idle transactions ended, no JIT", async () => {
    const dataSource = service.app.get(DataSource);
    // Several at once, each holding its connection a moment, so more than one pooled connection answers.
    const settings: { path: string; idle: string; jit: string }[][] = await Promise.all(
      Array.from({ length: 4 }, () =>
        dataSource.query(
          `SELECT current_setting('search_path') AS path, current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('jit') AS jit, pg_sleep(0.05)::text`,
        ),
      ),
    );
    for (const [row] of settings) expect(row).toMatchObject({ path: 'probe,public', idle: '1min', jit: 'off' });
  });

  it('should answer an exhausted database pool with 503, Retry-After and a stable code, not a 500', async () => {
    const res = await http().get('/probe/busy').set('authorization', `Bearer ${token}`).expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect((res.body as { code: string }).code).toBe('SERVICE_BUSY');
  });

  it('should send a Content-Security-Policy and nosniff, and no X-Powered-By, on API answers, errors and /docs', async () => {
    for (const res of [
      await http().post('/probe').set('authorization', `Bearer ${token}`).send({ name: 'a', seats: 1 }),
      await http().get('/probe/boom').set('authorization', `Bearer ${token}`),
      await http().get('/docs/openapi.json'),
    ]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('should refuse a request without a token and a caller without the role', async () => {
    await http().post('/probe').send({ name: 'a', seats: 1 }).expect(401);
    const caseworker = await signToken(
      { sub: 'u2', roles: ['caseworker'], camps: ['mahmoudli'], ttlSeconds: 600 },
      { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' },
    );
    await http().post('/probe').set('authorization', `Bearer ${caseworker}`).send({ name: 'a', seats: 1 }).expect(403);
  });
});
