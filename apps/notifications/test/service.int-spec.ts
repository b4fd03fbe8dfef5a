import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ServiceApp } from '@awda/bootstrap';
import { waitFor } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { startNotifications, type RunningNotifications } from './fixtures.js';

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string; parameters?: { name: string; in: string; required?: boolean; schema?: { minLength?: number; maxLength?: number } }[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string }> }> };
}

describe('notifications service', () => {
  let running: RunningNotifications;
  let service: ServiceApp<NotificationsConfig>;

  beforeAll(async () => {
    running = await startNotifications({ SMS_DEV_OUTBOX_DIR: 'tmp/sms-outbox-test' });
    ({ service } = running);
  });

  afterAll(async () => {
    await running?.stop();
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
    expect((res.body as { info: { title: string } }).info.title).toBe('Awda notifications');
  });

  it('should give every operation a summary in its OpenAPI document, /inbound/sms included', async () => {
    const doc = (await request(service.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => !op.summary).map(([method]) => `${method} ${path}`));
    expect(missing).toEqual([]);
    expect(doc.paths['/inbound/sms']?.['post']?.summary).toContain('STOP');
  });

  it('should have created its schema with the outbox and inbox tables', async () => {
    const rows: { table_name: string }[] = await service.app
      .get(DataSource)
      .query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'notifications' ORDER BY table_name`);
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['migrations', 'outbox', 'processed_events']));
  });

});
