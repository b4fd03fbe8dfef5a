import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Module, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiConsumes, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Roles, signToken } from '@awda/auth';
import { BaseServiceConfig, DEV_JWT_SECRET } from '@awda/config';
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@awda/testing';
import { MAX_INPUT_DEPTH, createServiceApp, type ServiceApp } from '../src/index.js';

class PersonDto {
  @ApiProperty() @IsString() name!: string;
  @ApiProperty() @IsString() bornOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() extra?: Record<string, unknown>;
}

class PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() since?: string;
}

let dataSource: DataSource;

// Each handler hands its input to PostgreSQL as the services do, so input that slips through fails there.
@Controller('probe')
@Roles('supervisor')
class ProbeController {
  @Post('people')
  async create(@Body() body: PersonDto): Promise<{ ok: true; size: number }> {
    await dataSource.query(`SELECT $1::text, $2::date`, [body.name, body.bornOn]);
    // What the idempotency interceptor does with every body it sees.
    return { ok: true, size: JSON.stringify(body).length };
  }

  @Get('people')
  async list(@Query() query: PageQuery): Promise<{ rows: number }> {
    await dataSource.query(`SELECT $1::int * 25 AS offset, $2::date`, [query.page ?? 1, query.since ?? '2025-01-01']);
    return { rows: 0 };
  }

  @Get('rule-sets/:version')
  async ruleSet(@Param('version', ParseIntPipe) version: number): Promise<{ version: number }> {
    await dataSource.query(`SELECT $1::int`, [version]);
    return { version };
  }

  @Get('overrides')
  async overrides(@Query('campId') campId?: string): Promise<{ campId: string | null }> {
    // Like the denial audit: the named camp goes into a jsonb column.
    await dataSource.query(`SELECT $1::jsonb`, [JSON.stringify({ campId })]);
    return { campId: campId ?? null };
  }

  @Get('camps/:campId/policy')
  async policy(@Param('campId') campId: string): Promise<{ campId: string }> {
    await dataSource.query(`SELECT $1::text`, [campId]);
    return { campId };
  }

  @Post('upload')
  @ApiConsumes('text/csv')
  upload(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

class ProbeConfig extends BaseServiceConfig {}

interface Refusal {
  code: string;
  message: string;
  errors?: { field: string; messages: string[] }[];
}

describe('the input rules every service shares', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<ProbeConfig>;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('input_rules');
    broker = await createTestBroker();
    service = await createServiceApp(
      {
        service: 'eligibility',
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
    dataSource = service.app.get(DataSource);
    token = await signToken(
      { sub: 'u1', roles: ['supervisor'], camps: ['mahmoudli'], ttlSeconds: 600 },
      { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' },
    );
  });

  afterAll(async () => {
    await service?.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  const http = () => request(service.app.getHttpServer());
  const auth = () => ({ authorization: `Bearer ${token}` });
  const fields = (body: unknown) => ((body as Refusal).errors ?? []).map((e) => e.field);

  it('should accept clean input (the control)', async () => {
    await http().post('/probe/people').set(auth()).send({ name: 'x', bornOn: '2024-02-29' }).expect(201);
    await http().get('/probe/people?page=3&since=2025-03-01').set(auth()).expect(200);
    await http().get('/probe/rule-sets/7').set(auth()).expect(200);
    await http().get('/probe/overrides?campId=mahmoudli').set(auth()).expect(200);
  });

  it('should answer 400 naming the field for a NUL character in the body, the query or the path', async () => {
    const body = await http().post('/probe/people').set(auth()).send({ name: 'a\u0000b', bornOn: '2020-01-01' }).expect(400);
    expect(fields(body.body)).toEqual(['name']);
    const query = await http().get('/probe/people?since=2025%00').set(auth()).expect(400);
    expect(fields(query.body)).toEqual(['since']);
    const path = await http().get('/probe/camps/mahmoudli%00/policy').set(auth()).expect(400);
    expect(fields(path.body)).toEqual(['campId']);
  });

  it('should answer 400 naming the field for an impossible calendar date in the body or the query', async () => {
    const body = await http().post('/probe/people').set(auth()).send({ name: 'x', bornOn: '2025-02-30' }).expect(400);
    expect(body.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'bornOn', messages: ['bornOn is not a real calendar date (use YYYY-MM-DD)'] }] });
    const query = await http().get('/probe/people?since=2023-02-29').set(auth()).expect(400);
    expect(fields(query.body)).toEqual(['since']);
  });

  it('should answer 400 naming the field for an integer beyond a database integer in the query or the path', async () => {
    const page = await http().get('/probe/people?page=1e20').set(auth()).expect(400);
    expect(fields(page.body)).toEqual(['page']);
    const version = await http().get('/probe/rule-sets/99999999999999999999').set(auth()).expect(400);
    expect(fields(version.body)).toEqual(['version']);
  });

  it('should refuse a body nested thousands of levels deep before validation walks it', async () => {
    const depth = 5000;
    const deep = `{"name":"x","bornOn":"2020-01-01","extra":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const res = await http().post('/probe/people').set(auth()).set('content-type', 'application/json').send(deep).expect(400);
    expect((res.body as Refusal).errors?.[0]?.messages[0]).toContain(`nested more than ${MAX_INPUT_DEPTH} levels deep`);
  });

  it('should check a camp id against the camp pattern wherever it is named, before any handler sees it', async () => {
    const nul = await http().get('/probe/overrides?campId=areesha%00').set(auth()).expect(400);
    expect(fields(nul.body)).toEqual(['campId']);
    const long = await http().get(`/probe/overrides?campId=${'a'.repeat(5000)}`).set(auth()).expect(400);
    expect(fields(long.body)).toEqual(['campId']);
    const path = await http().get(`/probe/camps/${'b'.repeat(5000)}/policy`).set(auth()).expect(400);
    expect(fields(path.body)).toEqual(['campId']);
  });

  it('should answer 415 "send JSON" to a text/plain body or a body without a content type, not "every field missing"', async () => {
    const text = await http().post('/probe/people').set(auth()).set('content-type', 'text/plain').send('{"name":"x","bornOn":"2020-01-01"}').expect(415);
    expect(text.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('send JSON (Content-Type: application/json)') });
    const bare = await http().post('/probe/people').set(auth()).set('content-type', '').send(Buffer.from('{"name":"x"}')).expect(415);
    expect((bare.body as Refusal).message).toContain('send JSON');
    // An operation that declares another type takes it.
    await http().post('/probe/upload').set(auth()).set('content-type', 'text/csv').send('a,b\n1,2\n').expect(201);
  });
});
