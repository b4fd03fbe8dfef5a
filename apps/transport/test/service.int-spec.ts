import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { TransportConfig } from '../src/config.js';
import { transportService } from '../src/transport.definition.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string; parameters?: { name: string; in: string; required?: boolean; schema?: { minLength?: number; maxLength?: number } }[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string }> }> };
}

describe('transport service', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<TransportConfig>;

  beforeAll(async () => {
    db = await createTestDatabase('transport');
    broker = await createTestBroker();
    service = await createServiceApp(
      transportService,
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
    expect((res.body as { info: { title: string } }).info.title).toBe('Awda transport');
  });

  it('should give every operation a summary in its OpenAPI document', async () => {
    const doc = (await request(service.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => !op.summary).map(([method]) => `${method} ${path}`));
    expect(missing).toEqual([]);
  });

  it('should have created its schema with the outbox and inbox tables', async () => {
    const rows: { table_name: string }[] = await service.app
      .get(DataSource)
      .query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'transport' ORDER BY table_name`);
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['migrations', 'outbox', 'processed_events']));
  });

});
