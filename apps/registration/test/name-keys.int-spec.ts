// The name keys stored with each member (name_tokens for search, blocking_keys for the duplicate check)
// follow @awda/names; when its word skeletons change, a migration recomputes them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { memberBlockingKeys, nameSearchTokens } from '../src/households/member-keys.js';
import { RecomputeNameKeys1764530000000 } from '../src/migrations/1764530000000-recompute-name-keys.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

let h: Harness;
let caseworker: string;
let db: DataSource;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-name-keys');
  db = h.service.app.get(DataSource);
});

afterAll(async () => {
  await h?.close();
});

// Invented people: a Kurdish head spelt Cefer in Kurmanji, a daughter with a compound name.
async function register(caseNumber: string): Promise<string> {
  const body = family(caseNumber);
  body.members[0] = { ...body.members[0], fullNameAr: 'جعفر آزاد شيخو', fullNameLatin: 'Cefer Azad Sheikho' } as unknown as (typeof body.members)[0];
  body.members[2] = { fullNameAr: 'نور الهدى جعفر شيخو', sex: 'female', dateOfBirth: '2014-03-02', relationship: 'daughter' } as unknown as (typeof body.members)[2];
  const res = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body).expect(201);
  return (res.body as { id: string }).id;
}

async function found(name: string): Promise<string[]> {
  const res = await h.http().get('/households').query({ name }).set(bearer(caseworker)).expect(200);
  return (res.body as { items: { id: string }[] }).items.map((i) => i.id);
}

describe('stored name keys', () => {
  it('should find a family by a Kurmanji spelling (c for j) and by a compound name written joined', async () => {
    const id = await register('NK-0001');
    expect(await found('Cefer Sheikho')).toEqual([id]);
    expect(await found('جعفر شيخو')).toEqual([id]);
    expect(await found('Nourelhouda')).toEqual([id]);
  });

  it('should recompute keys stored the way an older library computed them', async () => {
    const id = await register('NK-0002');
    // As an older library stored them: nothing in common with today's keys.
    await db.query(`UPDATE members SET blocking_keys = '{stale}', name_tokens = '{stale}' WHERE household_id = $1`, [id]);
    expect(await found('Nourelhouda')).not.toContain(id);
    const runner = db.createQueryRunner();
    try {
      await new RecomputeNameKeys1764530000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { full_name_ar: string; full_name_latin: string | null; sex: 'female' | 'male'; dob: string | null; blocking_keys: string[]; name_tokens: string[] }[] =
      await db.query(
        `SELECT full_name_ar, full_name_latin, sex, to_char(date_of_birth, 'YYYY-MM-DD') AS dob, blocking_keys, name_tokens FROM members WHERE household_id = $1`,
        [id],
      );
    expect(rows.length).toBe(3);
    for (const r of rows) {
      expect(r.blocking_keys).toEqual(memberBlockingKeys({ fullNameAr: r.full_name_ar, fullNameLatin: r.full_name_latin, sex: r.sex, dateOfBirth: r.dob }));
      expect(r.name_tokens).toEqual(nameSearchTokens(r.full_name_ar, r.full_name_latin));
    }
    expect(await found('Nourelhouda')).toContain(id);
  });
});
