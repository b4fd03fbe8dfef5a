import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONVOY_ARRIVED_V1, CONVOY_CONFIRMED_V1, CONVOY_DEPARTED_V1, HOUSEHOLD_SCHEDULED_V1, HOUSEHOLD_UNSCHEDULED_V1 } from '@awda/contracts';
import {
  CAMP,
  DATE,
  LOGISTICS,
  RAQQA,
  SUPERVISOR,
  addVehicle,
  feedEligible,
  household,
  startTransport,
  waitForEvents,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

interface SeatView {
  convoyId: string;
  scheduleVersion: number;
  vehicles: { vehicleId: string; units: number }[];
}

describe('seats: manual changes, the booking race, boarding and departure', () => {
  let fixture: TransportFixture;
  let singles: TestHousehold[];
  let convoyA: string;
  let convoyB: string;
  let busA: string;

  async function createConvoy(time: string): Promise<string> {
    const res = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: time, assemblyPoint: 'Gate 2', destinations: ['SY11'] })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  async function attach(convoyId: string, vehicleId: string): Promise<void> {
    await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId }).expect(201);
  }

  async function seatsUsed(vehicleId: string): Promise<number> {
    const rows: { used: number }[] = await fixture.dataSource.query(
      `SELECT used FROM transport.convoy_vehicles WHERE vehicle_id = $1 AND released_at IS NULL`,
      [vehicleId],
    );
    return rows[0]?.used ?? -1;
  }

  beforeAll(async () => {
    fixture = await startTransport();
    singles = Array.from({ length: 200 }, () => household(RAQQA, [30]));
    await feedEligible(fixture, singles);
    convoyA = await createConvoy('07:00');
    busA = await addVehicle(fixture, { type: 'bus', seats: 50 });
    await attach(convoyA, busA);
    await attach(convoyA, await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 100 }));
    await attach(convoyA, await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 100 }));
    convoyB = await createConvoy('09:00');
    await attach(convoyB, await addVehicle(fixture, { type: 'bus', seats: 45 }));
    await attach(convoyB, await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 10 }));
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('should give exactly 50 of 200 simultaneous bookings the 50 seats of a bus', async () => {
    const responses = await Promise.all(
      singles.map((test) =>
        fixture.http().post(`/convoys/${convoyA}/assignments`).set('Authorization', LOGISTICS).send({ householdId: test.snapshot.householdId, vehicleId: busA }),
      ),
    );
    const booked = responses.filter((res) => res.status === 201);
    const refused = responses.filter((res) => res.status !== 201);
    expect(booked).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(new Set(refused.map((res) => `${res.status} ${(res.body as { code: string }).code}`))).toEqual(new Set(['409 TRANSPORT.VEHICLE_FULL']));
    expect(await seatsUsed(busA)).toBe(50);
    const active: { n: number }[] = await fixture.dataSource.query(
      `SELECT count(*)::int AS n FROM transport.assignments WHERE convoy_id = $1 AND status = 'assigned'`,
      [convoyA],
    );
    expect(active[0]?.n).toBe(50);
  });

  it('should never give one family two seats, even when asked twice at once', async () => {
    const free = singles.slice(150).find(() => true);
    const householdId = free?.snapshot.householdId ?? '';
    const [first, second] = await Promise.all([
      fixture.http().post(`/convoys/${convoyB}/assignments`).set('Authorization', LOGISTICS).send({ householdId }),
      fixture.http().post(`/convoys/${convoyB}/assignments`).set('Authorization', LOGISTICS).send({ householdId }),
    ]);
    const statuses = [first?.status, second?.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = first?.status === 409 ? first : second;
    expect((loser?.body as { code: string }).code).toBe('TRANSPORT.HOUSEHOLD_ALREADY_SCHEDULED');
    await fixture.http().post(`/households/${householdId}/unassign`).set('Authorization', LOGISTICS).expect(200);
  });

  it('should move a family to another convoy and tell it again with a newer scheduleVersion', async () => {
    const booked = await bookedOn(convoyA);
    const mover = booked[0] ?? '';
    const res = await fixture.http().post(`/households/${mover}/move`).set('Authorization', LOGISTICS).send({ convoyId: convoyB }).expect(200);
    expect((res.body as SeatView).convoyId).toBe(convoyB);
    expect(await seatsUsed(busA)).toBe(49);
    const events = await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, (event) => event.householdId === mover, 2);
    expect(events.map((event) => [event.convoyId, event.departureTime, event.scheduleVersion])).toEqual([
      [convoyA, '07:00', 1],
      [convoyB, '09:00', 2],
    ]);
    const seat = await fixture.http().get(`/households/${mover}/seat`).set('Authorization', SUPERVISOR).expect(200);
    expect((seat.body as SeatView).scheduleVersion).toBe(2);
  });

  it('should free the seat on a manual unassign and tell the family why', async () => {
    const leaver = (await bookedOn(convoyA))[0] ?? '';
    await fixture.http().post(`/households/${leaver}/unassign`).set('Authorization', LOGISTICS).expect(200);
    expect(await seatsUsed(busA)).toBe(48);
    const [event] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === leaver);
    expect(event).toMatchObject({ convoyId: convoyA, reason: 'manual', scheduleVersion: 2 });
    await fixture.http().post(`/households/${leaver}/unassign`).set('Authorization', LOGISTICS).expect(409);
  });

  it('should board a convoy: check-in per member, no-shows back to the pool, then depart and arrive', async () => {
    const family = household(RAQQA, [41, 39, 12]);
    const absent = household(RAQQA, [25]);
    await feedEligible(fixture, [family, absent]);
    for (const test of [family, absent]) {
      await fixture.http().post(`/convoys/${convoyB}/assignments`).set('Authorization', LOGISTICS).send({ householdId: test.snapshot.householdId }).expect(201);
    }
    const mover = (await fixture.http().get(`/convoys/${convoyB}`).set('Authorization', LOGISTICS).expect(200)).body as {
      households: { householdId: string }[];
    };
    const boarder = mover.households.map((h) => h.householdId).find((id) => id !== family.snapshot.householdId && id !== absent.snapshot.householdId) ?? '';
    const boarderMember = singles.find((test) => test.snapshot.householdId === boarder)?.snapshot.members[0]?.memberId ?? '';

    await fixture.http().post(`/convoys/${convoyB}/check-ins`).set('Authorization', LOGISTICS).send({ householdId: boarder, memberIds: [boarderMember] }).expect(409);
    await fixture.http().post(`/convoys/${convoyB}/confirm`).set('Authorization', LOGISTICS).expect(200);
    const [confirmed] = await waitForEvents(fixture.broker, CONVOY_CONFIRMED_V1, (event) => event.convoyId === convoyB);
    expect(confirmed?.householdIds.sort()).toEqual([boarder, family.snapshot.householdId, absent.snapshot.householdId].sort());

    const checkIn = await fixture.http().post(`/convoys/${convoyB}/check-ins`).set('Authorization', LOGISTICS).send({ householdId: boarder, memberIds: [boarderMember] }).expect(200);
    expect(checkIn.body).toMatchObject({ complete: true, members: 1 });
    const partly = family.snapshot.members.slice(0, 2).map((m) => m.memberId);
    const partial = await fixture.http().post(`/convoys/${convoyB}/check-ins`).set('Authorization', LOGISTICS).send({ householdId: family.snapshot.householdId, memberIds: partly }).expect(200);
    expect(partial.body).toMatchObject({ complete: false, members: 3 });

    const refused = await fixture.http().post(`/convoys/${convoyB}/depart`).set('Authorization', LOGISTICS).expect(409);
    expect(refused.body).toMatchObject({ code: 'TRANSPORT.HOUSEHOLD_PARTLY_BOARDED', details: { householdIds: [family.snapshot.householdId] } });

    await fixture.http().post(`/convoys/${convoyB}/no-shows`).set('Authorization', LOGISTICS).send({ householdId: family.snapshot.householdId, reason: 'Grandmother fell ill, family asked for a later convoy' }).expect(200);
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect((pool.body as { householdId: string }[]).map((row) => row.householdId)).toContain(family.snapshot.householdId);

    const departed = await fixture.http().post(`/convoys/${convoyB}/depart`).set('Authorization', LOGISTICS).expect(200);
    expect(departed.body).toMatchObject({ status: 'departed' });
    const [event] = await waitForEvents(fixture.broker, CONVOY_DEPARTED_V1, (data) => data.convoyId === convoyB);
    expect(event?.boarded).toEqual([{ householdId: boarder, memberIds: [boarderMember] }]);
    expect(event?.noShows).toEqual(
      expect.arrayContaining([
        { householdId: family.snapshot.householdId, reason: 'Grandmother fell ill, family asked for a later convoy' },
        { householdId: absent.snapshot.householdId, reason: 'Not checked in when the convoy departed' },
      ]),
    );
    const unscheduled = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.reason === 'no_show', 2);
    expect(unscheduled.map((data) => data.householdId).sort()).toEqual([family.snapshot.householdId, absent.snapshot.householdId].sort());

    await fixture.http().post(`/convoys/${convoyB}/cancel`).set('Authorization', LOGISTICS).send({ reason: 'too late' }).expect(409);
    await fixture.http().post(`/convoys/${convoyB}/arrive`).set('Authorization', LOGISTICS).expect(200);
    const [arrived] = await waitForEvents(fixture.broker, CONVOY_ARRIVED_V1, (data) => data.convoyId === convoyB);
    expect(arrived?.householdIds).toEqual([boarder]);
  });

  it('should record a tap sent again with its Idempotency-Key once, give the retry the first answer, and refuse the key for another request', async () => {
    const family = household(RAQQA, [44, 40]);
    const absent = household(RAQQA, [33]);
    await feedEligible(fixture, [family, absent]);
    const convoyC = await createConvoy('11:00');
    await attach(convoyC, await addVehicle(fixture, { type: 'bus', seats: 20 }));
    await attach(convoyC, await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 10 }));
    for (const test of [family, absent]) {
      await fixture.http().post(`/convoys/${convoyC}/assignments`).set('Authorization', LOGISTICS).send({ householdId: test.snapshot.householdId }).expect(201);
    }
    // Confirming sends SMS and is rate-limited per minute (convoy B was confirmed above): boarding needs only the state.
    await fixture.dataSource.query(`UPDATE transport.convoys SET status = 'confirmed' WHERE id = $1`, [convoyC]);
    const tap = (path: string, key: string, body: object) =>
      fixture.http().post(`/convoys/${convoyC}/${path}`).set('Authorization', LOGISTICS).set('Idempotency-Key', key).send(body);

    const members = family.snapshot.members.map((m) => m.memberId);
    const first = await tap('check-ins', 'tap-checkin-0001', { householdId: family.snapshot.householdId, memberIds: members }).expect(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await tap('check-ins', 'tap-checkin-0001', { householdId: family.snapshot.householdId, memberIds: members }).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await tap('check-ins', 'tap-checkin-0001', { householdId: absent.snapshot.householdId, memberIds: [absent.snapshot.members[0]?.memberId] }).expect(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    await tap('check-ins', 'bad key!', { householdId: family.snapshot.householdId, memberIds: members }).expect(400);

    const noShow = { householdId: absent.snapshot.householdId, reason: 'Family did not come to the assembly point' };
    const recorded = await tap('no-shows', 'tap-noshow-0001', noShow).expect(200);
    const replay = await tap('no-shows', 'tap-noshow-0001', noShow).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(recorded.body);
    // Without the key the same no-show is judged again: the family is no longer on the convoy.
    await fixture.http().post(`/convoys/${convoyC}/no-shows`).set('Authorization', LOGISTICS).send(noShow).expect(409);
    const unscheduled: { count: string }[] = await fixture.dataSource.query(
      `SELECT count(*) AS count FROM transport.outbox WHERE subject LIKE '%household.unscheduled%' AND envelope->'data'->>'householdId' = $1`,
      [absent.snapshot.householdId],
    );
    expect(Number(unscheduled[0]?.count)).toBe(1);
    const checkIns: { count: string }[] = await fixture.dataSource.query(
      `SELECT count(*) AS count FROM transport.check_ins c JOIN transport.assignments a ON a.id = c.assignment_id WHERE a.household_id = $1`,
      [family.snapshot.householdId],
    );
    expect(Number(checkIns[0]?.count)).toBe(2);
  });

  async function bookedOn(convoyId: string): Promise<string[]> {
    const res = await fixture.http().get(`/convoys/${convoyId}`).set('Authorization', LOGISTICS).expect(200);
    return (res.body as { households: { householdId: string; status: string }[] }).households
      .filter((h) => h.status === 'assigned')
      .map((h) => h.householdId);
  }
});
