// Ages move without anyone touching a household: a child who turns ADULT_AGE must decide for themselves,
// an infant who turns two needs a seat. Other services know ages only from registration's snapshots, so
// AgeChanges sends the snapshot again for open households whose members' ages changed since the last one.
// "Time passes" here by moving the household's dates back (dates of birth, the estimate's date, updated_at).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { HOUSEHOLD_UPDATED_V1, type HouseholdUpdatedV1 } from '@awda/contracts';
import { AgeChanges } from '../src/households/age-changes.service.js';
import { bearer, eventsOf, family, newKey, startHarness, token, waitForEvents, type Harness } from './harness.js';

let h: Harness;
let caseworker: string;
let jobs: AgeChanges;
let db: DataSource;

interface View {
  id: string;
  version: number;
  consentMissing: string[];
  members: { id: string; relationship: string }[];
}

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-ages');
  jobs = h.service.app.get(AgeChanges);
  db = h.service.app.get(DataSource);
});

afterAll(async () => {
  await h?.close();
});

/** A date `years` years and `days` days before today (UTC). */
function born(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const today = () => new Date().toISOString().slice(0, 10);

/** A mother and her son, who turns 18 tomorrow (invented names). */
function motherAndSon(caseNumber: string) {
  return family(caseNumber, {
    phone: '0944 218 730',
    members: [
      { fullNameAr: 'منى عبد الكريم الحسن', sex: 'female', dateOfBirth: born(44), relationship: 'head' },
      { fullNameAr: 'يزن أحمد الحسن', sex: 'male', dateOfBirth: born(18, -1), relationship: 'son' },
    ],
  });
}

async function register(body: object): Promise<View> {
  return (await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body).expect(201)).body as View;
}

async function consent(view: View, memberId: string): Promise<void> {
  await h.http().post(`/households/${view.id}/consents`).set(bearer(caseworker)).set('Idempotency-Key', newKey())
    .send({ memberId, decision: 'consent', decidedOn: today(), method: 'signed_form' }).expect(201);
}

/** Moves the household `days` days into the past, as if that many days had gone by since its last change. */
async function daysPass(householdId: string, days: number): Promise<void> {
  await db.query(`UPDATE registration.members SET date_of_birth = date_of_birth - $2::int, age_recorded_on = age_recorded_on - $2::int WHERE household_id = $1`, [householdId, days]);
  await db.query(`UPDATE registration.households SET updated_at = updated_at - make_interval(days => $2::int) WHERE id = $1`, [householdId, days]);
}

async function lastUpdate(householdId: string): Promise<HouseholdUpdatedV1 | undefined> {
  return (await eventsOf(h.broker, householdId)).filter((e) => e.type === HOUSEHOLD_UPDATED_V1).at(-1)?.data as unknown as HouseholdUpdatedV1 | undefined;
}

describe('ages that change while nobody touches the household', () => {
  it('should tell the other services when a son turns 18, ask for his own decision, and do it once', async () => {
    const view = await register(motherAndSon('AGE-0001'));
    const head = view.members.find((m) => m.relationship === 'head');
    const son = view.members.find((m) => m.relationship === 'son');
    await consent(view, head?.id ?? '');
    const read = async () => (await h.http().get(`/households/${view.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect((await read()).consentMissing).toEqual([]);
    const before = await waitForEvents(h.broker, view.id, HOUSEHOLD_UPDATED_V1);
    const versionBefore = (before.filter((e) => e.type === HOUSEHOLD_UPDATED_V1).at(-1)?.data as unknown as HouseholdUpdatedV1).household.version;

    // Nothing to do yet: his birthday is tomorrow.
    expect(await jobs.run()).toEqual({ households: 0, cameOfAge: 0 });

    await daysPass(view.id, 2);
    expect(await jobs.run()).toEqual({ households: 1, cameOfAge: 1 });

    await waitForEvents(h.broker, view.id, HOUSEHOLD_UPDATED_V1, 2);
    const update = await lastUpdate(view.id);
    expect(update?.changes).toEqual(['members']);
    expect(update?.household.version).toBe(versionBefore + 1);
    expect(update?.household.members.find((m) => m.memberId === son?.id)).toMatchObject({ age: 18, consent: null });
    // His decision is now missing: the family does not travel on a decision taken before he was an adult.
    expect((await read()).consentMissing).toHaveLength(1);
    const timeline = (await h.http().get(`/households/${view.id}/timeline`).set(bearer(caseworker)).expect(200)).body as { entries: { kind: string; actor: string; detail: Record<string, unknown> }[] };
    expect(timeline.entries.filter((e) => e.kind === 'came_of_age')).toEqual([
      expect.objectContaining({ actor: 'system:registration', detail: { membersCameOfAge: 1 } }),
    ]);

    // Once sent, the household is up to date: a second pass sends nothing.
    expect(await jobs.run()).toEqual({ households: 0, cameOfAge: 0 });
    const updates = (await eventsOf(h.broker, view.id)).filter((e) => e.type === HOUSEHOLD_UPDATED_V1);
    expect(updates.filter((e) => (e.data as unknown as HouseholdUpdatedV1).changes.includes('members'))).toHaveLength(1);
  });

  it('should send the new age of an infant given as an estimate, without asking for anyone\'s decision', async () => {
    const view = await register(family('AGE-0002', {
      phone: '0933 781 205',
      members: [
        { fullNameAr: 'سعاد محمود العلي', sex: 'female', estimatedAge: 29, relationship: 'head' },
        { fullNameAr: 'لين خالد العلي', sex: 'female', estimatedAge: 1, relationship: 'daughter' },
      ],
    }));
    // 364 days after the estimate she is still 1; 366 days after it, 2 (and her mother 30).
    await daysPass(view.id, 2);
    await db.query(`UPDATE registration.members SET age_recorded_on = current_date - 366 WHERE household_id = $1`, [view.id]);
    expect(await jobs.run()).toEqual({ households: 1, cameOfAge: 0 });
    await waitForEvents(h.broker, view.id, HOUSEHOLD_UPDATED_V1);
    const update = await lastUpdate(view.id);
    expect(update?.household.members.map((m) => m.age).sort()).toEqual([2, 30]);
    const timeline = (await h.http().get(`/households/${view.id}/timeline`).set(bearer(caseworker)).expect(200)).body as { entries: { kind: string; detail: Record<string, unknown> }[] };
    expect(timeline.entries.find((e) => e.kind === 'ages_changed')?.detail).toEqual({ membersAgesChanged: 2 });
  });

  it('should leave a withdrawn household alone (its retention period counts from its last change)', async () => {
    const view = await register(motherAndSon('AGE-0003'));
    const head = view.members.find((m) => m.relationship === 'head');
    await h.http().post(`/households/${view.id}/consents`).set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send({ memberId: head?.id, decision: 'withdraw', decidedOn: today(), method: 'verbal_with_witness' }).expect(201);
    const [{ status }] = (await db.query(`SELECT status FROM registration.households WHERE id = $1`, [view.id])) as { status: string }[];
    expect(status).toBe('withdrawn');
    await daysPass(view.id, 2);
    expect(await jobs.run()).toEqual({ households: 0, cameOfAge: 0 });
  });
});
