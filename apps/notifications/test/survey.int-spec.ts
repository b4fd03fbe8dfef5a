import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { signToken } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import { CONVOY_ARRIVED_V1, HOUSEHOLD_ERASED_V1, HOUSEHOLD_WITHDRAWN_V1, SURVEY_ANSWERED_V1 } from '@awda/contracts';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { ConversationsSweeper } from '../src/conversations/conversations.sweeper.js';
import { CAMP, ScriptedProvider, TestClock, contact, envelope, newPhone, publish, registered, FAST_MESSAGING, startNotifications, type RunningNotifications } from './fixtures.js';

const HOUR = 3_600_000;

describe('follow-up survey on the real servers', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  let server: Parameters<typeof request>[0];
  let sweeper: ConversationsSweeper;
  const provider = new ScriptedProvider();
  const clock = new TestClock();
  const token = (camps: string[]) =>
    signToken({ sub: 'caseworker-1', roles: ['caseworker'], camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
  let mo = 0;

  beforeAll(async () => {
    // 12:00 in Damascus (UTC+3): outside quiet hours.
    clock.set(new Date('2026-04-06T09:00:00Z'));
    running = await startNotifications(
      {
        SMS_DISPATCH_POLL_MS: '50',
        SMS_RATE_SEGMENTS_PER_SECOND: '50',
        SMS_HANDOFF_MARGIN_MS: '200',
        ARRIVAL_CHECK_HOURS: '2',
        SURVEY_DELAY_SECONDS: '60',
        SURVEY_ANSWER_HOURS: '1',
        // The test sweeps itself, after moving the clock.
        CONVERSATION_SWEEP_MS: '600000',
      },
      { database: 'notifications_survey', provider, clock, messaging: FAST_MESSAGING },
    );
    ({ broker, service, dataSource, server } = running);
    sweeper = service.app.get(ConversationsSweeper);
  });

  afterAll(async () => {
    await running?.stop();
  });

  type Household = { id: string; phone: string; caseNumber: string };
  async function household(language = 'en'): Promise<Household> {
    const id = uuidv7();
    const phone = newPhone();
    const caseNumber = `MAH-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
    await publish(broker, registered(id, caseNumber, language));
    await publish(broker, contact(id, phone, caseNumber, language));
    await waitFor('the contact', async () =>
      ((await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND phone_hash IS NOT NULL AND destination_area IS NOT NULL`, [id])) as unknown[])[0],
    );
    return { id, phone, caseNumber };
  }
  const reply = (phone: string, text: string, sid = `mo-survey-${(mo += 1)}`) =>
    request(server).post('/inbound/sms').set('x-awda-inbound-token', service.config.SMS_INBOUND_TOKEN).send({ From: phone, Body: text, MessageSid: sid }).expect(200);
  const messages = async (householdId: string, template: string) =>
    (await dataSource.query(`SELECT id, status, body FROM messages WHERE household_id = $1 AND template = $2`, [householdId, template])) as {
      id: string;
      status: string;
      body: string | null;
    }[];
  const sent = (householdId: string, template: string) => async () => (await messages(householdId, template)).find((m) => m.status === 'sent');
  const survey = async (householdId: string) =>
    ((await dataSource.query(`SELECT * FROM conversations WHERE household_id = $1 AND purpose = 'follow_up_survey'`, [householdId])) as {
      id: string;
      state: string;
      outcome: string | null;
      asks_at: Date | null;
      help_sent: boolean;
    }[]);
  const published = async (householdId: string) =>
    ((await dataSource.query(`SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->>'householdId' = $2 ORDER BY envelope->'data'->>'at'`, [
      SURVEY_ANSWERED_V1,
      householdId,
    ])) as { envelope: { data: Record<string, unknown> } }[]).map((r) => r.envelope.data);
  // The arrival instant is given, not read again: the test clock runs on in real time between two reads.
  const arrive = async (households: Household[], arrivedAt = clock.now()) => {
    await publish(broker, envelope(CONVOY_ARRIVED_V1, { convoyId: uuidv7(), campId: CAMP, arrivedAt: arrivedAt.toISOString(), householdIds: households.map((h) => h.id) }));
    for (const h of households) await waitFor('the arrival question', sent(h.id, 'arrival_question'));
  };

  it('should ask the survey after the delay, one question after another, keep and publish each answer once, and help once', async () => {
    const h = await household('ar');
    const arrivedAt = clock.now();
    await arrive([h], arrivedAt);
    const [scheduled] = await survey(h.id);
    expect(scheduled).toMatchObject({ state: 'scheduled' });
    expect(new Date(scheduled!.asks_at!).getTime() - arrivedAt.getTime()).toBe(60_000);
    // Before its time nothing is asked.
    await sweeper.sweep();
    expect(await survey(h.id)).toMatchObject([{ state: 'scheduled' }]);
    expect((await reply(h.phone, '1')).body.reply).toBe('answered');

    clock.set(new Date(clock.now().getTime() + 61_000));
    await sweeper.sweep();
    expect(await survey(h.id)).toMatchObject([{ state: 'open' }]);
    const shelter = await waitFor('the shelter question', sent(h.id, 'survey_shelter'));
    expect(shelter.body).toContain(h.caseNumber);
    expect(shelter.body).toContain('كيف حال مسكنكم');

    // "٣." twice from the provider (same message id): one answer, one event.
    expect((await reply(h.phone, '٣.', 'mo-survey-dup')).body).toMatchObject({ duplicate: false, reply: 'answered' });
    expect((await reply(h.phone, '٣.', 'mo-survey-dup')).body).toMatchObject({ duplicate: true });
    await waitFor('the services question', sent(h.id, 'survey_services'));
    // Out of range, then words: one help message for the conversation, both replies kept.
    expect((await reply(h.phone, '7')).body.reply).toBe('unrecognised');
    expect((await reply(h.phone, 'we have no water')).body.reply).toBe('unrecognised');
    await waitFor('the help message', sent(h.id, 'survey_help'));
    expect(await messages(h.id, 'survey_help')).toHaveLength(1);
    expect((await reply(h.phone, '2')).body.reply).toBe('answered');
    await waitFor('the safety question', sent(h.id, 'survey_safety'));
    expect((await reply(h.phone, ' 1 ')).body.reply).toBe('answered');
    expect(await survey(h.id)).toMatchObject([{ state: 'answered', outcome: 'completed', help_sent: true }]);
    // Once each: no question is asked twice.
    for (const template of ['survey_shelter', 'survey_services', 'survey_safety']) expect(await messages(h.id, template)).toHaveLength(1);

    const events = await published(h.id);
    expect(events.map((e) => [e['questionCode'], e['answer']])).toEqual([
      ['shelter', 3],
      ['services', 2],
      ['safety', 1],
    ]);
    expect(Object.keys(events[0] ?? {}).sort()).toEqual(['answer', 'at', 'campId', 'conversationId', 'destinationArea', 'householdId', 'questionCode']);
    expect(events[0]).toMatchObject({ campId: CAMP, destinationArea: 'SY110000' });
    expect(JSON.stringify(events)).not.toContain(h.phone);
    // After the last answer a reply has no conversation any more.
    expect((await reply(h.phone, '1')).body.reply).toBe('no_conversation');

    const view = await request(server).get(`/households/${h.id}/conversations`).set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    const surveyView = (view.body as { purpose: string; surveyAnswers: unknown[]; replies: { text: string }[] }[]).find((c) => c.purpose === 'follow_up_survey');
    expect(surveyView?.surveyAnswers).toEqual([
      expect.objectContaining({ questionCode: 'shelter', answer: 3, answerCode: 'no_shelter' }),
      expect.objectContaining({ questionCode: 'services', answer: 2, answerCode: 'some' }),
      expect.objectContaining({ questionCode: 'safety', answer: 1, answerCode: 'safe' }),
    ]);
    // The reply after the end is kept too (with the household's last conversation).
    expect(surveyView?.replies.map((r) => r.text)).toEqual(['٣.', '7', 'we have no water', '2', ' 1 ', '1']);
    await request(server).get(`/households/${h.id}/conversations`).set('authorization', `Bearer ${await token(['areesha'])}`).expect(404);

    // Erasure deletes the answers and the replies; the conversation stays, ended.
    await publish(broker, envelope(HOUSEHOLD_ERASED_V1, { householdId: h.id, campId: CAMP, erasedAt: clock.now().toISOString(), source: 'request' }));
    await waitFor('the erasure', async () => ((await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND erased_at IS NOT NULL`, [h.id])) as unknown[])[0]);
    expect(await dataSource.query(`SELECT * FROM survey_answers WHERE household_id = $1`, [h.id])).toEqual([]);
  });

  it('should wait for an open arrival check, not ask a family that opted out, and end a silent survey at its expiry', async () => {
    const waiting = await household();
    const stopped = await household();
    await arrive([waiting, stopped]);
    expect((await reply(stopped.phone, 'STOP')).body.keyword).toBe('stop');
    clock.set(new Date(clock.now().getTime() + 61_000));
    await sweeper.sweep();
    // The arrival check is still open: the survey waits until it ends; the opted-out family is not asked.
    expect(await survey(waiting.id)).toMatchObject([{ state: 'scheduled' }]);
    expect(await survey(stopped.id)).toMatchObject([{ state: 'closed', outcome: 'closed' }]);
    clock.set(new Date(clock.now().getTime() + 2 * HOUR + 5000));
    await sweeper.sweep();
    expect(await survey(waiting.id)).toMatchObject([{ state: 'open' }]);
    await waitFor('the shelter question', sent(waiting.id, 'survey_shelter'));
    expect((await reply(waiting.phone, '1')).body.reply).toBe('answered');
    clock.set(new Date(clock.now().getTime() + HOUR + 5000));
    // An answer after the expiry, before the sweep, is kept as late and not applied.
    expect((await reply(waiting.phone, '2')).body.reply).toBe('late');
    await sweeper.sweep();
    expect(await survey(waiting.id)).toMatchObject([{ state: 'expired', outcome: 'incomplete' }]);
    expect((await published(waiting.id)).map((e) => e['questionCode'])).toEqual(['shelter']);
    expect(await messages(stopped.id, 'survey_shelter')).toEqual([]);
  });

  it('should stop a planned survey when the household withdraws', async () => {
    const h = await household();
    await arrive([h]);
    expect((await reply(h.phone, '1')).body.reply).toBe('answered');
    expect(await survey(h.id)).toMatchObject([{ state: 'scheduled' }]);
    await publish(broker, envelope(HOUSEHOLD_WITHDRAWN_V1, { householdId: h.id, campId: CAMP, memberId: uuidv7(), withdrawnOn: '2026-04-06', version: 5 }));
    await waitFor('the withdrawal', async () => ((await survey(h.id))[0]?.state === 'closed' ? true : undefined));
    clock.set(new Date(clock.now().getTime() + 61_000));
    await sweeper.sweep();
    expect(await survey(h.id)).toMatchObject([{ state: 'closed', outcome: 'closed' }]);
    expect(await messages(h.id, 'survey_shelter')).toEqual([]);
  });
});
