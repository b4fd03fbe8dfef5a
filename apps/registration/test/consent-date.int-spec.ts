// "Today" for a decision date is the camp's date (Asia/Damascus, UTC+3), not UTC's: between 00:00
// and 03:00 in the camp, UTC still shows yesterday.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CampClock } from '../src/common/camp-clock.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

let h: Harness;
let caseworker: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-consent-date');
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(async () => {
  await h?.close();
});

/** Sets registration's clock to an instant (the rest of the process keeps real time). */
function clockAt(instant: Date): void {
  jest.spyOn(h.service.app.get(CampClock), 'now').mockReturnValue(instant);
}

/** The next instant after now at this UTC time of day (so the test means the same on any day it runs). */
function nextUtc(hours: number, minutes: number): Date {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  return at > now ? at : new Date(at.getTime() + 86_400_000);
}

const utcDate = (instant: Date, days = 0) => new Date(instant.getTime() + days * 86_400_000).toISOString().slice(0, 10);

async function registerAdult(caseNumber: string): Promise<{ id: string; headId: string }> {
  const res = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family(caseNumber)).expect(201);
  const body = res.body as { id: string; members: { id: string; relationship: string }[] };
  return { id: body.id, headId: body.members.find((m) => m.relationship === 'head')?.id ?? '' };
}

function consentOn(household: { id: string; headId: string }, decidedOn: string) {
  return h.http().post(`/households/${household.id}/consents`).set(bearer(caseworker)).set('Idempotency-Key', newKey())
    .send({ memberId: household.headId, decision: 'consent', decidedOn, method: 'signed_form' });
}

describe('consent dated today in the camp', () => {
  it('should accept a consent dated with the camp’s date at 01:30 in Damascus (22:30 UTC the day before)', async () => {
    const household = await registerAdult('DATE-0001');
    const night = nextUtc(22, 30); // 01:30 the next day in Damascus
    clockAt(night);
    const res = await consentOn(household, utcDate(night, 1));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ householdStatus: 'registered' });
  });

  it('should still refuse the camp’s tomorrow as a date in the future', async () => {
    const household = await registerAdult('DATE-0002');
    const night = nextUtc(22, 30);
    clockAt(night);
    const res = await consentOn(household, utcDate(night, 2)).expect(422);
    expect(res.body).toMatchObject({ code: 'REGISTRATION.DATE_IN_FUTURE', details: { field: 'decidedOn' } });
  });

  it('should refuse, just before midnight in Damascus, the date that starts at midnight', async () => {
    const household = await registerAdult('DATE-0003');
    const evening = nextUtc(20, 59); // 23:59 in Damascus, the same day
    clockAt(evening);
    await consentOn(household, utcDate(evening, 1)).expect(422);
    await consentOn(household, utcDate(evening)).expect(201);
  });
});
