// Two-way SMS (issue 18), the four services in this process on the real PostgreSQL and NATS: a
// scheduled family confirms its seat by replying "١"; another stays silent, is reminded once, and at
// the deadline its seat (the convoy's policy: release) goes to the next family of the same destination
// on the waiting list, which is scheduled and asked in turn; after arrival a family replies "2" (we
// need help) and the follow-up flag is on its registration timeline and the camp's work list; its
// follow-up survey (asked SURVEY_DELAY_SECONDS after arrival here) gets an answer "٣".
// Short timings: the deadline is set a few minutes after the start, the reminder two minutes before it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { DEV_INBOUND_TOKEN } from '../apps/notifications/src/config.js';
import { fromLocal } from '../apps/notifications/src/dispatch/local-time.js';
import { api } from './harness.js';
import { startInProcess, type InProcessSystem } from './in-process.js';
import { Journey, localDate, type MessageView, type Registered } from './journey.js';

const TABQA = 'SY110200';
const CAMP = 'mahmoudli-twoway';
const DEADLINE_AFTER_START_S = 270;
const REMINDER_BEFORE_DEADLINE_S = 120;

let system: InProcessSystem;
let journey: Journey;
let smsDir: string;
const departureDate = localDate(1);
// Departure tomorrow 07:00 in the camp's zone; the seat deadline DEADLINE_AFTER_START_S after the start.
const departureAt = fromLocal(departureDate, 7 * 60, 'Asia/Damascus');

/** Generated families with a phone, of the sizes asked (members), none with special needs. */
function families(seed: string, sizes: number[]): GeneratedHousehold[] {
  const pool = generateHouseholds(seed, 400, { destinationAreas: [TABQA], campId: CAMP }).filter(
    (h) =>
      h.phone !== null &&
      !h.phone.endsWith('376') &&
      h.members.every((m) => m.needs.length === 0) &&
      h.members.filter((m) => m.dateOfBirth <= localDate(-19 * 366)).length >= 1 &&
      h.members.every((m) => m.dateOfBirth <= localDate(-3 * 366)),
  );
  return sizes.map((size, i) => {
    const found = pool.filter((h) => h.members.length === size)[i];
    if (!found) throw new Error(`no generated family of ${size}`);
    return found;
  });
}

beforeAll(async () => {
  smsDir = await mkdtemp(join(tmpdir(), 'awda-twoway-sms-'));
  const deadlineHours = (departureAt.getTime() - Date.now() - DEADLINE_AFTER_START_S * 1000) / 3_600_000;
  system = await startInProcess({
    services: ['registration', 'eligibility', 'transport', 'notifications'],
    extraEnv: {
      SMS_DEV_OUTBOX_DIR: smsDir,
      SMS_QUIET_START: '00:00',
      SMS_QUIET_END: '00:00',
      SMS_DISPATCH_POLL_MS: '200',
      SMS_SETTLE_SECONDS: '0',
      SEAT_CONFIRM_DEADLINE_HOURS: deadlineHours.toFixed(6),
      SEAT_REMINDER_HOURS: (REMINDER_BEFORE_DEADLINE_S / 3600).toFixed(6),
      ARRIVAL_CHECK_HOURS: '1',
      CONVERSATION_SWEEP_MS: '500',
      SURVEY_DELAY_SECONDS: '3',
    },
  });
  journey = await Journey.create(system.urls, CAMP);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  if (smsDir) await rm(smsDir, { recursive: true, force: true });
});

async function eligible(generated: GeneratedHousehold, caseNumber: string): Promise<Registered> {
  const registered = await journey.register(generated, { caseNumber });
  await journey.consentAll(registered);
  await journey.waitForAssessment(registered.id, 1, (a) => a.status === 'eligible');
  return registered;
}

const reply = async (phone: string, text: string, id: string) => {
  const res = await api('POST', `${system.urls.notifications}/inbound/sms`, '', { From: phone, Body: text, MessageSid: id }, { 'x-awda-inbound-token': DEV_INBOUND_TOKEN });
  expect(res.status).toBe(200);
  return res.body as { keyword: string | null; households: number; reply?: string };
};
const sent = (template: string) => (messages: MessageView[]) => messages.some((m) => m.template === template && (m.status === 'sent' || m.status === 'delivered'));
const seatOf = (householdId: string) =>
  journey.call<{ convoyId: string; seatConfirmedAt: string | null } | { code: string }>('supervisor', 'transport', 'GET', `/households/${householdId}/seat`, undefined, {
    expect: [200, 409],
  });

describe('two-way SMS: seat confirmation, the waiting list and the arrival check', () => {
  let confirming: Registered;
  let silent: Registered;
  let waiting: Registered;
  let convoyId: string;

  it('should ask scheduled families to confirm and record the seat confirmed on "١"', async () => {
    const [a, b, c] = families('two-way', [3, 4, 2]);
    confirming = await eligible(a!, 'MHM-2WY-000001');
    silent = await eligible(b!, 'MHM-2WY-000002');
    const pool = await journey.waitForPool([confirming.id, silent.id]);
    const units = pool.filter((p) => [confirming.id, silent.id].includes(p.householdId)).reduce((sum, p) => sum + (p as unknown as { seatUnits: number }).seatUnits, 0);
    // One bus exactly full with the two families: a third fits only in a seat given back.
    await journey.createFleet({ buses: 1, seats: units, cargoTrucks: 2, ambulances: 0 }, [departureDate], '2WY');
    const proposal = await journey.propose({ campId: CAMP, departureDate, departureTime: '07:00', assemblyPoint: 'Gate 2', spareShare: 0 });
    expect(proposal.plan.unplaced).toEqual([]);
    const committed = await journey.commit(proposal.planId);
    convoyId = committed.convoys[0]?.convoyId ?? '';
    expect(committed.convoys[0]?.householdIds.sort()).toEqual([confirming.id, silent.id].sort());
    await journey.call('logistics', 'transport', 'PUT', `/convoys/${convoyId}/no-answer-policy`, { policy: 'release' });
    // The waiting list: a family of the same destination, eligible after the plan.
    waiting = await eligible(c!, 'MHM-2WY-000003');

    const asked = await journey.waitForMessages(confirming.id, sent('seat_question'), 90_000);
    expect(asked.filter((m) => m.template === 'seat_question')).toHaveLength(1);
    const answer = await reply(confirming.generated.phone ?? '', '١', 'two-way-mo-1');
    expect(answer).toMatchObject({ keyword: null, reply: 'answered' });
    // The provider posts the same reply again: processed once.
    await reply(confirming.generated.phone ?? '', '١', 'two-way-mo-1');
    const seat = await waitFor('the seat confirmed in transport', async () => {
      const view = await seatOf(confirming.id);
      return 'seatConfirmedAt' in view && view.seatConfirmedAt ? view : undefined;
    });
    expect(seat).toMatchObject({ convoyId });
  }, 300_000);

  it('should remind a silent family once, release its seat at the deadline and give it to the next family on the waiting list, which is asked in turn', async () => {
    const reminded = await journey.waitForMessages(silent.id, sent('seat_reminder'), 300_000);
    expect(reminded.filter((m) => m.template === 'seat_reminder')).toHaveLength(1);
    await waitFor('the silent family off the convoy', async () => ('code' in (await seatOf(silent.id)) ? true : undefined), { timeoutMs: 300_000, intervalMs: 500 });
    const offered = await waitFor('the waiting family on the convoy', async () => {
      const view = await seatOf(waiting.id);
      return 'convoyId' in view ? view : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(offered.convoyId).toBe(convoyId);
    const messages = await journey.waitForMessages(waiting.id, sent('seat_question'), 60_000);
    expect(messages.filter((m) => m.template === 'scheduled')).toHaveLength(1);
    // The silent family is back in the pool (not withdrawn) and told a new date will follow.
    const told = await journey.waitForMessages(silent.id, sent('unscheduled'), 60_000);
    expect(told.filter((m) => m.template === 'unscheduled')).toHaveLength(1);
    expect((await journey.household(silent.id)).status).toBe('registered');
  }, 600_000);

  it('should ask after arrival, and put a "2" (we need help) on the household timeline and the camp work list', async () => {
    await journey.confirm(convoyId);
    await journey.board(convoyId);
    await journey.arrive(convoyId);
    await journey.waitForMessages(confirming.id, sent('arrival_question'), 90_000);
    expect((await reply(confirming.generated.phone ?? '', '2', 'two-way-mo-2')).reply).toBe('answered');
    const timeline = await waitFor('the flag on the timeline', async () => {
      const { entries } = await journey.timeline(confirming.id);
      return entries.find((e) => e.kind === 'arrival_reported');
    });
    expect(timeline.detail).toMatchObject({ outcome: 'needs_help', followUp: true });
    const flagged = await journey.call<{ householdId: string; flagReason: string }[]>('caseworker', 'notifications', 'GET', `/conversations/flagged?campId=${CAMP}`);
    expect(flagged.filter((f) => f.householdId === confirming.id).map((f) => f.flagReason)).toEqual(['needs_help']);
  }, 300_000);

  it('should ask the follow-up survey after arrival and keep the answer for the case worker', async () => {
    await journey.waitForMessages(confirming.id, sent('survey_shelter'), 90_000);
    expect((await reply(confirming.generated.phone ?? '', '٣', 'two-way-mo-survey')).reply).toBe('answered');
    const conversations = await journey.call<{ purpose: string; state: string; surveyAnswers: { questionCode: string; answer: number; answerCode: string }[] }[]>(
      'caseworker',
      'notifications',
      'GET',
      `/households/${confirming.id}/conversations`,
    );
    const survey = conversations.find((c) => c.purpose === 'follow_up_survey');
    expect(survey).toMatchObject({ state: 'open', surveyAnswers: [{ questionCode: 'shelter', answer: 3, answerCode: 'no_shelter' }] });
    await journey.waitForMessages(confirming.id, sent('survey_services'), 60_000);
  }, 120_000);
});
