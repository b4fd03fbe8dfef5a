import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HOUSEHOLD_UNSCHEDULED_V1, HOUSEHOLD_UPDATED_V1 } from '@awda/contracts';
import { resolveBound } from '@awda/bootstrap';
import { waitFor } from '@awda/testing';
import {
  CAMP,
  DATE,
  LOGISTICS,
  RAQQA,
  addVehicle,
  eventsOn,
  feedEligible,
  household,
  member,
  publish,
  startTransport,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

interface SeatView {
  convoyId: string;
  seatUnits: number;
  cargoShares: number;
  vehicles: { vehicleId: string; type: string; kind: string; units: number }[];
}

interface ConvoyView {
  vehicles: { vehicleId: string; kind: string; capacity: number; used: number; free: number }[];
}

/** Another departure date than DATE, so that the planner sees only the vehicles made for it. */
const PLAN_DATE = resolveBound({ daysFromToday: 31 });

function adults(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 20 + (i % 40));
}

describe('families larger than a bus, and belongings by family size', () => {
  let fixture: TransportFixture;
  let convoyId: string;
  let truck: string;
  const large = household(RAQQA, adults(35));
  const single = household(RAQQA, [30]);
  const planned = household(RAQQA, adults(35));

  async function seat(test: TestHousehold): Promise<SeatView> {
    const res = await fixture.http().get(`/households/${test.snapshot.householdId}/seat`).set('Authorization', LOGISTICS).expect(200);
    return res.body as SeatView;
  }

  function busUnits(view: SeatView): number[] {
    return view.vehicles.filter((vehicle) => vehicle.kind === 'seats').map((vehicle) => vehicle.units).sort((a, b) => b - a);
  }

  async function grow(test: TestHousehold, version: number, size: number): Promise<void> {
    const snapshot = { ...test.snapshot, version, members: adults(size).map((age, i) => member(age, { isHead: i === 0 })) };
    await publish(fixture.broker, HOUSEHOLD_UPDATED_V1, { household: snapshot, changes: ['members'] }, test.snapshot.householdId);
  }

  beforeAll(async () => {
    fixture = await startTransport();
    await feedEligible(fixture, [large, single]);
    const res = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2', destinations: ['SY11'] })
      .expect(201);
    convoyId = (res.body as { id: string }).id;
    truck = await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 8 });
    for (const vehicleId of [await addVehicle(fixture, { type: 'bus', seats: 30 }), await addVehicle(fixture, { type: 'bus', seats: 30 }), truck]) {
      await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId }).expect(201);
    }
  });

  afterAll(async () => {
    await fixture?.close();
  });

  // Registration caps a household at 40 members, so "larger than a bus" is shown with 30-seat buses.
  it('should seat a family of 35 on two 30-seat buses of one convoy', async () => {
    await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: large.snapshot.householdId }).expect(201);
    const view = await seat(large);
    expect(view.convoyId).toBe(convoyId);
    expect(busUnits(view)).toEqual([30, 5]);
  });

  it('should read a cargo truck back in the unit it was created in, and a family’s share by its size', async () => {
    await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: single.snapshot.householdId }).expect(201);
    const convoy = (await fixture.http().get(`/convoys/${convoyId}`).set('Authorization', LOGISTICS).expect(200)).body as ConvoyView;
    // 35 people: the most a family takes (2 shares); one person: 0.5 + 0.1.
    expect(convoy.vehicles.find((vehicle) => vehicle.vehicleId === truck)).toMatchObject({ kind: 'cargo', capacity: 8, used: 2.6, free: 5.4 });
    expect((await seat(large)).vehicles.find((vehicle) => vehicle.vehicleId === truck)).toMatchObject({ kind: 'cargo', units: 2 });
    expect(await seat(single)).toMatchObject({ cargoShares: 0.6, vehicles: expect.arrayContaining([expect.objectContaining({ vehicleId: truck, units: 0.6 })]) });
    const fleet = (await fixture.http().get(`/vehicles?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200)).body as { id: string; cargoCapacity: number }[];
    expect(fleet.find((vehicle) => vehicle.id === truck)?.cargoCapacity).toBe(8);
  });

  it('should plan a family of 35 on several buses of one convoy and re-book it there when it grows', async () => {
    await feedEligible(fixture, [planned]);
    for (let i = 0; i < 3; i += 1) await addVehicle(fixture, { type: 'bus', seats: 30, availableDates: [PLAN_DATE] });
    await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 4, availableDates: [PLAN_DATE] });
    const proposal = await fixture
      .http()
      .post('/plans')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, departureDate: PLAN_DATE, departureTime: '07:00', assemblyPoint: 'Gate 2' })
      .expect(201);
    const { planId } = proposal.body as { planId: string };
    const committed = await fixture.http().post(`/plans/${planId}/commit`).set('Authorization', LOGISTICS).expect(200);
    const [convoy] = (committed.body as { convoys: { convoyId: string; householdIds: string[] }[] }).convoys;
    expect(convoy?.householdIds).toEqual([planned.snapshot.householdId]);
    const before = await seat(planned);
    expect(busUnits(before).reduce((sum, units) => sum + units, 0)).toBe(35);
    expect(busUnits(before).length).toBeGreaterThan(1);

    // The family grows: the ledger re-books it within its convoy instead of taking it off.
    await grow(planned, 2, 38);
    const after = await waitFor('the grown family re-booked', async () => {
      const res = await fixture.http().get(`/households/${planned.snapshot.householdId}/seat`).set('Authorization', LOGISTICS);
      const body = res.body as SeatView;
      return res.status === 200 && body.seatUnits === 38 ? body : res.status === 409 ? ({ convoyId: 'unscheduled' } as SeatView) : undefined;
    }, { timeoutMs: 60_000 });
    expect(after.convoyId).toBe(convoy?.convoyId);
    expect(busUnits(after).reduce((sum, units) => sum + units, 0)).toBe(38);
    const unscheduled = (await eventsOn(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1)).filter((event) => event.data.householdId === planned.snapshot.householdId);
    expect(unscheduled).toEqual([]);
  });
});
