import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { signToken } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import { CONVOY_CONFIRMED_V1, HOUSEHOLD_WITHDRAWN_V1 } from '@awda/contracts';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { addDays, toLocal } from '../src/dispatch/local-time.js';
import { CAMP, ScriptedProvider, TestClock, contact, envelope, newPhone, publish, registered, scheduled, withoutGiveBacks, FAST_MESSAGING, startNotifications, type RunningNotifications } from './fixtures.js';

const RATE = 4;

describe('notifications on the real servers', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  const provider = new ScriptedProvider();
  const clock = new TestClock();
  // 12:00 in Damascus (UTC+3).
  const noon = new Date('2026-03-02T09:00:00Z');
  const token = (camps: string[]) =>
    signToken({ sub: 'supervisor-1', roles: ['supervisor'], camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });

  beforeAll(async () => {
    clock.set(noon);
    running = await startNotifications(
      {
        SMS_RATE_SEGMENTS_PER_SECOND: String(RATE),
        SMS_DISPATCH_POLL_MS: '50',
        SMS_RETRY_BASE_MS: '50',
        SMS_RETRY_MAX_MS: '200',
        SMS_MAX_ATTEMPTS: '3',
        // A wide hand-off margin: slot give-backs (allowed, filtered from histories) stay rare on a loaded machine.
        SMS_HANDOFF_MARGIN_MS: '200',
      },
      { database: 'notifications_messages', provider, clock, messaging: FAST_MESSAGING },
    );
    ({ broker, service, dataSource } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  type Row = { id: string; template: string; status: string; attempts: number; due_at: Date; body: string | null };
  const messagesOf = (householdId: string): Promise<Row[]> =>
    dataSource.query(`SELECT id, template, status, attempts, due_at, body FROM messages WHERE household_id = $1 ORDER BY created_at, id`, [householdId]);
  const historyOf = async (messageId: string): Promise<string[]> =>
    withoutGiveBacks(
      (await dataSource.query(`SELECT status, detail FROM message_status_history WHERE message_id = $1 ORDER BY id`, [messageId])) as {
        status: string;
        detail: string | null;
      }[],
    ).map((r) => r.status);
  const statusIs = (householdId: string, template: string, status: string) => async () => {
    const rows = await messagesOf(householdId);
    return rows.find((r) => r.template === template && r.status === status);
  };

  async function household(language = 'en'): Promise<{ id: string; phone: string; caseNumber: string }> {
    const id = uuidv7();
    const phone = newPhone();
    const caseNumber = `MAH-${id.slice(-6)}`;
    await publish(broker, contact(id, phone, caseNumber, language));
    return { id, phone, caseNumber };
  }

  it('should send one SMS when the same registration event is delivered twice, even before the phone is known', async () => {
    const id = uuidv7();
    const phone = newPhone();
    const event = registered(id, 'MAH-0001');
    await publish(broker, event);
    await publish(broker, event);
    await waitFor('the message to wait for a phone', statusIs(id, 'registered', 'queued'));
    await publish(broker, contact(id, phone, 'MAH-0001'));
    const sent = await waitFor('the registered SMS', statusIs(id, 'registered', 'sent'));
    // A third copy after the send: still one message, one SMS.
    await publish(broker, event);
    const later = await household();
    await publish(broker, registered(later.id, later.caseNumber));
    await waitFor('a later message', statusIs(later.id, 'registered', 'sent'));
    expect(await messagesOf(id)).toHaveLength(1);
    expect(provider.sendsTo(phone)).toHaveLength(1);
    expect(provider.sendsTo(phone)[0]?.messageId).toBe(sent.id);
    expect(sent.body).toContain('MAH-0001');
  });

  it('should keep a message delivered when its receipt arrives before the send is recorded, and after a late failure', async () => {
    const h = await household();
    provider.receiptFirst.add(h.phone);
    await publish(broker, registered(h.id, h.caseNumber));
    const delivered = await waitFor('the delivered status', statusIs(h.id, 'registered', 'delivered'));
    const pmid = `scripted-${delivered.id}`;
    await provider.listener?.onReceipt({ provider: 'scripted', providerMessageId: pmid, status: 'failed', detail: 'UNDELIV' });
    expect((await messagesOf(h.id))[0]?.status).toBe('delivered');
    expect(await historyOf(delivered.id)).toEqual(['queued', 'sending', 'sent', 'delivered']);
  });

  it('should retry a retryable provider error with backoff and give up at once on a permanent one', async () => {
    const flaky = await household();
    const refused = await household();
    provider.failures.set(flaky.phone, { times: 2, retryable: true });
    provider.failures.set(refused.phone, { times: 1, retryable: false });
    await publish(broker, registered(flaky.id, flaky.caseNumber));
    await publish(broker, registered(refused.id, refused.caseNumber));
    const sent = await waitFor('the third attempt', statusIs(flaky.id, 'registered', 'sent'));
    const failed = await waitFor('the permanent failure', statusIs(refused.id, 'registered', 'failed'));
    expect(sent.attempts).toBe(3);
    expect(await historyOf(sent.id)).toEqual(['queued', 'sending', 'queued', 'sending', 'queued', 'sending', 'sent']);
    expect(failed.attempts).toBe(1);
    expect(provider.sendsTo(refused.phone)).toHaveLength(0);
  });

  it('should never put more segments than the rate into any one second', async () => {
    const families = await Promise.all(Array.from({ length: 10 }, () => household()));
    await Promise.all(families.map((f) => publish(broker, registered(f.id, f.caseNumber))));
    await waitFor(
      'all ten messages sent',
      async () => {
        const rows: { n: number }[] = await dataSource.query(
          `SELECT count(*)::int AS n FROM messages WHERE household_id = ANY($1) AND status = 'sent'`,
          [families.map((f) => f.id)],
        );
        return rows[0]?.n === 10;
      },
      { timeoutMs: 30_000 },
    );
    const ledger: { at: Date; ms: number; segments: number }[] = await dataSource.query(
      `SELECT at, extract(epoch from at) * 1000 AS ms, segments FROM sms_rate_ledger ORDER BY at`,
    );
    for (const entry of ledger) {
      const inWindow = ledger.filter((e) => e.ms > entry.ms - 1000 && e.ms <= entry.ms).reduce((sum, e) => sum + e.segments, 0);
      expect(inWindow).toBeLessThanOrEqual(RATE);
    }
    const ours: { first: number; last: number }[] = await dataSource.query(
      `SELECT extract(epoch from min(l.at)) * 1000 AS first, extract(epoch from max(l.at)) * 1000 AS last
       FROM sms_rate_ledger l JOIN messages m ON m.id = l.message_id WHERE m.household_id = ANY($1)`,
      [families.map((f) => f.id)],
    );
    // Ten one-segment messages at four per second need three windows: at least two seconds apart.
    expect(Number(ours[0]?.last) - Number(ours[0]?.first)).toBeGreaterThanOrEqual(2000);
  });

  it('should hold a message during quiet hours and send it when they end', async () => {
    const h = await household();
    await waitFor('the contact', async () => (await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND phone_hash IS NOT NULL`, [h.id])).length === 1);
    clock.set(new Date('2026-03-02T20:00:00Z')); // 23:00 in Damascus
    try {
      await publish(broker, registered(h.id, h.caseNumber));
      const held = await waitFor('the message held until morning', async () => {
        const row = (await messagesOf(h.id))[0];
        return row && row.due_at.toISOString() === '2026-03-03T05:00:00.000Z' ? row : undefined;
      });
      expect(held.status).toBe('queued');
      expect(provider.sendsTo(h.phone)).toHaveLength(0);
      clock.set(new Date('2026-03-03T05:01:00Z')); // 08:01
      await waitFor('the morning send', statusIs(h.id, 'registered', 'sent'));
    } finally {
      clock.set(noon);
    }
  });

  it('should never send a boarding reminder after departure, and cancel it on withdrawal', async () => {
    const late = await household();
    const withdrawing = await household();
    const departure = addDays(toLocal(noon, 'Asia/Damascus').date, 2);
    await publish(broker, scheduled(late.id, departure));
    await publish(broker, scheduled(withdrawing.id, departure));
    await waitFor('the scheduled SMS', statusIs(late.id, 'scheduled', 'sent'));
    await waitFor('the other scheduled SMS', statusIs(withdrawing.id, 'scheduled', 'sent'));
    expect((await messagesOf(late.id)).find((m) => m.template === 'reminder')?.status).toBe('queued');

    await publish(broker, envelope(HOUSEHOLD_WITHDRAWN_V1, { householdId: withdrawing.id, campId: CAMP, memberId: uuidv7(), withdrawnOn: '2026-03-02', version: 2 }));
    await waitFor('the reminder cancelled', statusIs(withdrawing.id, 'reminder', 'cancelled'));
    try {
      // The service was down through the reminder time; it comes back after departure.
      clock.set(new Date(`${departure}T06:00:00Z`));
      await waitFor('the reminder expired', statusIs(late.id, 'reminder', 'expired'));
      expect(provider.sendsTo(late.phone).map((s) => s.text).filter((t) => t.startsWith('Reminder'))).toHaveLength(0);
    } finally {
      clock.set(noon);
    }
  });

  it('should keep one row per convoy whatever the number of its households, and take a new date from a confirmation', async () => {
    const convoyId = uuidv7();
    const departure = addDays(toLocal(noon, 'Asia/Damascus').date, 3);
    const families = await Promise.all([household(), household(), household()]);
    for (const family of families) await publish(broker, scheduled(family.id, departure, 1, convoyId));
    for (const family of families) await waitFor('the scheduled SMS queued', async () => (await messagesOf(family.id)).find((m) => m.template === 'scheduled'));
    const convoyRow = async () =>
      (await dataSource.query(`SELECT departure_date, departure_time FROM convoys WHERE convoy_id = $1`, [convoyId])) as { departure_date: string; departure_time: string }[];
    expect(await convoyRow()).toEqual([{ departure_date: departure, departure_time: '07:30' }]);

    const later = addDays(departure, 1);
    await publish(
      broker,
      envelope(CONVOY_CONFIRMED_V1, {
        convoyId, campId: CAMP, departureDate: later, departureTime: '06:00', assemblyPoint: 'Gate 2', destinations: ['SY110000'],
        householdIds: families.map((f) => f.id),
      }),
    );
    await waitFor('the new date recorded', async () => (await convoyRow())[0]?.departure_date === later);
    expect(await convoyRow()).toEqual([{ departure_date: later, departure_time: '06:00' }]);
  });

  it('should opt a family out on an Arabic STOP, suppress what follows, and opt it back in on START', async () => {
    const h = await household('ar');
    await publish(broker, registered(h.id, h.caseNumber, 'ar'));
    const first = await waitFor('the registered SMS', statusIs(h.id, 'registered', 'sent'));
    expect(first.body).toMatch(/[\u0600-\u06FF]/);
    const server = service.app.getHttpServer();
    await request(server).post('/inbound/sms').send({ From: h.phone, Body: 'توقف', MessageSid: 'mo-1' }).expect(401);
    const res = await request(server)
      .post('/inbound/sms')
      .set('x-awda-inbound-token', service.config.SMS_INBOUND_TOKEN)
      .send({ From: h.phone.replace('+', '00'), Body: ' توقّف ', MessageSid: 'mo-1' })
      .expect(200);
    expect(res.body).toEqual({ keyword: 'stop', households: 1, duplicate: false });
    await waitFor('the opt-out confirmation', statusIs(h.id, 'opted_out', 'sent'));

    await publish(broker, scheduled(h.id, addDays(toLocal(noon, 'Asia/Damascus').date, 3)));
    await waitFor('the scheduled SMS suppressed', statusIs(h.id, 'scheduled', 'suppressed'));
    const outbox: { subject: string }[] = await dataSource.query(`SELECT subject FROM outbox WHERE envelope->'data'->>'householdId' = $1`, [h.id]);
    expect(outbox.map((o) => o.subject)).toContain('awda.notifications.recipient.opted-out.v1');

    await request(server).post('/inbound/sms').set('x-awda-inbound-token', service.config.SMS_INBOUND_TOKEN).send({ From: h.phone, Body: 'START', MessageSid: 'mo-2' }).expect(200);
    await waitFor('the opt-in confirmation', statusIs(h.id, 'opted_in', 'sent'));
    expect(provider.sendsTo(h.phone).map((s) => s.messageId)).not.toContain((await messagesOf(h.id)).find((m) => m.template === 'scheduled')?.id);
  });

  it('should show supervisors of the camp the message log with history and statistics, and hide it from other camps', async () => {
    const h = await household();
    await publish(broker, registered(h.id, h.caseNumber));
    await waitFor('the registered SMS', statusIs(h.id, 'registered', 'sent'));
    const server = service.app.getHttpServer();
    const log = await request(server).get(`/households/${h.id}/messages`).set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    expect((log.body as { template: string; status: string }[]).map((m) => [m.template, m.status])).toEqual([['registered', 'sent']]);
    await request(server).get(`/households/${h.id}/messages`).set('authorization', `Bearer ${await token(['areesha'])}`).expect(404);
    const id = (log.body as { id: string }[])[0]?.id;
    const detail = await request(server).get(`/messages/${id}`).set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    expect(withoutGiveBacks((detail.body as { history: { status: string; detail: string | null }[] }).history).map((e) => e.status)).toEqual([
      'queued',
      'sending',
      'sent',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const stats = await request(server).get(`/messages/stats?from=${today}&to=${today}`).set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    const registeredStats = (stats.body as { template: string; messages: number; failures: number }[]).find((s) => s.template === 'registered');
    expect(registeredStats?.messages).toBeGreaterThanOrEqual(10);
    expect(registeredStats?.failures).toBeGreaterThanOrEqual(1);
  });

  const historyWithDetail = async (messageId: string): Promise<[string, string | null][]> =>
    ((await dataSource.query(`SELECT status, detail FROM message_status_history WHERE message_id = $1 ORDER BY id`, [messageId])) as {
      status: string;
      detail: string | null;
    }[]).map((r) => [r.status, r.detail]);

  it('should hold the messages of a household with no phone and send them once when a phone arrives within the hold', async () => {
    const id = uuidv7();
    const phone = newPhone();
    await publish(broker, registered(id, 'MAH-0101'));
    const held = await waitFor('the message held for a phone', statusIs(id, 'registered', 'queued'));
    try {
      // 71 hours later (12:00 + 71 h = 11:00 in Damascus, no quiet hours): still held, then the phone comes.
      clock.set(new Date(noon.getTime() + 71 * 3600_000));
      const other = await household();
      await publish(broker, registered(other.id, other.caseNumber));
      await waitFor('a dispatch round at the later time', statusIs(other.id, 'registered', 'sent'));
      expect((await messagesOf(id))[0]?.status).toBe('queued');
      await publish(broker, contact(id, phone, 'MAH-0101'));
      await waitFor('the SMS once the phone is known', statusIs(id, 'registered', 'sent'));
      // Past the hold now: a sent message stays sent.
      clock.set(new Date(noon.getTime() + 80 * 3600_000));
      const later = await household();
      await publish(broker, registered(later.id, later.caseNumber));
      await waitFor('a dispatch round past the hold', statusIs(later.id, 'registered', 'sent'));
    } finally {
      clock.set(noon);
    }
    expect((await messagesOf(id)).map((m) => m.status)).toEqual(['sent']);
    expect(provider.sendsTo(phone).map((s) => s.messageId)).toEqual([held.id]);
  });

  it('should expire the messages of a household that never gets a phone after the hold, travel ones at departure first', async () => {
    const id = uuidv7();
    await publish(broker, registered(id, 'MAH-0102'));
    const departure = addDays(toLocal(noon, 'Asia/Damascus').date, 2);
    await publish(broker, scheduled(id, departure));
    const registeredMessage = await waitFor('the registered message held', statusIs(id, 'registered', 'queued'));
    const scheduledMessage = await waitFor('the scheduled message held', statusIs(id, 'scheduled', 'queued'));
    try {
      // The day of departure, 09:00 in Damascus: the travel messages are pointless now; the rest still waits.
      clock.set(new Date(`${departure}T06:00:00Z`));
      await waitFor('the scheduled message expired', statusIs(id, 'scheduled', 'expired'));
      expect((await messagesOf(id)).find((m) => m.template === 'registered')?.status).toBe('queued');
      // 72 hours after it was due, no phone ever came.
      clock.set(new Date(noon.getTime() + 72 * 3600_000 + 60_000));
      await waitFor('the registered message expired', statusIs(id, 'registered', 'expired'));
    } finally {
      clock.set(noon);
    }
    expect(await historyWithDetail(registeredMessage.id)).toEqual([
      ['queued', 'caused by awda.registration.household.registered.v1'],
      ['expired', 'no phone number on record'],
    ]);
    expect((await historyWithDetail(scheduledMessage.id)).at(-1)).toEqual(['expired', 'departure has passed']);
    const sent: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE household_id = $1 AND sending_at IS NOT NULL`, [id]);
    expect(sent[0]?.n).toBe(0);
  });

  it('should preview a template with its encoding and segments, and refuse an override missing a variable', async () => {
    const server = service.app.getHttpServer();
    const admin = await signToken({ sub: 'admin-1', roles: ['admin'], camps: [], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
    const preview = await request(server).post('/templates/preview').set('authorization', `Bearer ${admin}`).send({ template: 'scheduled', language: 'ar' }).expect(200);
    expect(preview.body).toMatchObject({ encoding: 'UCS-2', language: 'ar' });
    expect((preview.body as { segments: number }).segments).toBeGreaterThan(1);
    // Priced like a sent message: segments × the UCS-2 price per segment (default 5 minor units of USD).
    const { segments, cost } = preview.body as { segments: number; cost: unknown };
    expect(cost).toEqual({ segments, costMinor: segments * 5, currency: 'USD' });
    await request(server).put('/templates/registered/en').set('authorization', `Bearer ${admin}`).send({ text: 'Registered.' }).expect(422);
    await request(server).put('/templates/registered/en').set('authorization', `Bearer ${await token([CAMP])}`).send({ text: 'Case {caseNumber}.' }).expect(403);
    await request(server).put('/templates/registered/en').set('authorization', `Bearer ${admin}`).send({ text: 'Case {caseNumber} registered.' }).expect(200);
    const h = await household();
    await publish(broker, registered(h.id, h.caseNumber));
    const sent = await waitFor('the SMS with the override', statusIs(h.id, 'registered', 'sent'));
    expect(sent.body).toBe(`Case ${h.caseNumber} registered.`);
  });
});
