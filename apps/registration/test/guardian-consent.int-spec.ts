// A household with no adult (issue 22.4): a minor's own consent is still refused, but a guardian's
// consent or a best-interests decision is recorded, reported, sent to the other services (no name, no
// phone in the snapshot), and the family's contact becomes the guardian's phone, never the child's.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FieldCipher } from '@awda/auth';
import { CONTACT_CHANGED_V1, HOUSEHOLD_UPDATED_V1, type ContactChangedV1, type HouseholdUpdatedV1 } from '@awda/contracts';
import { bearer, family, newKey, startHarness, token, waitForEvents, type Harness } from './harness.js';

let h: Harness;
let caseworker: string;
let admin: string;

interface View {
  id: string;
  version: number;
  childHeaded: boolean;
  consentMissing: string[];
  members: { id: string; relationship: string }[];
}

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-guardian');
  admin = await token(['admin'], ['mahmoudli'], 'admin-guardian');
});

afterAll(async () => {
  await h?.close();
});

/** A date of birth `years` and two months before today. */
function bornYearsAgo(years: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - 2);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

const today = () => new Date().toISOString().slice(0, 10);

/** Two orphaned siblings, 16 and 11, the elder the head (invented names). */
function childHeaded(caseNumber: string) {
  return family(caseNumber, {
    phone: '0944 310 552',
    members: [
      { fullNameAr: 'سامر وليد الدرويش', sex: 'male', dateOfBirth: bornYearsAgo(16), relationship: 'head', needs: ['UASC'] },
      { fullNameAr: 'ريم وليد الدرويش', sex: 'female', dateOfBirth: bornYearsAgo(11), relationship: 'sibling', needs: ['UASC'] },
    ],
  });
}

async function register(body: object): Promise<View> {
  return (await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body).expect(201)).body as View;
}

function guardianConsent(id: string, body: object, user = caseworker) {
  return h.http().post(`/households/${id}/guardian-consents`).set(bearer(user)).set('Idempotency-Key', newKey()).send(body);
}

const GUARDIAN = { fullName: 'خالد جاسم الدرويش', relationship: 'paternal uncle', phone: '0955 412 376' };

describe('consent for a child-headed household', () => {
  it("should still refuse a minor's own consent, and say a guardian's consent or a best-interests decision is missing", async () => {
    const view = await register(childHeaded('CHILD-0001'));
    expect(view).toMatchObject({ childHeaded: true, consentMissing: ['guardian consent or best-interests decision missing'] });
    const head = view.members.find((m) => m.relationship === 'head');
    const res = await h.http().post(`/households/${view.id}/consents`).set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send({ memberId: head?.id, decision: 'consent', decidedOn: today(), method: 'signed_form' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'REGISTRATION.NOT_AN_ADULT', details: { field: 'memberId' } });
  });

  it("should record a guardian's consent, tell the other services without the guardian's name or phone, and reach the family at the guardian's phone", async () => {
    const view = await register(childHeaded('CHILD-0002'));
    const res = await guardianConsent(view.id, { basis: 'guardian', decision: 'consent', decidedOn: today(), method: 'signed_form', guardian: GUARDIAN })
      .expect(201);
    expect(res.body).toMatchObject({ householdStatus: 'registered', missing: [] });

    const read = (await h.http().get(`/households/${view.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect(read).toMatchObject({ childHeaded: true, consentMissing: [], guardianConsent: { basis: 'guardian', decision: 'consent', decidedOn: today() } });

    const events = await waitForEvents(h.broker, view.id, HOUSEHOLD_UPDATED_V1);
    const updated = events.filter((e) => e.type === HOUSEHOLD_UPDATED_V1).map((e) => e.data as unknown as HouseholdUpdatedV1).at(-1);
    expect(updated?.changes).toEqual(['guardian_consent']);
    expect(updated?.household).toMatchObject({ childHeaded: true, guardianConsent: { basis: 'guardian', decision: 'consent', decidedOn: today() } });
    expect(JSON.stringify(updated)).not.toContain(GUARDIAN.fullName);

    const contacts = (await waitForEvents(h.broker, view.id, CONTACT_CHANGED_V1, 2))
      .filter((e) => e.type === CONTACT_CHANGED_V1)
      .map((e) => e.data as unknown as ContactChangedV1);
    const cipher = h.service.app.get(FieldCipher);
    // At registration nobody to reach yet (never the child's phone); after the consent, the guardian.
    expect(contacts[0]).toMatchObject({ travelContact: 'none', travelPhoneEncrypted: null });
    const last = contacts.at(-1);
    expect(last?.travelContact).toBe('guardian');
    expect(cipher.decrypt(last?.travelPhoneEncrypted ?? '', view.id)).toBe('+963955412376');
    expect(cipher.decrypt(last?.phoneEncrypted ?? '', view.id)).toBe('+963944310552');

    const list = (await h.http().get(`/households/${view.id}/guardian-consents`).set(bearer(caseworker)).expect(200)).body as unknown[];
    expect(list).toEqual([
      expect.objectContaining({ basis: 'guardian', decision: 'consent', guardian: { ...GUARDIAN, phone: '+963955412376' }, bestInterests: null }),
    ]);
    // The history says what was decided and by whom, not the guardian's name or phone.
    const history = (await h.http().get(`/households/${view.id}/history`).set(bearer(caseworker)).expect(200)).body as unknown[];
    expect(JSON.stringify(history)).toContain('paternal uncle');
    expect(JSON.stringify(history)).not.toContain(GUARDIAN.fullName);
    expect(JSON.stringify(history)).not.toContain('412376');
  });

  it("should reach the family at its own phone again once an adult joins it, and tell eligibility it is no longer child-headed", async () => {
    const view = await register(childHeaded('CHILD-0006'));
    await guardianConsent(view.id, { basis: 'guardian', decision: 'consent', decidedOn: today(), guardian: GUARDIAN }).expect(201);
    await h.http().post(`/households/${view.id}/members`).set(bearer(caseworker)).set('If-Match', '"2"')
      .send({ fullNameAr: 'هدى جاسم الدرويش', sex: 'female', estimatedAge: 34, relationship: 'other' }).expect(201);
    const events = await waitForEvents(h.broker, view.id, CONTACT_CHANGED_V1, 3);
    const contacts = events.filter((e) => e.type === CONTACT_CHANGED_V1).map((e) => e.data as unknown as ContactChangedV1);
    expect(contacts.map((c) => c.travelContact)).toEqual(['none', 'guardian', undefined]);
    expect(contacts.at(-1)?.version).toBe(3);
    const last = events.filter((e) => e.type === HOUSEHOLD_UPDATED_V1).at(-1)?.data as unknown as HouseholdUpdatedV1;
    expect(last.household).toMatchObject({ version: 3, childHeaded: false, guardianConsent: null });
  });

  it('should take a best-interests decision from a case worker, not from an admin, with the case worker as contact', async () => {
    const view = await register(childHeaded('CHILD-0003'));
    const decision = { basis: 'best_interests', decision: 'consent', decidedOn: today(), bestInterests: { reference: 'BID-2026-0107', contactPhone: '0933 204 118' } };
    const refused = await guardianConsent(view.id, decision, admin).expect(403);
    expect(refused.body).toMatchObject({ code: 'REGISTRATION.BEST_INTERESTS_STAFF_ONLY' });
    await guardianConsent(view.id, decision).expect(201);
    const contacts = await waitForEvents(h.broker, view.id, CONTACT_CHANGED_V1, 2);
    expect(contacts.filter((e) => e.type === CONTACT_CHANGED_V1).at(-1)?.data).toMatchObject({ travelContact: 'case_worker' });
  });

  it('should refuse a guardian consent for a household that has an adult, and name each bad field', async () => {
    const adults = await register(family('CHILD-0004'));
    const res = await guardianConsent(adults.id, { basis: 'guardian', decision: 'consent', decidedOn: today(), guardian: GUARDIAN }).expect(422);
    expect(res.body).toMatchObject({ code: 'REGISTRATION.NOT_CHILD_HEADED' });

    const child = await register(childHeaded('CHILD-0005'));
    const bad = await guardianConsent(child.id, { basis: 'guardian', decision: 'maybe', decidedOn: today(), nickname: 'x' }).expect(400);
    const fields = (bad.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['decision', 'guardian', 'nickname']));
    const noPhone = await guardianConsent(child.id, { basis: 'guardian', decision: 'consent', decidedOn: today(), guardian: { ...GUARDIAN, phone: '12' } })
      .expect(400);
    expect(JSON.stringify(noPhone.body)).toContain('guardian.phone');
  });
});
