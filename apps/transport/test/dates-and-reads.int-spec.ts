import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONVOY_CANCELLED_V1, CONVOY_CONFIRMED_V1, HOUSEHOLD_SCHEDULED_V1, HOUSEHOLD_UNSCHEDULED_V1 } from '@awda/contracts';
import { resolveBound } from '@awda/bootstrap';
import {
  CAMP,
  CASEWORKER,
  DATE,
  LOGISTICS,
  OTHER_CAMP,
  OTHER_CAMP_CASEWORKER,
  RAQQA,
  SUPERVISOR,
  addVehicle,
  feedEligible,
  household,
  startTransport,
  token,
  waitForEvents,
  type TransportFixture,
} from './transport-fixture.js';

const TODAY = resolveBound('today');
const YESTERDAY = resolveBound({ daysFromToday: -1 });
/** Syria keeps UTC+3 all year: 07:00 on the camp's clock is 04:00 UTC. */
const at0700 = (date: string): string => new Date(`${date}T07:00:00+03:00`).toISOString();

describe('dates that make sense, the departure instant in events, and who reads a seat', () => {
  let fixture: TransportFixture;
  const family = household(RAQQA, [40, 38, 9]);
  const leaving = household(RAQQA, [33]);

  async function createConvoy(departureDate: string, authorization = LOGISTICS): Promise<{ status: number; body: { id: string; code?: string } }> {
    const res = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', authorization)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate, departureTime: '07:00', assemblyPoint: 'Gate 2', destinations: ['SY11'] });
    return { status: res.status, body: res.body as { id: string; code?: string } };
  }

  async function convoyWithSeats(departureDate: string): Promise<string> {
    const created = await createConvoy(departureDate);
    expect(created.status).toBe(201);
    for (const body of [
      { type: 'bus' as const, seats: 20 },
      { type: 'cargo_truck' as const, cargoCapacity: 3 },
    ]) {
      const vehicleId = await addVehicle(fixture, { ...body, availableDates: [departureDate] });
      await fixture.http().post(`/convoys/${created.body.id}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId }).expect(201);
    }
    return created.body.id;
  }

  beforeAll(async () => {
    fixture = await startTransport();
    await feedEligible(fixture, [family, leaving]);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('should refuse a plan or a convoy dated before today in the camps’ time zone, with a stable code', async () => {
    const plan = await fixture
      .http()
      .post('/plans')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, departureDate: YESTERDAY, departureTime: '07:00', assemblyPoint: 'Gate 2' })
      .expect(422);
    expect(plan.body).toMatchObject({ code: 'TRANSPORT.DATE_IN_PAST', details: { departureDate: YESTERDAY, today: TODAY } });
    const convoy = await createConvoy(YESTERDAY);
    expect(convoy).toMatchObject({ status: 422, body: { code: 'TRANSPORT.DATE_IN_PAST' } });
    expect((await createConvoy(TODAY)).status).toBe(201);
  });

  it('should carry the departure instant on scheduled, confirmed, unscheduled and cancelled events', async () => {
    const convoyId = await convoyWithSeats(DATE);
    for (const test of [family, leaving]) {
      await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: test.snapshot.householdId }).expect(201);
    }
    const departsAt = at0700(DATE);
    const scheduled = await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, (event) => event.convoyId === convoyId, 2);
    expect(scheduled.map((event) => new Date(event.departsAt ?? '').toISOString())).toEqual([departsAt, departsAt]);
    await fixture.http().post(`/convoys/${convoyId}/confirm`).set('Authorization', LOGISTICS).expect(200);
    const [confirmed] = await waitForEvents(fixture.broker, CONVOY_CONFIRMED_V1, (event) => event.convoyId === convoyId);
    expect(new Date(confirmed?.departsAt ?? '').toISOString()).toBe(departsAt);
    await fixture.http().post(`/households/${leaving.snapshot.householdId}/unassign`).set('Authorization', LOGISTICS).expect(200);
    const [unscheduled] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (event) => event.householdId === leaving.snapshot.householdId);
    expect(new Date(unscheduled?.departsAt ?? '').toISOString()).toBe(departsAt);
    await fixture.http().post(`/convoys/${convoyId}/cancel`).set('Authorization', LOGISTICS).send({ reason: 'Road closed at Maadan' }).expect(200);
    const [cancelled] = await waitForEvents(fixture.broker, CONVOY_CANCELLED_V1, (event) => event.convoyId === convoyId);
    expect(new Date(cancelled?.departsAt ?? '').toISOString()).toBe(departsAt);
  });

  it('should let case workers of the camp read a family’s seat and convoy, audited, and nobody of another camp', async () => {
    const convoyId = await convoyWithSeats(DATE);
    const id = family.snapshot.householdId;
    await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: id }).expect(201);
    const matrix: [string, string, number][] = [
      ['caseworker of the camp', CASEWORKER, 200],
      ['supervisor of the camp', SUPERVISOR, 200],
      ['logistics of the camp', LOGISTICS, 200],
      // Seats are not an admin's business in transport (as every transport read).
      ['admin', await token(['admin'], [], 'admin-1'), 403],
      ['caseworker of another camp', OTHER_CAMP_CASEWORKER, 404],
      ['logistics of another camp', OTHER_CAMP, 404],
    ];
    for (const [who, authorization, status] of matrix) {
      const res = await fixture.http().get(`/households/${id}/seat`).set('Authorization', authorization);
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    const read = await fixture.http().get(`/households/${id}/seat`).set('Authorization', CASEWORKER).expect(200);
    expect(read.body).toMatchObject({ convoyId, convoyStatus: 'planned', departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2' });
    // Reading is all a case worker does here: seats are logistics' to give.
    await fixture.http().post(`/households/${id}/unassign`).set('Authorization', CASEWORKER).expect(403);
    const audit: { actor: string; outcome: string }[] = await fixture.dataSource.query(
      `SELECT actor, outcome FROM transport.audit_log WHERE household_id = $1 ORDER BY at, id`,
      [id],
    );
    expect(audit.filter((row) => row.actor === 'caseworker-1').map((row) => row.outcome)).toEqual(['read', 'read']);
    expect(audit.filter((row) => row.actor === 'caseworker-2').map((row) => row.outcome)).toEqual(['denied']);
  });

  it('should record a departure before the convoy’s date with a clear warning, and none on the day', async () => {
    const early = await convoyWithSeats(DATE);
    const onTheDay = await convoyWithSeats(TODAY);
    for (const convoyId of [early, onTheDay]) {
      await fixture.http().post(`/convoys/${convoyId}/confirm`).set('Authorization', LOGISTICS).expect(200);
    }
    const departedEarly = await fixture.http().post(`/convoys/${early}/depart`).set('Authorization', LOGISTICS).expect(200);
    expect(departedEarly.body).toMatchObject({ status: 'departed', warnings: [expect.objectContaining({ code: 'TRANSPORT.DEPARTED_BEFORE_DATE' })] });
    const departedOnTheDay = await fixture.http().post(`/convoys/${onTheDay}/depart`).set('Authorization', LOGISTICS).expect(200);
    expect(departedOnTheDay.body).toMatchObject({ status: 'departed', warnings: [] });
  });
});
