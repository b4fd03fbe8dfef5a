import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { signToken, type Role } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import {
  CONVOY_CANCELLED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  type HouseholdAssessedV1,
} from '@awda/contracts';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { CAMP, ScriptedProvider, TestClock, contact, envelope, newPhone, publish, registered, scheduled, FAST_MESSAGING, startNotifications, type RunningNotifications } from './fixtures.js';

// Settling of status messages, travel messages across quiet hours and up to departure, re-consent
// after withdrawal, outcome reasons, and who may read a family's SMS. Quiet hours are on (21:00–08:00).
const SETTLE_SECONDS = 60;

describe('status messages that settle, travel messages that arrive in time', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  const provider = new ScriptedProvider();
  const clock = new TestClock();
  // 12:00 in Damascus (UTC+3).
  const noon = new Date('2026-03-02T09:00:00Z');

  beforeAll(async () => {
    clock.set(noon);
    running = await startNotifications(
      {
        SMS_SETTLE_SECONDS: String(SETTLE_SECONDS),
        SMS_DISPATCH_POLL_MS: '50',
        SMS_RATE_SEGMENTS_PER_SECOND: '50',
        SMS_HANDOFF_MARGIN_MS: '200',
        // A failed attempt is tried again an hour later: long after the departures below.
        SMS_RETRY_BASE_MS: '3600000',
        SMS_RETRY_MAX_MS: '3600000',
        SMS_PRICE_GSM7_MINOR: '4',
        SMS_PRICE_UCS2_MINOR: '7',
        SMS_PRICE_CURRENCY: 'EUR',
      },
      { database: 'notifications_settle', provider, clock, messaging: FAST_MESSAGING },
    );
    ({ broker, service, dataSource } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  type Row = { id: string; template: string; status: string; due_at: Date; expires_at: Date | null; outcome_reason: string | null; segments: number | null };
  const messagesOf = (householdId: string): Promise<Row[]> =>
    dataSource.query(
      `SELECT id, template, status, due_at, expires_at, outcome_reason, segments FROM messages WHERE household_id = $1 ORDER BY created_at, id`,
      [householdId],
    );
  const statusIs = (householdId: string, template: string, status: string) => async () =>
    (await messagesOf(householdId)).find((r) => r.template === template && r.status === status);
  const published = async (messageId: string): Promise<{ status: string; reason?: string; segments?: number; costMinor?: number }[]> =>
    (
      (await dataSource.query(
        `SELECT envelope->'data' AS data FROM outbox WHERE subject = 'awda.notifications.sms.status-changed.v1' AND envelope->'data'->>'messageId' = $1 ORDER BY id`,
        [messageId],
      )) as { data: { status: string; reason?: string } }[]
    ).map((r) => r.data);

  async function household(language = 'en'): Promise<{ id: string; phone: string; caseNumber: string }> {
    const id = uuidv7();
    const phone = newPhone();
    const caseNumber = `MAH-${id.slice(-6)}`;
    await publish(broker, contact(id, phone, caseNumber, language));
    await waitFor('the contact', async () => (await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND phone_hash IS NOT NULL`, [id])).length === 1);
    return { id, phone, caseNumber };
  }

  const assessed = (householdId: string, status: HouseholdAssessedV1['status'], assessmentVersion: number, pending: string[] = []) =>
    envelope(HOUSEHOLD_ASSESSED_V1, {
      householdId,
      campId: CAMP,
      status,
      priority: 1,
      ruleSetVersion: 1,
      householdVersion: assessmentVersion,
      assessmentVersion,
      destinationArea: 'SY110000',
      override: null,
      assessedAt: new Date().toISOString(),
      reasons: pending.map((code) => ({ ruleId: code, code, params: { count: 2 }, outcome: 'pending' })),
    });

  const snapshot = (householdId: string, caseNumber: string, version: number, status: string) => {
    const event = registered(householdId, caseNumber);
    return envelope(HOUSEHOLD_UPDATED_V1, { household: { ...event.data.household, version, status }, changes: ['status'] });
  };

  it('should send one status SMS for a registration and consent in one visit, and keep the held one across a restart', async () => {
    const h = await household();
    await publish(broker, registered(h.id, h.caseNumber));
    const sent = await waitFor('the registered SMS', statusIs(h.id, 'registered', 'sent'));
    // The sent event carries its parts and cost: segments × the GSM-7 price (an English text).
    expect(sent.segments).toBeGreaterThan(0);
    const events = await published(sent.id);
    expect(events.find((e) => e.status === 'queued')).not.toHaveProperty('costMinor');
    expect(events.find((e) => e.status === 'sent')).toMatchObject({ segments: sent.segments, encoding: 'GSM-7', costMinor: (sent.segments ?? 0) * 4, currency: 'EUR' });
    // Registered, consent missing: "pending" is held to settle…
    await publish(broker, assessed(h.id, 'pending', 1, ['consent_missing']));
    const pending = await waitFor('the pending message held', statusIs(h.id, 'assessed_pending', 'queued'));
    expect(pending.due_at.getTime()).toBeGreaterThan(clock.now().getTime() + (SETTLE_SECONDS - 15) * 1000);
    // …and the consents recorded in the same visit make the family eligible before it goes.
    await publish(broker, assessed(h.id, 'eligible', 2));
    const superseded = await waitFor('the pending message superseded', statusIs(h.id, 'assessed_pending', 'cancelled'));
    expect(superseded.outcome_reason).toBe('superseded');
    expect(superseded.segments).toBeGreaterThanOrEqual(1);
    await waitFor('the eligible message held', statusIs(h.id, 'assessed_eligible', 'queued'));

    // The service stops while the message is held: it is a row, released by the dispatcher after the restart.
    await running.restart();
    ({ service, dataSource } = running);
    clock.set(new Date(noon.getTime() + (SETTLE_SECONDS + 5) * 1000));
    try {
      await waitFor('the eligible SMS after settling', statusIs(h.id, 'assessed_eligible', 'sent'));
    } finally {
      clock.set(noon);
    }
    const texts = provider.sendsTo(h.phone).map((s) => s.text);
    expect(texts.filter((t) => t.includes('on hold'))).toHaveLength(0);
    expect(texts.filter((t) => t.includes('eligible for return'))).toHaveLength(1);
    expect(await published(superseded.id)).toEqual([
      expect.objectContaining({ status: 'queued' }),
      expect.objectContaining({ status: 'cancelled', reason: 'superseded' }),
    ]);
    expect((await published(superseded.id))[0]).not.toHaveProperty('reason');

    // The saving is counted: statistics and the household's message log.
    const supervisor = await jwt(['supervisor'], [CAMP]);
    const today = new Date().toISOString().slice(0, 10);
    const stats = await request(service.app.getHttpServer()).get(`/messages/stats?from=${today}&to=${today}`).set('authorization', `Bearer ${supervisor}`).expect(200);
    const pendingStats = (stats.body as { template: string; superseded: number; segmentsSaved: number }[]).find((s) => s.template === 'assessed_pending');
    expect(pendingStats?.superseded).toBeGreaterThanOrEqual(1);
    expect(pendingStats?.segmentsSaved).toBeGreaterThanOrEqual(superseded.segments ?? 1);
    const log = await request(service.app.getHttpServer()).get(`/households/${h.id}/messages`).set('authorization', `Bearer ${supervisor}`).expect(200);
    expect((log.body as { template: string; status: string; outcomeReason: string | null }[]).map((m) => [m.template, m.status, m.outcomeReason])).toEqual([
      ['registered', 'sent', null],
      ['assessed_pending', 'cancelled', 'superseded'],
      ['assessed_eligible', 'sent', null],
    ]);
  });

  it('should send travel messages at once during quiet hours and expire the ones not sent by departure', async () => {
    // 22:30 in Damascus: the plan is committed for 06:30 the next morning.
    const evening = new Date('2026-03-02T19:30:00Z');
    const departsAt = '2026-03-03T03:30:00.000Z';
    const convoyId = uuidv7();
    const [told, failing, taken, ineligible, quiet, absent] = await Promise.all([household(), household(), household(), household(), household(), household()]);
    const noPhone = uuidv7();
    provider.failures.set(failing.phone, { times: 1, retryable: true });
    clock.set(evening);
    try {
      const plan = (id: string) => {
        const event = scheduled(id, '2026-03-03', 1, convoyId);
        return envelope(event.type, { ...event.data, departureTime: '06:30', departsAt });
      };
      for (const id of [told.id, failing.id, taken.id, ineligible.id, absent.id, noPhone]) await publish(broker, plan(id));
      await publish(broker, registered(noPhone, 'MAH-NOPH'));
      await publish(broker, registered(quiet.id, quiet.caseNumber));
      const sent = await waitFor('the scheduled SMS at 22:30', statusIs(told.id, 'scheduled', 'sent'));
      expect(sent.expires_at?.toISOString()).toBe(departsAt);
      // A registration confirmation is not travel-critical: it waits for 08:00.
      const held = await waitFor('the registered message held till morning', async () => {
        const row = (await messagesOf(quiet.id)).find((r) => r.template === 'registered');
        return row && row.due_at.toISOString() === '2026-03-03T05:00:00.000Z' ? row : undefined;
      });
      expect(held.status).toBe('queued');
      // The first attempt failed: the retry (an hour later) comes after departure.
      await waitFor('the failed attempt requeued', async () => {
        const row = (await messagesOf(failing.id)).find((r) => r.template === 'scheduled');
        return row?.status === 'queued' && row.due_at.getTime() > clock.now().getTime() + 60_000;
      });

      // Taken off the convoy that night: still eligible (a new date will come), and no longer eligible.
      await publish(broker, envelope(HOUSEHOLD_UNSCHEDULED_V1, { householdId: taken.id, campId: CAMP, convoyId, reason: 'manual', scheduleVersion: 2, departsAt }));
      await publish(
        broker,
        envelope(HOUSEHOLD_UNSCHEDULED_V1, { householdId: ineligible.id, campId: CAMP, convoyId, reason: 'no_longer_eligible', scheduleVersion: 2, departsAt }),
      );
      const unscheduled = await waitFor('the unscheduled SMS at night', statusIs(taken.id, 'unscheduled', 'sent'));
      expect(unscheduled.expires_at?.toISOString()).toBe(departsAt);
      await waitFor('the no-new-date SMS at night', statusIs(ineligible.id, 'unscheduled_no_date', 'sent'));
      expect(provider.sendsTo(ineligible.phone).at(-1)?.text).not.toContain('new date');
      expect(provider.sendsTo(taken.phone).at(-1)?.text).toContain('new date');

      // The convoy is cancelled that night; the event carries the departure.
      await publish(broker, envelope(CONVOY_CANCELLED_V1, { convoyId, campId: CAMP, reason: 'road closed', householdIds: [told.id], departsAt }));
      const cancelled = await waitFor('the cancellation SMS at night', statusIs(told.id, 'convoy_cancelled', 'sent'));
      expect(cancelled.expires_at?.toISOString()).toBe(departsAt);

      // 06:31: departure has passed.
      clock.set(new Date('2026-03-03T03:31:00Z'));
      const expired = await waitFor('the failed one expired at departure', statusIs(failing.id, 'scheduled', 'expired'));
      expect(expired.outcome_reason).toBe('expired');
      const neverTold = await waitFor('the no-phone one expired at departure', statusIs(noPhone, 'scheduled', 'expired'));
      expect(neverTold.outcome_reason).toBe('no_phone');
      expect((await published(expired.id)).at(-1)).toMatchObject({ status: 'expired', reason: 'expired' });
      expect((await published(neverTold.id)).at(-1)).toMatchObject({ status: 'expired', reason: 'no_phone' });
      expect(provider.sendsTo(failing.phone)).toHaveLength(0);

      // A no-show, recorded as the convoy leaves: told a new date will come, though its departure has passed.
      await publish(broker, envelope(HOUSEHOLD_UNSCHEDULED_V1, { householdId: absent.id, campId: CAMP, convoyId, reason: 'no_show', scheduleVersion: 2, departsAt }));
      const noShow = await waitFor('the no-show told of a new date', statusIs(absent.id, 'unscheduled', 'sent'));
      expect(noShow.expires_at).toBeNull();
    } finally {
      clock.set(noon);
    }
  });

  it('should tell a family that consented again after withdrawing about its new travel date', async () => {
    const h = await household();
    await publish(broker, registered(h.id, h.caseNumber));
    await waitFor('the registered SMS', statusIs(h.id, 'registered', 'sent'));
    await publish(broker, snapshot(h.id, h.caseNumber, 2, 'withdrawn'));
    await publish(broker, envelope(HOUSEHOLD_WITHDRAWN_V1, { householdId: h.id, campId: CAMP, memberId: uuidv7(), withdrawnOn: '2026-03-02', version: 2 }));
    const withdrawn = async () => ((await dataSource.query(`SELECT withdrawn FROM recipients WHERE household_id = $1`, [h.id])) as { withdrawn: boolean }[])[0]?.withdrawn;
    await waitFor('the household withdrawn', async () => (await withdrawn()) === true);
    // The family consents again: registration returns it to `registered` (version 3).
    await publish(broker, snapshot(h.id, h.caseNumber, 3, 'registered'));
    await waitFor('the withdrawal lifted', async () => (await withdrawn()) === false);
    // A late copy of the withdrawal (version 2) changes nothing now.
    await publish(broker, envelope(HOUSEHOLD_WITHDRAWN_V1, { householdId: h.id, campId: CAMP, memberId: uuidv7(), withdrawnOn: '2026-03-02', version: 2 }));
    await publish(broker, scheduled(h.id, '2026-03-06'));
    await waitFor('the scheduled SMS', statusIs(h.id, 'scheduled', 'sent'));
    expect(await withdrawn()).toBe(false);
  });

  const jwt = (roles: Role[], camps: string[]) =>
    signToken({ sub: `${roles.join('-')}-1`, roles, camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });

  it('should let case workers and supervisors of the camp read a family SMS, and nobody else', async () => {
    const h = await household();
    await publish(broker, registered(h.id, h.caseNumber));
    const message = await waitFor('the registered SMS', statusIs(h.id, 'registered', 'sent'));
    const server = service.app.getHttpServer();
    const matrix: [Role, string[], number][] = [
      ['caseworker', [CAMP], 200],
      ['caseworker', ['areesha'], 404],
      ['supervisor', [CAMP], 200],
      ['supervisor', ['areesha'], 404],
      ['logistics', [CAMP], 403],
    ];
    for (const [role, camps, expected] of matrix) {
      const t = await jwt([role], camps);
      const log = await request(server).get(`/households/${h.id}/messages`).set('authorization', `Bearer ${t}`);
      const one = await request(server).get(`/messages/${message.id}`).set('authorization', `Bearer ${t}`);
      expect([role, camps, log.status, one.status]).toEqual([role, camps, expected, expected]);
    }
    // Statistics stay with supervisors.
    const today = new Date().toISOString().slice(0, 10);
    await request(server).get(`/messages/stats?from=${today}&to=${today}`).set('authorization', `Bearer ${await jwt(['caseworker'], [CAMP])}`).expect(403);
  });
});
