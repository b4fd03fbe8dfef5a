// A household's phone is the number its SMS go to: only a mobile of PHONE_COUNTRIES is stored, and a
// refusal says why, on every way in (POST, PATCH, import); a number on record is still found by search.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { waitFor } from '@awda/testing';
import type { ImportView } from '../src/imports/imports.service.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

// Invented numbers: a Damascus fixed line, Turkish and Iraqi mobiles.
const FIXED_LINE = '011 231 4470';
const TURKISH_MOBILE = '+90 532 418 0967';
const IRAQI_MOBILE = '+964 750 318 2264';

interface FieldErrors {
  code: string;
  errors: { field: string; messages: string[] }[];
}

const phoneMessages = (body: unknown): string[] => (body as FieldErrors).errors.find((e) => e.field === 'phone')?.messages ?? [];

let h: Harness;
let caseworker: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-phones');
});

afterAll(async () => {
  await h?.close();
});

async function householdCount(): Promise<number> {
  const rows: { n: number }[] = await h.service.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`);
  return rows[0]?.n ?? 0;
}

function post(body: object) {
  return h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body);
}

describe('a household phone', () => {
  it('should refuse a number with letters or words around it, naming the field and the expected form, and store nothing', async () => {
    const before = await householdCount();
    for (const [i, phone] of ['0944123456a', '0944 123 456 (Ahmad)', 'Tel: 0944 123 456 after 5'].entries()) {
      const res = await post(family(`PH-TEXT-${i}`, { phone })).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(phoneMessages(res.body)).toEqual([
        'phone may hold only digits, spaces, - and ( ) after an optional +, without letters or words: give a Syrian mobile number such as 0944 123 456',
      ]);
    }
    expect(await householdCount()).toBe(before);
  });

  it('should ask for a number written as text when it comes as a JSON number', async () => {
    const res = await post(family('PH-NUM-1', { phone: 944123456 })).expect(400);
    expect(phoneMessages(res.body)).toEqual(['phone must be written as text, such as "0944 123 456"']);
  });

  it('should refuse a fixed-line number, which cannot receive SMS, on registration and on a change', async () => {
    const res = await post(family('PH-FIXED-1', { phone: FIXED_LINE })).expect(400);
    expect(phoneMessages(res.body)).toEqual([
      'phone is a fixed-line number, which cannot receive SMS: give a Syrian mobile number such as 0944 123 456',
    ]);
    const created = (await post(family('PH-FIXED-2')).expect(201)).body as { id: string; version: number; phone: string };
    const patch = await h.http().patch(`/households/${created.id}`).set(bearer(caseworker)).set('If-Match', String(created.version))
      .send({ phone: FIXED_LINE }).expect(400);
    expect(phoneMessages(patch.body)[0]).toMatch(/^phone is a fixed-line number/);
    const after = await h.http().get(`/households/${created.id}`).set(bearer(caseworker)).expect(200);
    expect(after.body).toMatchObject({ version: created.version, phone: created.phone });
  });

  it('should refuse a foreign mobile unless its country is allowed, and say so', async () => {
    const res = await post(family('PH-TR-1', { phone: TURKISH_MOBILE })).expect(400);
    expect(phoneMessages(res.body)).toEqual([
      'phone is a mobile number of Türkiye, and SMS are sent only to a Syrian mobile number such as 0944 123 456 (an administrator can allow more countries)',
    ]);
  });

  it('should find a household by its phone written in any form, and find nothing (not an error) for a fixed line', async () => {
    const created = (await post(family('PH-FIND-1', { phone: '0933 214 508' })).expect(201)).body as { id: string };
    for (const phone of ['+963 933 214 508', '00963933214508', '٠٩٣٣٢١٤٥٠٨']) {
      const res = await h.http().get('/households').query({ phone }).set(bearer(caseworker)).expect(200);
      expect([phone, (res.body as { items: { id: string }[] }).items.map((i) => i.id)]).toEqual([phone, [created.id]]);
    }
    const fixed = await h.http().get('/households').query({ phone: FIXED_LINE }).set(bearer(caseworker)).expect(200);
    expect((fixed.body as { total: number }).total).toBe(0);
    await h.http().get('/households').query({ phone: '0933 214 508 x' }).set(bearer(caseworker)).expect(400);
  });

  it('should report each refused phone of an import on its row, with the reason, and import the rest', async () => {
    const header = 'household_key,destination_area,language,phone,full_name_ar,sex,date_of_birth,relationship';
    const csv = [
      header,
      'PH-IMP-1,SY110000,ar,0944 517 220,خالد أحمد الخلف,male,1980-01-01,head',
      `PH-IMP-2,SY110000,ar,${FIXED_LINE},عمر ياسر الحمود,male,1981-02-02,head`,
      'PH-IMP-3,SY110000,ar,0955 402 113 (Omar),سامر وليد العبيد,male,1982-03-03,head',
      `PH-IMP-4,SY110000,ar,${IRAQI_MOBILE},زياد كريم الشيخ,male,1983-04-04,head`,
    ].join('\n');
    const upload = await h.http().post('/imports').query({ campId: 'mahmoudli', format: 'csv' }).set(bearer(caseworker))
      .set('Content-Type', 'application/octet-stream').send(Buffer.from(`${csv}\n`)).expect(202);
    const id = (upload.body as { id: string }).id;
    const result = await waitFor('the import to finish', async () => {
      const body = (await h.http().get(`/imports/${id}`).set(bearer(caseworker)).expect(200)).body as ImportView;
      return body.status === 'completed' || body.status === 'failed' ? body : undefined;
    }, { timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: 'completed', householdsCreated: 1 });
    const phoneErrors = result.errors.filter((e) => e.field === 'phone').map((e) => [e.row, e.message]);
    expect(phoneErrors).toEqual([
      [3, expect.stringMatching(/^phone is a fixed-line number, which cannot receive SMS/)],
      [4, expect.stringMatching(/^phone may hold only digits/)],
      [5, expect.stringMatching(/^phone is a mobile number of Iraq, and SMS are sent only to/)],
    ]);
  });
});

describe('a household phone where PHONE_COUNTRIES allows Turkish SIM cards', () => {
  let turkish: Harness;

  beforeAll(async () => {
    turkish = await startHarness({ PHONE_COUNTRIES: 'SY,TR' });
  });

  afterAll(async () => {
    await turkish?.close();
  });

  it('should store a Turkish mobile in E.164, and still refuse an Iraqi one naming both allowed countries', async () => {
    const send = (caseNumber: string, phone: string) =>
      turkish.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family(caseNumber, { phone }));
    const created = await send('PH-TR-OK', TURKISH_MOBILE).expect(201);
    expect((created.body as { phone: string }).phone).toBe('+905324180967');
    const refused = await send('PH-IQ-NO', IRAQI_MOBILE).expect(400);
    expect(phoneMessages(refused.body)).toEqual([
      'phone is a mobile number of Iraq, and SMS are sent only to a Syrian mobile number such as 0944 123 456, or a mobile number of Türkiye written with its country code (+90) (an administrator can allow more countries)',
    ]);
  });
});
