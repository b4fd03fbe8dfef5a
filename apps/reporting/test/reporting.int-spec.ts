import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { v7 as uuidv7 } from 'uuid';
import { signToken, type Role } from '@awda/auth';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import { HOUSEHOLD_REGISTERED_V1, type EventEnvelope } from '@awda/contracts';
import { consumerName, ensureEventStream, eventStreamName, wireSubject } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { ReportingConfig } from '../src/config.js';
import { reportingService } from '../src/reporting.definition.js';
import { areasPublished, campHistory, envelopeOf } from './reporting-events.js';

type Cell = string | number | null | { suppressed: true };
interface Table {
  name: string;
  rows: Record<string, Cell>[];
}
interface Report {
  suppressionThreshold: number;
  tables: Table[];
}

describe('reporting service on PostgreSQL and NATS', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<ReportingConfig>;
  const history: EventEnvelope[] = [];

  const tokens = new Map<string, string>();
  const token = (roles: Role[], camps: string[]): string => {
    const found = tokens.get(`${roles.join()}/${camps.join()}`);
    if (!found) throw new Error(`no token for ${roles.join()}/${camps.join()}: add it to beforeAll`);
    return found;
  };
  const sign = (roles: Role[], camps: string[]): Promise<string> =>
    signToken({ sub: `test-${roles[0] ?? 'none'}`, roles, camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
  const admin = (): string => token(['admin'], ['*']);
  const http = () => request(service.app.getHttpServer());

  async function publish(envelope: EventEnvelope, msgId = envelope.id): Promise<void> {
    const h = natsHeaders();
    h.set('Nats-Msg-Id', msgId);
    await jetstream(broker.nc).publish(wireSubject(broker.namespace, envelope.type), JSON.stringify(envelope), { headers: h });
  }

  /** Every message in the stream delivered to the service's consumer and acknowledged. */
  async function drained(): Promise<void> {
    const stream = eventStreamName(broker.namespace);
    const info = await broker.jsm.streams.info(stream);
    await waitFor('the reporting consumer to acknowledge every event', async () => {
      const consumer = await broker.jsm.consumers.info(stream, consumerName(broker.namespace, 'reporting')).catch(() => undefined);
      return consumer && consumer.ack_floor.stream_seq >= info.state.last_seq && consumer.num_ack_pending === 0 ? true : undefined;
    });
  }

  async function report(bearer = admin(), query = ''): Promise<Report> {
    const res = await http().get(`/reports${query}`).set('Authorization', `Bearer ${bearer}`).expect(200);
    return res.body as Report;
  }
  const table = (r: Report, name: string): Table => {
    const found = r.tables.find((t) => t.name === name);
    if (!found) throw new Error(`no table ${name}`);
    return found;
  };

  beforeAll(async () => {
    for (const [roles, camps] of [
      [['admin'], ['*']], [['supervisor'], ['mahmoudli']], [['supervisor'], ['areesha']], [['logistics'], ['areesha']],
      [['caseworker'], ['mahmoudli']], [['supervisor'], ['*']],
    ] as [Role[], string[]][]) {
      tokens.set(`${roles.join()}/${camps.join()}`, await sign(roles, camps));
    }
    db = await createTestDatabase('reporting');
    broker = await createTestBroker();
    service = await createServiceApp(
      reportingService,
      { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'warn' },
      { logger: false },
    );
    // The service creates the stream in the background; publishing needs it now.
    await ensureEventStream(broker.jsm, broker.namespace);
    history.push(
      areasPublished([{ code: 'C1001', nameAr: 'الطبقة', nameEn: 'Tabqa' }, { code: 'C2002', nameAr: 'الرقة', nameEn: 'Raqqa' }]),
      ...campHistory({ campId: 'mahmoudli', returning: 12, waiting: 6, departedAt: '2026-11-03T05:00:00.000Z', area: 'C1001' }),
      ...campHistory({ campId: 'areesha', returning: 3, waiting: 0, departedAt: '2026-11-10T05:00:00.000Z', area: 'C2002' }),
    );
    for (const envelope of history) await publish(envelope);
    await drained();
  });

  afterAll(async () => {
    await service?.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  it('should serve /health and its OpenAPI document at /docs', async () => {
    await waitFor('a healthy /health', async () => ((await http().get('/health')).status === 200 ? true : undefined));
    const res = await http().get('/docs/openapi.json').expect(200);
    expect((res.body as { info: { title: string } }).info.title).toBe('Awda reporting');
  });

  it('should count returns per week, camp and area, suppressing the camp with 3 families', async () => {
    const r = await report();
    expect(r.suppressionThreshold).toBe(5);
    expect(table(r, 'returns-by-camp').rows).toEqual([
      // areesha's 3 are hidden, so mahmoudli's 12 are too: the total would give them back.
      { campId: 'areesha', families: { suppressed: true }, people: { suppressed: true } },
      { campId: 'mahmoudli', families: { suppressed: true }, people: { suppressed: true } },
    ]);
    const mahmoudli = await report(token(['supervisor'], ['mahmoudli']));
    expect(table(mahmoudli, 'returns-by-week').rows).toEqual([{ week: '2026-W45', families: 12, people: 48 }]);
    expect(table(mahmoudli, 'returns-by-area').rows).toEqual([
      { areaCode: 'C1001', areaNameAr: 'الطبقة', areaNameEn: 'Tabqa', families: 12, people: 48 },
    ]);
    expect(table(mahmoudli, 'waiting-reasons').rows).toEqual([{ outcome: 'pending', reason: 'consent_missing', families: 6 }]);
    expect(table(mahmoudli, 'convoys').rows).toEqual([
      expect.objectContaining({ campId: 'mahmoudli', state: 'arrived', familiesPlanned: 12, seatsPlanned: 48, familiesBoarded: 12, seatsUsed: 48 }),
    ]);
    // 18 families: 12 in Arabic, 6 in Sorani, each sent and delivered one SMS of two parts at 12 cents.
    expect(table(mahmoudli, 'sms').rows).toEqual([
      { template: 'registered', language: 'ar', sent: 12, delivered: 12, failed: 0, segments: 24, cost: 144, currency: 'USD' },
      { template: 'registered', language: 'ckb', sent: 6, delivered: 6, failed: 0, segments: 12, cost: 72, currency: 'USD' },
    ]);
  });

  it('should keep no case numbers, names or phones in the read model', async () => {
    const rows: { body: string }[] = await service.app.get(DataSource).query(`SELECT body::text AS body FROM reporting.facts`);
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) expect(row.body).not.toMatch(/CASE-|caseNumber|phone|memberId/i);
  });

  it('should change nothing when events are delivered again or an older snapshot arrives late', async () => {
    const before = await report();
    // The same events under new Nats-Msg-Ids: JetStream cannot drop them, the inbox must.
    for (const envelope of history.slice(0, 40)) await publish(envelope, uuidv7());
    const older = history.find((e) => e.type === HOUSEHOLD_REGISTERED_V1);
    if (!older) throw new Error('no registration in the history');
    await publish({ ...older, id: uuidv7() });
    await drained();
    expect(await report()).toEqual(before);
  });

  it('should keep each user to their camps and roles', async () => {
    const own = await report(token(['logistics'], ['areesha']));
    expect(table(own, 'returns-by-camp').rows.map((row) => row['campId'])).toEqual(['areesha']);
    await http().get('/reports?campId=mahmoudli').set('Authorization', `Bearer ${token(['supervisor'], ['areesha'])}`).expect(403);
    await http().get('/reports').set('Authorization', `Bearer ${token(['caseworker'], ['mahmoudli'])}`).expect(403);
    await http().get('/reports').expect(401);
    await http().post('/admin/rebuild').set('Authorization', `Bearer ${token(['supervisor'], ['*'])}`).expect(403);
    const bad = await http().get('/reports/returns-by-week?campId=NOT%20A%20CAMP&extra=1').set('Authorization', `Bearer ${admin()}`).expect(400);
    expect((bad.body as { code: string }).code).toBe('VALIDATION_FAILED');
    await http().get('/reports/nope').set('Authorization', `Bearer ${admin()}`).expect(400);
  });

  it('should export every table as CSV and XLSX, a suppressed count reading "<5"', async () => {
    const csv = await http().get('/reports/returns-by-camp/export?format=csv').set('Authorization', `Bearer ${admin()}`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe('\uFEFFcampId,families,people\nareesha,<5,<5\nmahmoudli,<5,<5\n');
    const xlsx = await http()
      .get('/reports/sms/export?format=xlsx')
      .set('Authorization', `Bearer ${admin()}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-disposition']).toContain('sms.xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('sms');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'template', 'language', 'sent', 'delivered', 'failed', 'segments', 'cost', 'currency']);
    expect(sheet?.rowCount).toBe(3);
  });

  it('should rebuild from the stream to the same numbers, and give the same again on a second rebuild', async () => {
    const before = await report();
    const first = await http().post('/admin/rebuild').set('Authorization', `Bearer ${admin()}`).expect(200);
    expect(first.body).toMatchObject({ eventsSkipped: 0 });
    expect((first.body as { eventsApplied: number }).eventsApplied).toBeGreaterThanOrEqual(history.length);
    expect(await report()).toEqual(before);
    await http().post('/admin/rebuild').set('Authorization', `Bearer ${admin()}`).expect(200);
    expect(await report()).toEqual(before);
    // Events published after a rebuild are still counted by the live consumer.
    await publish(envelopeOf('awda.notifications.sms.status-changed.v1', {
      messageId: uuidv7(), householdId: uuidv7(), campId: 'areesha', template: 'reminder', status: 'failed', at: new Date().toISOString(),
    }));
    await drained();
    const after = await report();
    expect(table(after, 'sms').rows).toContainEqual({ template: 'reminder', language: null, sent: 0, delivered: 0, failed: { suppressed: true }, segments: null, cost: null, currency: null });
  });
});
