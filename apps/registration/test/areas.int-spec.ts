import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { AREAS_PUBLISHED_V1, type AreasPublishedV1, type EventEnvelope } from '@awda/contracts';
import { eventStreamName, wireSubject } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { RegistrationConfig } from '../src/config.js';
import { registrationService } from '../src/registration.definition.js';
import { bearer, token } from './harness.js';

describe('the destination-area list published as areas.published', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<RegistrationConfig> | undefined;

  const start = async () => {
    service = await createServiceApp(
      registrationService,
      { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100' },
      { logger: false, messaging: { retryBaseMs: 50, retryMaxMs: 200 } },
    );
    return service;
  };
  const stop = async () => {
    await service?.app.close();
    service = undefined;
  };
  const dataSource = () => {
    if (!service) throw new Error('the service is not running');
    return service.app.get(DataSource);
  };

  /** Every areas.published in the outbox, oldest first. */
  const enqueued = async (): Promise<EventEnvelope<AreasPublishedV1>[]> => {
    const rows: { envelope: EventEnvelope<AreasPublishedV1> }[] = await dataSource().query(
      `SELECT envelope FROM outbox WHERE subject = $1 ORDER BY seq`,
      [AREAS_PUBLISHED_V1],
    );
    return rows.map((r) => r.envelope);
  };

  /** Every areas.published on the stream, oldest first. */
  const onStream = async (): Promise<EventEnvelope<AreasPublishedV1>[]> => {
    const consumer = await jetstream(broker.nc).consumers.get(eventStreamName(broker.namespace), {
      filter_subjects: wireSubject(broker.namespace, AREAS_PUBLISHED_V1),
    });
    const events: EventEnvelope<AreasPublishedV1>[] = [];
    let pending = (await consumer.info(true)).num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: pending, expires: 1000 });
      let got = 0;
      for await (const msg of batch) {
        got += 1;
        events.push(msg.json<EventEnvelope<AreasPublishedV1>>());
      }
      if (got === 0) break;
      pending -= got;
    }
    return events;
  };
  const streamHas = (count: number) => () => waitFor(`${count} × areas.published on the stream`, async () => {
    const events = await onStream();
    return events.length >= count ? events : undefined;
  });

  beforeAll(async () => {
    db = await createTestDatabase('registration_areas');
    broker = await createTestBroker();
    await start();
  });

  afterAll(async () => {
    await stop();
    await broker?.cleanup();
    await db?.drop();
  });

  it('should publish the shipped list once, with Arabic and English names, at the first start', async () => {
    const events = await enqueued();
    expect(events).toHaveLength(1);
    const aleppo = events[0]?.data.areas.find((a) => a.code === 'SY02');
    expect(aleppo).toEqual({ code: 'SY02', level: 'governorate', parentCode: null, nameAr: 'حلب', nameEn: 'Aleppo' });
    expect(events[0]?.data.areas.find((a) => a.code === 'SY0201')).toMatchObject({ parentCode: 'SY02', nameEn: 'Al Bab', nameAr: 'الباب' });
    const published = await streamHas(1)();
    expect(published.map((e) => e.id)).toEqual([events[0]?.id]);
  });

  it('should publish nothing when restarted with the same list', async () => {
    await stop();
    await start();
    expect(await enqueued()).toHaveLength(1);
  });

  it('should publish the new list once when an admin replaces it', async () => {
    const csv = [
      'code,level,parent_code,name_en,name_ar',
      'SY09,governorate,,Deir ez-Zor,دير الزور',
      'SY0901,district,SY09,Deir ez-Zor city,مدينة دير الزور',
    ].join('\n');
    const admin = await token(['admin'], ['mahmoudli']);
    await request(service?.app.getHttpServer()).put('/areas').set(bearer(admin)).set('Content-Type', 'text/csv').send(csv).expect(200);
    const events = await enqueued();
    expect(events).toHaveLength(2);
    const list = events[1]?.data;
    expect(list?.areas.map((a) => a.code)).toEqual(['SY09', 'SY0901']);
    expect(list?.areas[1]).toEqual({ code: 'SY0901', level: 'district', parentCode: 'SY09', nameAr: 'مدينة دير الزور', nameEn: 'Deir ez-Zor city' });
    expect(Date.parse(list?.publishedAt ?? '')).toBeGreaterThan(Date.parse(events[0]?.data.publishedAt ?? ''));
    await streamHas(2)();

    // The same file again changes nothing and publishes nothing.
    await request(service?.app.getHttpServer()).put('/areas').set(bearer(admin)).set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(await enqueued()).toHaveLength(2);
  });

  it('should publish a list that was never published when an existing deployment starts', async () => {
    await dataSource().query(`UPDATE published_areas SET list_hash = NULL, published_at = NULL`);
    await stop();
    await start();
    const events = await enqueued();
    expect(events).toHaveLength(3);
    expect(events[2]?.data.areas.map((a) => a.code)).toEqual(['SY09', 'SY0901']);
    await streamHas(3)();
  });
});
