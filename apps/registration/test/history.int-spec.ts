// A household's history says what changed from what to what, with personal values masked, and names
// the members it is about (the events never carry names; the history is read by someone with access).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

interface View {
  id: string;
  version: number;
  members: { id: string; relationship: string; fullNameAr: string }[];
}

interface Entry {
  kind: string;
  changes: string[];
  detail: Record<string, unknown>;
  values?: Record<string, { from: unknown; to: unknown }>;
  member?: { id: string; fullNameAr: string; fullNameLatin: string | null };
}

let h: Harness;
let caseworker: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-history');
});

afterAll(async () => {
  await h?.close();
});

async function register(caseNumber: string, overrides: Record<string, unknown> = {}): Promise<View> {
  return (await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family(caseNumber, overrides)).expect(201)).body as View;
}

async function history(id: string): Promise<Entry[]> {
  return (await h.http().get(`/households/${id}/history`).set(bearer(caseworker)).expect(200)).body as Entry[];
}

function patch(path: string, version: number, body: object) {
  return h.http().patch(path).set(bearer(caseworker)).set('If-Match', `"${version}"`).send(body).expect(200);
}

describe('history with values', () => {
  it('should say a destination changed from which area to which', async () => {
    const view = await register('HIST-0001', { destinationArea: 'SY110000' });
    await patch(`/households/${view.id}`, view.version, { destinationArea: 'SY090001', language: 'ckb' });
    const entry = (await history(view.id)).find((e) => e.changes.includes('destination'));
    expect(entry?.changes).toEqual(['destination', 'language']);
    expect(entry?.values).toEqual({ destination: { from: 'SY110000', to: 'SY090001' }, language: { from: 'ar', to: 'ckb' } });
  });

  it('should show a phone and a shelter change with the phone masked, and store neither in clear', async () => {
    const view = await register('HIST-0002', { phone: '0944 318 205', shelterLocation: 'Sector A, tent 3' });
    await patch(`/households/${view.id}`, view.version, { phone: '0933 764 591', shelterLocation: 'Sector D, tent 40' });
    const entries = await history(view.id);
    const entry = entries.find((e) => e.changes.includes('phone'));
    expect(entry?.values).toEqual({
      phone: { from: '•••• 8205', to: '•••• 4591' },
      shelterLocation: { from: 'Sector A, tent 3', to: 'Sector D, tent 40' },
    });
    expect(JSON.stringify(entries)).not.toMatch(/318\s?205|764\s?591/);
    const stored: { detail: string }[] = await h.service.app.get(DataSource).query(
      `SELECT detail::text AS detail FROM registration.household_timeline WHERE household_id = $1`, [view.id],
    );
    const raw = stored.map((r) => r.detail).join('\n');
    expect(raw).not.toMatch(/318\s?205|764\s?591|Sector A|Sector D/);
  });

  it('should name the member a change is about, with old and new values and document numbers masked', async () => {
    const view = await register('HIST-0003');
    const son = view.members.find((m) => m.relationship === 'son');
    await patch(`/households/${view.id}/members/${son?.id}`, view.version, {
      fullNameAr: 'كريم وليد الصالح', needs: ['DIS'], documents: [{ type: 'camp_card', number: 'CC-7730-4412' }],
    });
    const entry = (await history(view.id)).find((e) => e.changes.includes('members'));
    expect(entry?.member).toEqual({ id: son?.id, fullNameAr: 'كريم وليد الصالح', fullNameLatin: null });
    expect(entry?.values).toEqual({
      fullNameAr: { from: son?.fullNameAr, to: 'كريم وليد الصالح' },
      needs: { from: [], to: ['DIS'] },
      documents: { from: [], to: ['camp_card •••• 412'] },
    });
    expect(JSON.stringify(entry)).not.toContain('7730');
    const stored: { detail: string }[] = await h.service.app.get(DataSource).query(
      `SELECT detail::text AS detail FROM registration.household_timeline WHERE household_id = $1`, [view.id],
    );
    expect(stored.map((r) => r.detail).join('\n')).not.toMatch(/كريم|7730/);
  });

  it('should name the adult of a consent on the timeline, and a removed member by the name they had', async () => {
    const view = await register('HIST-0004');
    const [head, spouse] = view.members;
    const consent = await h.http().post(`/households/${view.id}/consents`).set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send({ memberId: spouse?.id, decision: 'consent', decidedOn: '2025-06-01', method: 'signed_form' }).expect(201);
    await h.http().delete(`/households/${view.id}/members/${spouse?.id}`).set(bearer(caseworker))
      .set('If-Match', `"${(consent.body as { version: number }).version}"`).expect(200);
    const timeline = (await h.http().get(`/households/${view.id}/timeline`).set(bearer(caseworker)).expect(200)).body as { entries: Entry[] };
    const decided = timeline.entries.find((e) => e.kind === 'consent');
    expect(decided?.member).toEqual({ id: spouse?.id, fullNameAr: spouse?.fullNameAr, fullNameLatin: null });
    const removed = timeline.entries.find((e) => e.kind === 'updated' && e.detail['memberId'] === spouse?.id);
    expect(removed?.member?.fullNameAr).toBe(spouse?.fullNameAr);
    expect(removed?.values).toEqual({ relationship: { from: 'spouse', to: null } });
    expect(head).toBeDefined();
  });
});
