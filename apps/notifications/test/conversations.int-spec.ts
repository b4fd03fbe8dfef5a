import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { signToken } from '@awda/auth';
import type { ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import { ARRIVAL_REPORTED_V1, CONVOY_ARRIVED_V1, HOUSEHOLD_ERASED_V1, SEAT_CONFIRMED_V1, SEAT_DECLINED_V1, SEAT_UNANSWERED_V1 } from '@awda/contracts';
import { waitFor, type TestBroker } from '@awda/testing';
import type { NotificationsConfig } from '../src/config.js';
import { ConversationsSweeper } from '../src/conversations/conversations.sweeper.js';
import { addDays, toLocal } from '../src/dispatch/local-time.js';
import { CAMP, ScriptedProvider, TestClock, contact, envelope, newPhone, publish, scheduled, FAST_MESSAGING, startNotifications, type RunningNotifications } from './fixtures.js';

const HOUR = 3_600_000;


describe('two-way SMS conversations on the real servers', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let service: ServiceApp<NotificationsConfig>;
  let dataSource: DataSource;
  let server: Parameters<typeof request>[0];
  const provider = new ScriptedProvider();
  const clock = new TestClock();
  const token = (camps: string[], role: 'caseworker' | 'supervisor' = 'caseworker') =>
    signToken({ sub: `${role}-1`, roles: [role], camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
  let mo = 0;

  beforeAll(async () => {
    // 12:00 in Damascus (UTC+3): outside quiet hours.
    clock.set(new Date('2026-03-02T09:00:00Z'));
    running = await startNotifications(
      {
        SMS_DISPATCH_POLL_MS: '50',
        SMS_RATE_SEGMENTS_PER_SECOND: '50',
        SMS_HANDOFF_MARGIN_MS: '200',
        SEAT_CONFIRM_DEADLINE_HOURS: '24',
        SEAT_REMINDER_HOURS: '6',
        ARRIVAL_CHECK_HOURS: '12',
        // The test sweeps itself, after moving the clock.
        CONVERSATION_SWEEP_MS: '600000',
      },
      { database: 'notifications_conversations', provider, clock, messaging: FAST_MESSAGING },
    );
    ({ broker, service, dataSource, server } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  type Household = { id: string; phone: string; caseNumber: string };
  async function household(phone = newPhone(), language = 'en'): Promise<Household> {
    const id = uuidv7();
    const caseNumber = `MAH-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
    await publish(broker, contact(id, phone, caseNumber, language));
    await waitFor('the contact', async () => ((await dataSource.query(`SELECT 1 FROM recipients WHERE household_id = $1 AND phone_hash IS NOT NULL`, [id])) as unknown[])[0]);
    return { id, phone, caseNumber };
  }
  const inDays = (days: number) => addDays(toLocal(clock.now(), 'Asia/Damascus').date, days);
  const reply = (phone: string, text: string, sid = `mo-conv-${(mo += 1)}`) =>
    request(server).post('/inbound/sms').set('x-awda-inbound-token', service.config.SMS_INBOUND_TOKEN).send({ From: phone, Body: text, MessageSid: sid }).expect(200);
  const message = (householdId: string, template: string, status: string) => async () => {
    const rows: { id: string; body: string | null }[] = await dataSource.query(
      `SELECT id, body FROM messages WHERE household_id = $1 AND template = $2 AND status = $3`,
      [householdId, template, status],
    );
    return rows[0];
  };
  const conversation = async (householdId: string, purpose = 'seat_confirmation') =>
    ((await dataSource.query(`SELECT * FROM conversations WHERE household_id = $1 AND purpose = $2 ORDER BY opened_at DESC LIMIT 1`, [householdId, purpose])) as {
      id: string;
      state: string;
      outcome: string | null;
      flagged: boolean;
      flag_reason: string | null;
      flag_clear_note_encrypted: string | null;
      help_sent: boolean;
    }[])[0];
  const events = async (householdId: string, subject: string) =>
    ((await dataSource.query(`SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->>'householdId' = $2`, [subject, householdId])) as {
      envelope: { data: Record<string, unknown> };
    }[]).map((r) => r.envelope.data);
  const asked = async (h: Household, convoyId = uuidv7()) => {
    await publish(broker, scheduled(h.id, inDays(3), 1, convoyId));
    return waitFor('the seat question sent', message(h.id, 'seat_question', 'sent'));
  };

  it('should ask a scheduled family to confirm, and confirm its seat once on "١" even when the provider posts the reply twice', async () => {
    const h = await household();
    const question = await asked(h);
    expect(question.body).toContain('reply 1 to confirm');
    expect(question.body).toContain(h.caseNumber);
    const first = await reply(h.phone, ' ١ ', 'mo-conv-dup');
    expect(first.body).toEqual({ keyword: null, households: 1, duplicate: false, reply: 'answered' });
    const again = await reply(h.phone, ' ١ ', 'mo-conv-dup');
    expect(again.body.duplicate).toBe(true);
    expect(await conversation(h.id)).toMatchObject({ state: 'answered', outcome: 'confirmed' });
    const confirmed = await events(h.id, SEAT_CONFIRMED_V1);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ householdId: h.id, campId: CAMP });
    // Answered: the reminder is not sent.
    expect(await message(h.id, 'seat_reminder', 'cancelled')()).toBeDefined();
  });

  it('should read "2" as giving up this date, not as a withdrawal or an opt-out', async () => {
    const h = await household();
    await asked(h);
    expect((await reply(h.phone, '۲')).body.reply).toBe('answered');
    expect(await conversation(h.id)).toMatchObject({ state: 'answered', outcome: 'declined' });
    expect(await events(h.id, SEAT_DECLINED_V1)).toHaveLength(1);
    const recipient: { opted_out: boolean; withdrawn: boolean }[] = await dataSource.query(`SELECT opted_out, withdrawn FROM recipients WHERE household_id = $1`, [h.id]);
    expect(recipient[0]).toEqual({ opted_out: false, withdrawn: false });
  });

  it('should answer an unrecognised reply with one help message per conversation and keep every reply for a case worker', async () => {
    const h = await household();
    await asked(h);
    expect((await reply(h.phone, 'we come with grandmother')).body.reply).toBe('unrecognised');
    expect((await reply(h.phone, 'is the bus big?')).body.reply).toBe('unrecognised');
    await waitFor('the help message', message(h.id, 'reply_help', 'sent'));
    const help: unknown[] = await dataSource.query(`SELECT id FROM messages WHERE household_id = $1 AND template = 'reply_help'`, [h.id]);
    expect(help).toHaveLength(1);
    expect(await conversation(h.id)).toMatchObject({ state: 'open', help_sent: true });
    expect((await reply(h.phone, 'yes')).body.reply).toBe('answered');
    const stored: { text_encrypted: string }[] = await dataSource.query(`SELECT text_encrypted FROM conversation_replies WHERE household_id = $1`, [h.id]);
    expect(stored.map((r) => r.text_encrypted).join(' ')).not.toContain('grandmother');
    const view = await request(server).get(`/households/${h.id}/conversations`).set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    expect(view.body).toHaveLength(1);
    expect(view.body[0]).toMatchObject({ purpose: 'seat_confirmation', state: 'answered', outcome: 'confirmed', helpSent: true });
    expect(view.body[0].replies.map((r: { text: string; outcome: string }) => [r.text, r.outcome])).toEqual([
      ['we come with grandmother', 'unrecognised'],
      ['is the bus big?', 'unrecognised'],
      ['yes', 'answer'],
    ]);
    await request(server).get(`/households/${h.id}/conversations`).set('authorization', `Bearer ${await token(['areesha'])}`).expect(404);
  });

  it('should give STOP priority over an open conversation', async () => {
    const h = await household();
    await asked(h);
    expect((await reply(h.phone, 'STOP')).body).toEqual({ keyword: 'stop', households: 1, duplicate: false });
    expect(await conversation(h.id)).toMatchObject({ state: 'open' });
    expect(await events(h.id, SEAT_DECLINED_V1)).toHaveLength(0);
  });

  it('should match a reply from a phone shared by two households by case number, else to the soonest departure', async () => {
    const phone = newPhone();
    const later = await household(phone);
    const sooner = await household(phone);
    await publish(broker, scheduled(later.id, inDays(5)));
    await waitFor('the later seat question', message(later.id, 'seat_question', 'sent'));
    await publish(broker, scheduled(sooner.id, inDays(3)));
    await waitFor('the sooner seat question', message(sooner.id, 'seat_question', 'sent'));
    expect((await reply(phone, '1')).body).toMatchObject({ households: 2, reply: 'answered' });
    expect(await conversation(sooner.id)).toMatchObject({ outcome: 'confirmed' });
    expect(await conversation(later.id)).toMatchObject({ state: 'open' });
    expect((await reply(phone, `${later.caseNumber} 2`)).body.reply).toBe('answered');
    expect(await conversation(later.id)).toMatchObject({ outcome: 'declined' });
  });

  it('should remind a silent family once, then report the seat unanswered once at the deadline; a late "1" changes nothing', async () => {
    const silent = await household();
    const racing = await household();
    await asked(silent);
    await asked(racing);
    // Departure in 3 days at 07:30, deadline 24 h before, reminder 6 h before the deadline.
    const rows: { expires_at: Date }[] = await dataSource.query(`SELECT expires_at FROM conversations WHERE household_id = $1`, [silent.id]);
    const deadline = new Date(rows[0]?.expires_at ?? 0);
    // The deadline (07:30 local) minus 6 h is in quiet hours: the reminder goes at 20:59 the evening before.
    const due: { due_at: Date }[] = await dataSource.query(`SELECT due_at FROM messages WHERE household_id = $1 AND template = 'seat_reminder'`, [silent.id]);
    expect(toLocal(new Date(due[0]?.due_at ?? 0), 'Asia/Damascus').minutes).toBe(20 * 60 + 59);
    clock.set(new Date(new Date(due[0]?.due_at ?? 0).getTime() + 5000));
    await waitFor('the reminder', message(silent.id, 'seat_reminder', 'sent'));
    clock.set(new Date(deadline.getTime() + 1000));
    // The deadline wins: "1" after it, before the sweep has run, is kept but not applied.
    expect((await reply(racing.phone, '1')).body.reply).toBe('late');
    const sweeper = service.app.get(ConversationsSweeper);
    await sweeper.sweep();
    await sweeper.sweep();
    for (const h of [silent, racing]) {
      expect(await conversation(h.id)).toMatchObject({ state: 'expired', outcome: 'unanswered' });
      expect(await events(h.id, SEAT_UNANSWERED_V1)).toHaveLength(1);
      expect(await events(h.id, SEAT_CONFIRMED_V1)).toHaveLength(0);
    }
    const reminders: unknown[] = await dataSource.query(`SELECT id FROM messages WHERE household_id = $1 AND template = 'seat_reminder'`, [silent.id]);
    expect(reminders).toHaveLength(1);
    // After the sweep: nothing open, the reply is kept for a person.
    expect((await reply(racing.phone, '1')).body.reply).toBe('no_conversation');
  });

  it('should ask arrived families whether they arrived safely, and flag "2" and silence on a work list of their camp', async () => {
    // Noon in Damascus a week later: arrival questions are not held by quiet hours.
    clock.set(new Date('2026-03-10T09:00:00Z'));
    const helpNeeded = await household(newPhone(), 'ar');
    const silent = await household();
    const safe = await household();
    const convoyId = uuidv7();
    await publish(broker, envelope(CONVOY_ARRIVED_V1, { convoyId, campId: CAMP, arrivedAt: clock.now().toISOString(), householdIds: [helpNeeded.id, silent.id, safe.id] }));
    const question = await waitFor('the arrival question', message(helpNeeded.id, 'arrival_question', 'sent'));
    expect(question.body).toContain('هل وصلت عائلتكم بسلامة');
    await waitFor('the other arrival questions', async () => (await message(silent.id, 'arrival_question', 'sent')()) && message(safe.id, 'arrival_question', 'sent')());
    expect((await reply(helpNeeded.phone, 'نحتاج مساعدة')).body.reply).toBe('answered');
    expect((await reply(safe.phone, '1')).body.reply).toBe('answered');
    expect(await conversation(helpNeeded.id, 'arrival_check')).toMatchObject({ outcome: 'needs_help', flagged: true, flag_reason: 'needs_help' });
    expect(await conversation(safe.id, 'arrival_check')).toMatchObject({ outcome: 'safe', flagged: false });
    clock.set(new Date(clock.now().getTime() + 13 * HOUR));
    await service.app.get(ConversationsSweeper).sweep();
    expect(await conversation(silent.id, 'arrival_check')).toMatchObject({ state: 'expired', outcome: 'no_answer', flagged: true });
    expect((await events(silent.id, ARRIVAL_REPORTED_V1)).map((e) => e['outcome'])).toEqual(['no_answer']);
    expect((await events(helpNeeded.id, ARRIVAL_REPORTED_V1)).map((e) => e['outcome'])).toEqual(['needs_help']);

    const list = await request(server).get('/conversations/flagged').set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    const flagged = (list.body as { householdId: string; flagReason: string; caseNumber: string }[]).filter((f) => [helpNeeded.id, silent.id, safe.id].includes(f.householdId));
    expect(flagged.map((f) => [f.householdId, f.flagReason])).toEqual([
      [helpNeeded.id, 'needs_help'],
      [silent.id, 'no_answer'],
    ]);
    const elsewhere = await request(server).get('/conversations/flagged').set('authorization', `Bearer ${await token(['areesha'])}`).expect(200);
    expect(elsewhere.body).toEqual([]);
    const otherCamp = await request(server).get(`/conversations/flagged?campId=${CAMP}`).set('authorization', `Bearer ${await token(['areesha'])}`).expect(403);
    expect(otherCamp.body.code).toBe('NOTIFICATIONS.CAMP_NOT_ALLOWED');
    await request(server).get('/conversations/flagged?campId=Bad%20Camp').set('authorization', `Bearer ${await token([CAMP])}`).expect(400);
    await request(server).get('/conversations/flagged?unknown=1').set('authorization', `Bearer ${await token([CAMP])}`).expect(400);

    const helpConversation = await conversation(helpNeeded.id, 'arrival_check');
    await request(server).post(`/conversations/${helpConversation!.id}/flag/clear`).set('authorization', `Bearer ${await token(['areesha'])}`).expect(404);
    await request(server).post(`/conversations/${helpConversation!.id}/flag/clear`).set('authorization', `Bearer ${await token([CAMP])}`).send({ note: '' }).expect(400);
    await request(server).post(`/conversations/${helpConversation!.id}/flag/clear`).set('authorization', `Bearer ${await token([CAMP])}`).send({ note: 'Visited the family; referred to the clinic.' }).expect(204);
    expect((await conversation(helpNeeded.id, 'arrival_check'))?.flag_clear_note_encrypted).toMatch(/^(?!.*clinic)./);
    const views = await request(server).get(`/households/${helpNeeded.id}/conversations`).set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    expect((views.body as { purpose: string; flagClearNote: string | null; flagClearedAt: string | null }[]).find((v) => v.purpose === 'arrival_check')).toMatchObject({
      flagClearNote: 'Visited the family; referred to the clinic.',
      flagClearedAt: expect.any(String),
    });
    const cleared = await request(server).post(`/conversations/${helpConversation!.id}/flag/clear`).set('authorization', `Bearer ${await token([CAMP])}`).expect(409);
    expect(cleared.body.code).toBe('NOTIFICATIONS.FLAG_ALREADY_CLEARED');
    const after = await request(server).get('/conversations/flagged').set('authorization', `Bearer ${await token([CAMP])}`).expect(200);
    expect((after.body as { householdId: string }[]).map((f) => f.householdId)).not.toContain(helpNeeded.id);

    // The household's erasure deletes the note written about it (who and when stay).
    await publish(broker, envelope(HOUSEHOLD_ERASED_V1, { householdId: helpNeeded.id, campId: CAMP, erasedAt: new Date().toISOString(), source: 'request' }));
    await waitFor('the note erased', async () => ((await conversation(helpNeeded.id, 'arrival_check'))?.flag_clear_note_encrypted === null ? true : undefined));
    expect(await conversation(helpNeeded.id, 'arrival_check')).toMatchObject({ flagged: true, flag_reason: 'needs_help' });
  });
});
