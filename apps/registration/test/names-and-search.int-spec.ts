// Names are stored without the invisible characters that reorder or hide what a reader sees, and a
// name search must name something: wildcards are plain characters, and a query of punctuation or
// invisible characters alone is refused instead of listing every household of the camp.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { MANIFEST_NAMES_RPC_V1, type ManifestNamesReplyV1 } from '@awda/contracts';
import { wireSubject } from '@awda/messaging';
import { waitFor } from '@awda/testing';
import { CleanStoredNames1764510000000 } from '../src/migrations/1764510000000-clean-stored-names.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

interface View {
  id: string;
  members: { id: string; fullNameAr: string; fullNameLatin: string | null }[];
}

let h: Harness;
let caseworker: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-names');
  // A few households, so that "every household" and "none" are told apart.
  for (let i = 0; i < 3; i++) await register(family(`SRCH-000${i}`));
});

afterAll(async () => {
  await h?.close();
});

function post(body: object) {
  return h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body);
}

async function register(body: object): Promise<View> {
  return (await post(body).expect(201)).body as View;
}

function search(name: string) {
  return h.http().get('/households').query({ campId: 'mahmoudli', name }).set(bearer(caseworker));
}

describe('name search', () => {
  it('should refuse a query of LIKE wildcards with 400 naming the field, not list every household', async () => {
    for (const query of ['%%%%', '%_%_', '____']) {
      const res = await search(query);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name', messages: [expect.stringMatching(/letter/)] }] });
    }
  });

  it('should refuse a query of bidi controls and zero-width joiners alone', async () => {
    const res = await search('\u202E\u202E\u200D\u2066');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'name' }] });
  });

  it('should treat wildcards next to a name as plain characters and still find the name', async () => {
    const view = await register(family('SRCH-0100', { members: [{ fullNameAr: 'ياسمين جاسم الراشد', sex: 'female', dateOfBirth: '1990-01-01', relationship: 'head' }] }));
    const res = await search('%ياسمين%').expect(200);
    expect((res.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([view.id]);
  });
});

describe('invisible characters in names', () => {
  it('should store and show a name without bidi overrides and zero-width characters', async () => {
    const view = await register(family('BIDI-0001', {
      members: [{
        fullNameAr: '\u202Eعمر\u202C \u2067ياسر\u2069 الخلف\u200B', fullNameLatin: 'Omar \u202EYaser\u202C al-Khalaf\u200D',
        sex: 'male', dateOfBirth: '1980-01-01', relationship: 'head',
      }],
    }));
    expect(view.members[0]).toMatchObject({ fullNameAr: 'عمر ياسر الخلف', fullNameLatin: 'Omar Yaser al-Khalaf' });
    const read = (await h.http().get(`/households/${view.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect(read.members[0]?.fullNameAr).toBe('عمر ياسر الخلف');
    // The names that reach a printed manifest are the clean ones.
    const reply = await waitFor('the manifest names', async () => {
      const msg = await h.broker.nc.request(wireSubject(h.broker.namespace, MANIFEST_NAMES_RPC_V1), JSON.stringify({
        caller: { sub: 'logi-names', roles: ['logistics'], camps: ['mahmoudli'] }, householdIds: [view.id], purpose: 'manifest',
      }), { timeout: 5000 }).catch(() => undefined);
      return msg?.json<{ data?: ManifestNamesReplyV1 }>().data;
    });
    expect(reply.households[0]?.members[0]).toMatchObject({ fullNameAr: 'عمر ياسر الخلف', fullNameLatin: 'Omar Yaser al-Khalaf' });
  });

  it('should clean a changed name too, and refuse one that is invisible characters around a single letter', async () => {
    const view = await register(family('BIDI-0002'));
    const head = view.members[0];
    const changed = await h.http().patch(`/households/${view.id}/members/${head?.id}`).set(bearer(caseworker)).set('If-Match', '"1"')
      .send({ fullNameAr: 'سامر\u202E \u2066بشير\u2069 الحمود' }).expect(200);
    expect((changed.body as View).members[0]?.fullNameAr).toBe('سامر بشير الحمود');
    const res = await post(family('BIDI-0003', {
      members: [{ fullNameAr: '\u202E\u202Eم\u200D', sex: 'male', dateOfBirth: '1980-01-01', relationship: 'head' }],
    }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('fullNameAr');
  });

  it('should keep a zero-width non-joiner inside a Sorani or Persian word', async () => {
    const view = await register(family('BIDI-0004', {
      members: [{ fullNameAr: 'علی\u200Cرضا کەریم\u200C', sex: 'male', dateOfBirth: '1985-01-01', relationship: 'head' }],
    }));
    expect(view.members[0]?.fullNameAr).toBe('علی\u200Cرضا کەریم');
  });

  it('should clean the names stored before (the migration)', async () => {
    const view = await register(family('BIDI-0005'));
    const dataSource = h.service.app.get(DataSource);
    await dataSource.query(`UPDATE registration.members SET full_name_ar = $2, full_name_latin = $3 WHERE id = $1`, [
      view.members[0]?.id, '\u202Eنادر\u202C كريم الشيخ', 'Nader\u200B Karim',
    ]);
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query(`SET search_path = registration, public`);
      await new CleanStoredNames1764510000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { full_name_ar: string; full_name_latin: string }[] = await dataSource.query(
      `SELECT full_name_ar, full_name_latin FROM registration.members WHERE id = $1`, [view.members[0]?.id],
    );
    expect(rows[0]).toEqual({ full_name_ar: 'نادر كريم الشيخ', full_name_latin: 'Nader Karim' });
  });
});
