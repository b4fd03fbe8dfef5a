// Dates that cannot be true are refused with a sentence that says why (issue 15 item 6, issue 14 item 8).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { todayIn } from '@awda/bootstrap';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

interface Refusal {
  errors: { field: string; messages: string[] }[];
}

describe('registration dates', () => {
  let h: Harness;
  let caseworker: string;

  beforeAll(async () => {
    h = await startHarness();
    caseworker = await token(['caseworker'], ['mahmoudli']);
  });

  afterAll(async () => {
    await h?.close();
  });

  const register = (body: ReturnType<typeof family>) => h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body);

  it('should refuse a birth date in the future, before 1900 or in another format, naming the format', async () => {
    const cases: [string, string][] = [
      ['9999-01-01', 'cannot be in the future'],
      ['1899-12-31', 'cannot be before 1900-01-01'],
      ['01/02/1980', 'must be a date: use YYYY-MM-DD'],
    ];
    for (const [dateOfBirth, expected] of cases) {
      const body = family(`DATE-${dateOfBirth.replace(/\W/g, '')}`);
      body.members[0]!.dateOfBirth = dateOfBirth;
      const res = await register(body).expect(400);
      expect((res.body as Refusal).errors).toEqual([{ field: 'members.0.dateOfBirth', messages: [expect.stringContaining(expected)] }]);
      expect(JSON.stringify(res.body)).not.toContain('\\d{4}');
    }
    const today = family('DATE-TODAY');
    today.members[2]!.dateOfBirth = todayIn();
    await register(today).expect(201);
  });

  it('should refuse a consent dated in year 1 or after today in the camps’ time zone', async () => {
    const created = await register(family('DATE-CONSENT')).expect(201);
    const household = created.body as { id: string; members: { id: string }[] };
    const consent = (decidedOn: string) => h.http().post(`/households/${household.id}/consents`).set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send({ memberId: household.members[0]!.id, decision: 'consent', decidedOn, method: 'signed_form' });
    const ancient = await consent('0001-01-01').expect(400);
    expect((ancient.body as Refusal).errors).toEqual([{ field: 'decidedOn', messages: [expect.stringContaining('cannot be before 2011-01-01')] }]);
    // After today in the camp is the service's own rule (its clock, in the camps' time zone).
    const future = await consent('2999-05-01').expect(422);
    expect(future.body).toMatchObject({ code: 'REGISTRATION.DATE_IN_FUTURE' });
  });
});
