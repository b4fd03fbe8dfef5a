import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { EligibilityConfig } from '../src/config.js';
import { eligibilityService } from '../src/eligibility.definition.js';

describe('eligibility service', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<EligibilityConfig>;

  beforeAll(async () => {
    db = await createTestDatabase('eligibility');
    broker = await createTestBroker();
    service = await createServiceApp(
      eligibilityService,
      { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'warn' },
      { logger: false },
    );
  });

  afterAll(async () => {
    await service?.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  it('should report the database and NATS healthy', async () => {
    const body = await waitFor('a healthy /health', async () => {
      const res = await request(service.app.getHttpServer()).get('/health');
      return res.status === 200 ? (res.body as { status: string; info: Record<string, { status: string }> }) : undefined;
    });
    expect(body.status).toBe('ok');
    expect(body.info['database']?.status).toBe('up');
    expect(body.info['nats']?.status).toBe('up');
  });

  it('should serve its OpenAPI document at /docs', async () => {
    const res = await request(service.app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect((res.body as { info: { title: string } }).info.title).toBe('Awda eligibility');
  });

  it('should have created its schema with the outbox and inbox tables', async () => {
    const rows: { table_name: string }[] = await service.app
      .get(DataSource)
      .query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'eligibility' ORDER BY table_name`);
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['migrations', 'outbox', 'processed_events']));
  });

});
