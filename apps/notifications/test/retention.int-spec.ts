// Retention of the development provider's outbox (rows and files) and of delivery receipts: a dry run
// counts what would go and deletes nothing; a real run deletes what is older than its period only.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { signToken } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import type { NotificationsConfig } from '../src/config.js';
import { startNotifications, type RunningNotifications } from './fixtures.js';

const sign = (roles: ('admin' | 'supervisor')[]) =>
  signToken({ sub: `retention-${roles.join('-')}`, roles, camps: ['mahmoudli'], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });

describe('notifications retention', () => {
  let running: RunningNotifications;
  let service: ServiceApp<NotificationsConfig>;
  let dir: string;
  let data: DataSource;
  const old = uuidv7();
  const fresh = uuidv7();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'awda-retention-sms-'));
    running = await startNotifications({ SMS_DEV_OUTBOX_DIR: dir, RETENTION_DEV_SMS_OUTBOX_DAYS: '30', RETENTION_SMS_RECEIPTS_DAYS: '90' });
    ({ service, dataSource: data } = running);
    for (const [id, days] of [[old, 31], [fresh, 29]] as const) {
      await data.query(
        `INSERT INTO dev_sms_outbox (message_id, to_masked, body, encoding, segments, written_at) VALUES ($1, '+963*****123', 'text', 'GSM-7', 1, now() - make_interval(days => $2))`,
        [id, days],
      );
      await writeFile(join(dir, `${id}.txt`), 'to: +963*****123\n\ntext\n');
    }
    await data.query(
      `INSERT INTO sms_receipts (provider, provider_message_id, status, received_at) VALUES ('dev', 'old', 'delivered', now() - interval '91 days'), ('dev', 'new', 'delivered', now() - interval '89 days')`,
    );
  });

  afterAll(async () => {
    await running?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should count in a dry run what would go, for administrators only, and delete nothing', async () => {
    const http = request(service.app.getHttpServer());
    await http.get('/privacy/retention').set('Authorization', `Bearer ${await sign(['supervisor'])}`).expect(403);
    const res = await request(service.app.getHttpServer()).get('/privacy/retention').set('Authorization', `Bearer ${await sign(['admin'])}`).expect(200);
    expect(res.body).toEqual({ dryRun: true, ran: true, devSmsOutbox: 1, smsReceipts: 1, periods: { devSmsOutboxDays: 30, smsReceiptsDays: 90 } });
    expect((await data.query(`SELECT count(*)::int AS n FROM dev_sms_outbox`))[0].n).toBe(2);
    expect(existsSync(join(dir, `${old}.txt`))).toBe(true);
  });

  it('should delete only what is older than its period in a real run, files included', async () => {
    const res = await request(service.app.getHttpServer()).post('/privacy/retention/run').set('Authorization', `Bearer ${await sign(['admin'])}`).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, ran: true, devSmsOutbox: 1, smsReceipts: 1 });
    expect(await data.query(`SELECT message_id FROM dev_sms_outbox`)).toEqual([{ message_id: fresh }]);
    expect(await data.query(`SELECT provider_message_id FROM sms_receipts`)).toEqual([{ provider_message_id: 'new' }]);
    expect([existsSync(join(dir, `${old}.txt`)), existsSync(join(dir, `${fresh}.txt`))]).toEqual([false, true]);
  });
});
