import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HOUSEHOLD_ASSESSED_V1, HOUSEHOLD_UNSCHEDULED_V1, HOUSEHOLD_UPDATED_V1, HOUSEHOLD_WITHDRAWN_V1 } from '@awda/contracts';
import { waitFor } from '@awda/testing';
import {
  CAMP,
  DATE,
  LOGISTICS,
  RAQQA,
  addVehicle,
  assessment,
  feedEligible,
  household,
  member,
  publish,
  startTransport,
  waitForEvents,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

describe('reactions to registration and eligibility events', () => {
  let fixture: TransportFixture;
  let convoyId: string;
  let bus: string;
  const withdrawing = household(RAQQA, [30, 29]);
  const failing = household(RAQQA, [30, 29]);
  const growing = household(RAQQA, [30, 29]);
  const outgrowing = household(RAQQA, [30, 29]);

  async function seatsUsed(): Promise<number> {
    const rows: { used: number }[] = await fixture.dataSource.query(`SELECT used FROM transport.convoy_vehicles WHERE vehicle_id = $1`, [bus]);
    return rows[0]?.used ?? -1;
  }

  async function update(test: TestHousehold, version: number, ages: number[]): Promise<void> {
    const snapshot = { ...test.snapshot, version, members: ages.map((age, i) => member(age, { isHead: i === 0 })) };
    await publish(fixture.broker, HOUSEHOLD_UPDATED_V1, { household: snapshot, changes: ['members'] }, test.snapshot.householdId);
  }

  beforeAll(async () => {
    fixture = await startTransport();
    await feedEligible(fixture, [withdrawing, failing, growing, outgrowing]);
    const res = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '06:30', assemblyPoint: 'Gate 1', destinations: [RAQQA] })
      .expect(201);
    convoyId = (res.body as { id: string }).id;
    bus = await addVehicle(fixture, { type: 'minibus', seats: 10 });
    const truck = await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 10 });
    for (const vehicleId of [bus, truck]) {
      await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId }).expect(201);
    }
    for (const test of [withdrawing, failing, growing, outgrowing]) {
      await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: test.snapshot.householdId }).expect(201);
    }
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('should unschedule a family that withdraws and free its seats', async () => {
    expect(await seatsUsed()).toBe(8);
    const id = withdrawing.snapshot.householdId;
    await publish(fixture.broker, HOUSEHOLD_WITHDRAWN_V1, { householdId: id, campId: CAMP, memberId: withdrawing.snapshot.members[0]?.memberId ?? '', withdrawnOn: DATE, version: 2 }, id);
    const [event] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === id);
    expect(event).toMatchObject({ convoyId, campId: CAMP, reason: 'withdrawn', scheduleVersion: 2 });
    await waitFor('the seats back', async () => (await seatsUsed()) === 6);
  });

  it('should unschedule a family no longer eligible and ignore an older assessment arriving late', async () => {
    const id = failing.snapshot.householdId;
    await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, { ...assessment(failing, 'ineligible'), assessmentVersion: 3 }, id);
    const [event] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === id);
    expect(event).toMatchObject({ convoyId, reason: 'no_longer_eligible' });
    await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, { ...assessment(failing, 'eligible'), assessmentVersion: 2 }, id);
    await waitFor('the late assessment to be processed', async () => {
      const rows: unknown[] = await fixture.dataSource.query(`SELECT 1 FROM transport.processed_events WHERE subject = $1`, [HOUSEHOLD_ASSESSED_V1]);
      return rows.length >= 6;
    });
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect((pool.body as { householdId: string }[]).map((row) => row.householdId)).not.toContain(id);
    expect(await seatsUsed()).toBe(4);
  });

  it('should re-book a family that grew when its bus still has room, and drop an older snapshot', async () => {
    const id = growing.snapshot.householdId;
    await update(growing, 3, [30, 29, 8]);
    await waitFor('the bigger family re-booked', async () => (await seatsUsed()) === 5);
    await update(growing, 2, [30]);
    await waitFor('the old snapshot to be processed', async () => {
      const rows: unknown[] = await fixture.dataSource.query(`SELECT 1 FROM transport.processed_events WHERE subject = $1`, [HOUSEHOLD_UPDATED_V1]);
      return rows.length >= 2;
    });
    const seat = await fixture.http().get(`/households/${id}/seat`).set('Authorization', LOGISTICS).expect(200);
    expect(seat.body).toMatchObject({ convoyId, seatUnits: 3 });
    expect(await seatsUsed()).toBe(5);
  });

  it('should unschedule a family that no longer fits its convoy (size_changed)', async () => {
    const id = outgrowing.snapshot.householdId;
    await update(outgrowing, 2, [40, 38, 18, 16, 14, 12, 10, 8]);
    const [event] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === id);
    expect(event).toMatchObject({ convoyId, reason: 'size_changed' });
    await waitFor('its seats freed', async () => (await seatsUsed()) === 3);
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect(pool.body).toEqual(expect.arrayContaining([expect.objectContaining({ householdId: id, seatUnits: 8 })]));
  });
});
