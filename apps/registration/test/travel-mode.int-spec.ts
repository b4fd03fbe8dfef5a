// The medical clearance states how a member travels (issue 14 item 11): stored, shown, carried in the
// household snapshot other services read, and recorded in the history when it changes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { HOUSEHOLD_REGISTERED_V1, type EventEnvelope, type HouseholdRegisteredV1 } from '@awda/contracts';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

interface MemberView {
  id: string;
  relationship: string;
  hasMedicalClearance: boolean;
  travelMode: string | null;
}

interface View {
  id: string;
  version: number;
  members: MemberView[];
}

let h: Harness;
let caseworker: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-travel-mode');
});

afterAll(async () => {
  await h?.close();
});

/** The family of the harness with the head's clearance as given. */
function withHeadClearance(caseNumber: string, clearance: Record<string, unknown>) {
  const body = family(caseNumber);
  const [head, ...others] = body.members;
  return { ...body, members: [{ ...head, hasMedicalClearance: true, ...clearance }, ...others] };
}

describe('travel mode at medical clearance', () => {
  it('should store the travel mode, show it, and carry it in the snapshot; a member without one states none', async () => {
    const res = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send(withHeadClearance('TRAVEL-0001', { fitToTravel: false, travelMode: 'stretcher' })).expect(201);
    const view = res.body as View;
    const head = view.members.find((m) => m.relationship === 'head');
    expect(head).toMatchObject({ hasMedicalClearance: true, travelMode: 'stretcher' });
    expect(view.members.filter((m) => m.relationship !== 'head').map((m) => m.travelMode)).toEqual([null, null]);

    const rows: { envelope: EventEnvelope<HouseholdRegisteredV1> }[] = await h.service.app.get(DataSource).query(
      `SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->'household'->>'householdId' = $2`,
      [HOUSEHOLD_REGISTERED_V1, view.id],
    );
    const snapshot = rows[0]?.envelope.data.household;
    expect(snapshot?.members.find((m) => m.isHead)?.travelMode).toBe('stretcher');
    expect(snapshot?.members.filter((m) => !m.isHead).map((m) => m.travelMode)).toEqual([null, null]);
  });

  it('should refuse a travel mode that is not one of the four, naming the field', async () => {
    const res = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send(withHeadClearance('TRAVEL-0002', { travelMode: 'helicopter' })).expect(400);
    const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(['members.0.travelMode']);
  });

  it('should record a change of travel mode in the history, from what to what', async () => {
    const created = (await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey())
      .send(withHeadClearance('TRAVEL-0003', { fitToTravel: true, travelMode: 'bus' })).expect(201)).body as View;
    const head = created.members.find((m) => m.relationship === 'head');
    const updated = (await h.http().patch(`/households/${created.id}/members/${head?.id}`).set(bearer(caseworker))
      .set('If-Match', `"${created.version}"`).send({ travelMode: 'ambulance_seated' }).expect(200)).body as View;
    expect(updated.members.find((m) => m.id === head?.id)?.travelMode).toBe('ambulance_seated');
    const history = (await h.http().get(`/households/${created.id}/history`).set(bearer(caseworker)).expect(200)).body as {
      changes: string[];
      values?: Record<string, unknown>;
    }[];
    const entry = history.find((e) => e.changes.includes('members'));
    expect(entry?.values).toEqual({ travelMode: { from: 'bus', to: 'ambulance_seated' } });
  });
});
