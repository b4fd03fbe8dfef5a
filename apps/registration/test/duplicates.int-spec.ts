import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DuplicateFinder } from '../src/duplicates/duplicate.finder.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

// Generated people only: the names below are invented.
interface View {
  id: string;
  version: number;
  unresolvedDuplicates: number;
}

let h: Harness;
let caseworker: string;
let dataSource: DataSource;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-dup');
  dataSource = h.service.app.get(DataSource);
});

afterAll(async () => {
  await h?.close();
});

function post(body: object) {
  return h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body);
}

async function pairsBetween(a: string, b: string): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n FROM registration.duplicate_candidates
     WHERE (household_id = $1 AND other_household_id = $2) OR (household_id = $2 AND other_household_id = $1)`,
    [a, b],
  );
  return rows[0]?.n ?? 0;
}

const head = (dateOfBirth: string) => ({
  fullNameAr: 'محمد عبد الكريم الدرويش', fullNameLatin: 'Mohammed Abdulkarim al-Darwish', sex: 'male', dateOfBirth, relationship: 'head',
});

describe('duplicate check by name', () => {
  it('should not compare a namesake born far apart, and still find the one with a close age', async () => {
    const finder = h.service.app.get(DuplicateFinder);
    await post(family('NAME-0001', { phone: '0933 000 001', members: [head('1960-05-01')] })).expect(201);
    const before = finder.comparisons;
    const farApart = (await post(family('NAME-0002', { phone: '0933 000 002', members: [{ ...head('1992-05-01'), fullNameAr: 'مُحمّد عبدالكريم الدرويش' }] })).expect(201)).body as View;
    expect(farApart.unresolvedDuplicates).toBe(0);
    // Same names (sharing every search key), 32 years apart: ruled out before any name comparison.
    expect(finder.comparisons).toBe(before);
    const close = (await post(family('NAME-0003', { phone: '0933 000 003', members: [{ ...head('1961-02-01'), fullNameLatin: 'Muhammad Abd al-Karim Darwish' }] })).expect(201)).body as View;
    expect(close.unresolvedDuplicates).toBe(1);
    expect(finder.comparisons).toBeGreaterThan(before);
  });
});

describe('duplicate check after a member changes', () => {
  it('should find a namesake once a corrected date of birth or sex makes them alike (the blocking keys follow)', async () => {
    await post(family('NAME-0101', { phone: '0933 000 101', members: [head('1950-03-01')] })).expect(201);
    const wrongYear = (await post(family('NAME-0102', { phone: '0933 000 102', members: [head('1975-03-01')] })).expect(201)).body as View & { members: { id: string }[] };
    expect(wrongYear.unresolvedDuplicates).toBe(0);
    const fixed = await h.http().patch(`/households/${wrongYear.id}/members/${wrongYear.members[0]?.id}`).set(bearer(caseworker))
      .set('If-Match', `"${wrongYear.version}"`).send({ dateOfBirth: '1950-09-01' }).expect(200);
    expect((fixed.body as View).unresolvedDuplicates).toBe(1);
    // Found by the next registration too: its stored keys were recomputed with the corrected year.
    const third = (await post(family('NAME-0105', { phone: '0933 000 105', members: [head('1950-06-01')] })).expect(201)).body as View;
    expect(third.unresolvedDuplicates).toBe(2);

    const alike = { ...head('1940-01-01'), fullNameAr: 'سعاد خليل الحمدان', fullNameLatin: 'Souad Khalil al-Hamdan', sex: 'female' };
    await post(family('NAME-0103', { phone: '0933 000 103', members: [alike] })).expect(201);
    const wrongSex = (await post(family('NAME-0104', { phone: '0933 000 104', members: [{ ...alike, sex: 'male' }] })).expect(201)).body as View & { members: { id: string }[] };
    expect(wrongSex.unresolvedDuplicates).toBe(0);
    const corrected = await h.http().patch(`/households/${wrongSex.id}/members/${wrongSex.members[0]?.id}`).set(bearer(caseworker))
      .set('If-Match', `"${wrongSex.version}"`).send({ sex: 'female' }).expect(200);
    expect((corrected.body as View).unresolvedDuplicates).toBe(1);
    const another = (await post(family('NAME-0106', { phone: '0933 000 106', members: [alike] })).expect(201)).body as View;
    expect(another.unresolvedDuplicates).toBe(2);
  });
});

describe('registrations at the same moment', () => {
  it('should queue exactly one pair for two households sharing a phone registered concurrently, without errors', async () => {
    for (let round = 0; round < 12; round++) {
      const phone = `0955 ${String(200000 + round).slice(-6)}`;
      const [a, b] = await Promise.all([post(family(`RACE-A-${round}`, { phone })), post(family(`RACE-B-${round}`, { phone }))]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(await pairsBetween((a.body as View).id, (b.body as View).id)).toBe(1);
    }
  });

  it('should queue exactly one pair when two households gain the same document at the same moment', async () => {
    for (let round = 0; round < 8; round++) {
      const number = `7788-${round}-0099`;
      const member = (name: string) => ({ fullNameAr: name, sex: 'female', estimatedAge: 30, relationship: 'daughter', documents: [{ type: 'national_id', number }] });
      const a = (await post(family(`LOCK-A-${round}`)).expect(201)).body as View;
      const b = (await post(family(`LOCK-B-${round}`)).expect(201)).body as View;
      // Both households gain a member with the same document at once: each finds the other.
      const add = (household: View, name: string) =>
        h.http().post(`/households/${household.id}/members`).set(bearer(caseworker)).set('If-Match', `"${household.version}"`).send(member(name));
      const [ra, rb] = await Promise.all([add(a, 'سلمى أحمد الحسن'), add(b, 'رنا خالد العمر')]);
      expect([ra.status, rb.status]).toEqual([201, 201]);
      expect(await pairsBetween(a.id, b.id)).toBe(1);
    }
  });

  it('should not deadlock when two households that each find the other as a new candidate change at the same moment', async () => {
    for (let round = 0; round < 8; round++) {
      const documents = [{ type: 'family_booklet', number: `5566-${round}-0011` }];
      const shared = (caseNumber: string) => {
        const body = family(caseNumber) as { members: Record<string, unknown>[] };
        return { ...body, members: body.members.map((m, i) => (i === 0 ? { ...m, documents } : m)) };
      };
      const a = (await post(shared(`DEAD-A-${round}`)).expect(201)).body as View;
      const b = (await post(shared(`DEAD-B-${round}`)).expect(201)).body as View;
      // As if the pair had never been queued (e.g. registered before the check existed): the next
      // change of either household queues it, and both change at once. Each locks its own row, then
      // would lock the other's.
      await dataSource.query(`DELETE FROM registration.duplicate_candidates WHERE household_id = $1 AND other_household_id = $2`, [b.id, a.id]);
      const current = async (id: string) => ((await h.http().get(`/households/${id}`).set(bearer(caseworker)).expect(200)).body as View).version;
      const add = async (id: string, name: string) =>
        h.http().post(`/households/${id}/members`).set(bearer(caseworker)).set('If-Match', `"${await current(id)}"`)
          .send({ fullNameAr: name, sex: 'male', dateOfBirth: '2015-01-01', relationship: 'son' });
      const [ra, rb] = await Promise.all([add(a.id, 'زياد وليد الشيخ'), add(b.id, 'حمزة نادر البكر')]);
      // Flagging bumps the other household's version: the later change may be refused as stale (412,
      // reload and retry), never fail (500) or wait for ever.
      for (const [res, id, name] of [[ra, a.id, 'زياد وليد الشيخ'], [rb, b.id, 'حمزة نادر البكر']] as const) {
        expect([201, 412]).toContain(res.status);
        if (res.status === 412) expect((await add(id, name)).status).toBe(201);
      }
      expect(await pairsBetween(a.id, b.id)).toBe(1);
    }
  });
});

describe('Idempotency-Key on the other POSTs (claimed in the business transaction)', () => {
  it('should add a member once when the answer was lost and the request is retried, also at the same moment', async () => {
    const household = (await post(family('IDEM-0001')).expect(201)).body as View;
    const key = newKey();
    const member = { fullNameAr: 'عمر سامر الخلف', sex: 'male', dateOfBirth: '2016-03-01', relationship: 'son' };
    const send = () =>
      h.http().post(`/households/${household.id}/members`).set(bearer(caseworker)).set('Idempotency-Key', key)
        .set('If-Match', `"${household.version}"`).send(member);
    // Two attempts at once (a double tap), then a third after the answer of the first was "lost".
    const [first, second] = await Promise.all([send(), send()]);
    const retry = await send();
    for (const res of [first, second, retry]) expect(res.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const view = (await h.http().get(`/households/${household.id}`).set(bearer(caseworker)).expect(200)).body as { members: unknown[]; version: number };
    expect(view.members).toHaveLength(4);
    expect(view.version).toBe(household.version + 1);
    // A refused attempt (stale version) keeps no claim: the same key can run once the form is fixed.
    const stale = newKey();
    await h.http().post(`/households/${household.id}/members`).set(bearer(caseworker)).set('Idempotency-Key', stale)
      .set('If-Match', `"${household.version}"`).send({ ...member, fullNameAr: 'ياسر سامر الخلف' }).expect(412);
    await h.http().post(`/households/${household.id}/members`).set(bearer(caseworker)).set('Idempotency-Key', stale)
      .set('If-Match', `"${view.version}"`).send({ ...member, fullNameAr: 'ياسر سامر الخلف' }).expect(201);
  });

  it('should resolve a possible duplicate once when the decision is retried with the same key', async () => {
    const supervisor = await token(['supervisor'], ['mahmoudli'], 'sup-dup');
    const a = (await post(family('IDEM-0101', { phone: '0966 777 001' })).expect(201)).body as View;
    const b = (await post(family('IDEM-0102', { phone: '0966 777 001' })).expect(201)).body as View;
    const rows: { id: string }[] = await dataSource.query(
      `SELECT id FROM registration.duplicate_candidates WHERE household_id = $1 AND other_household_id = $2`, [b.id, a.id],
    );
    const flagged = (await h.http().get(`/households/${a.id}`).set(bearer(caseworker)).expect(200)).body as View;
    const key = newKey();
    const decide = () =>
      h.http().post(`/duplicates/${rows[0]?.id}/resolution`).set(bearer(supervisor)).set('Idempotency-Key', key)
        .send({ decision: 'distinct', reason: 'Different families sharing a phone' });
    const [first, second] = await Promise.all([decide(), decide()]);
    const retry = await decide();
    for (const res of [first, second, retry]) expect(res.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    // Decided once: each household's version went up by one for it, not two or three.
    const after = (await h.http().get(`/households/${a.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect(after.version).toBe(flagged.version + 1);
    const stuck: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM registration.idempotency_keys WHERE status_code IS NULL`);
    expect(stuck[0]?.n).toBe(0);
  });
});
