// Edit before commit: the officer moves a family to another bus of its convoy and takes one out; transport
// applies the edits to its stored proposal, refuses those that break a rule, and books what is left.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CAMP, DATE, LOGISTICS, RAQQA, addVehicle, feedEligible, household, startTransport, type TestHousehold, type TransportFixture } from './transport-fixture.js';

interface Proposal {
  planId: string;
  plan: {
    convoys: { householdIds: string[]; buses: { vehicleId: string; capacity: number; seatUnits: number; households: { householdId: string; seatUnits: number }[] }[] }[];
    unplaced: { householdId: string; reason: { code: string } }[];
  };
}

describe('committing a proposal edited by the officer', () => {
  let fixture: TransportFixture;
  const families: TestHousehold[] = [];
  let proposal: Proposal;
  let fullBus: Proposal['plan']['convoys'][number]['buses'][number];
  let roomyBus: Proposal['plan']['convoys'][number]['buses'][number];

  beforeAll(async () => {
    fixture = await startTransport();
    // Seven families of three seat units; minibuses of 20 seats take 18 (10% kept spare): 18 + 3.
    for (let i = 0; i < 7; i += 1) families.push(household(RAQQA, [40, 35, 10]));
    await feedEligible(fixture, families);
    for (let i = 0; i < 2; i += 1) await addVehicle(fixture, { type: 'minibus', seats: 20 });
    for (let i = 0; i < 7; i += 1) await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 1 });
    const res = await fixture
      .http()
      .post('/plans')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2', corridorIds: ['raqqa-tabqa'] })
      .expect(201);
    proposal = res.body as Proposal;
    const buses = [...(proposal.plan.convoys[0]?.buses ?? [])].sort((a, b) => b.seatUnits - a.seatUnits);
    if (proposal.plan.convoys.length !== 1 || buses.length !== 2 || !buses[0] || !buses[1]) throw new Error('expected one convoy on two minibuses');
    [fullBus, roomyBus] = [buses[0], buses[1]];
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const commit = (body: unknown) => fixture.http().post(`/plans/${proposal.planId}/commit`).set('Authorization', LOGISTICS).send(body as object);

  it('should refuse malformed edits with each field’s message', async () => {
    const res = await commit({ takenOut: ['not-a-uuid'], moves: [{ householdId: families[0]?.snapshot.householdId }], extra: 1 }).expect(400);
    const fields = (res.body as { errors: { field: string }[] }).errors.map((error) => error.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['extra', 'takenOut']));
    expect(fields.some((field) => field.startsWith('moves'))).toBe(true);
  });

  it('should refuse a move that would fill a bus beyond its capacity, naming the field, and book nothing', async () => {
    const mover = roomyBus.households[0]?.householdId ?? '';
    const res = await commit({ moves: [{ householdId: mover, toVehicleId: fullBus.vehicleId }] }).expect(422);
    expect(res.body).toMatchObject({ code: 'TRANSPORT.PLAN_EDIT_BUS_FULL', details: { field: 'moves[0].toVehicleId' } });
    const assignments: unknown[] = await fixture.dataSource.query(`SELECT 1 FROM transport.assignments`);
    expect(assignments).toHaveLength(0);
  });

  it('should refuse a family that is not in the proposal', async () => {
    const res = await commit({ takenOut: ['01a24d30-7b29-71bc-a841-2c0d157eb6bc'] }).expect(422);
    expect(res.body).toMatchObject({ code: 'TRANSPORT.PLAN_EDIT_UNKNOWN_FAMILY', details: { field: 'takenOut[0]' } });
  });

  it('should book the edited plan: the moved family on its new bus, the family taken out back in the pool', async () => {
    const [moved, out] = [fullBus.households[0]?.householdId ?? '', fullBus.households[1]?.householdId ?? ''];
    const res = await commit({ moves: [{ householdId: moved, toVehicleId: roomyBus.vehicleId }], takenOut: [out] }).expect(200);
    const committed = res.body as { convoys: { householdIds: string[] }[]; unplaced: { householdId: string; reason: { code: string } }[] };
    expect(committed.convoys[0]?.householdIds).not.toContain(out);
    expect(committed.convoys[0]?.householdIds).toHaveLength(6);
    expect(committed.unplaced).toEqual([expect.objectContaining({ householdId: out, reason: expect.objectContaining({ code: 'TAKEN_OUT' }) })]);

    const seats: { householdId: string; vehicleId: string }[] = await fixture.dataSource.query(
      `SELECT a.household_id AS "householdId", cv.vehicle_id AS "vehicleId"
         FROM transport.assignments a JOIN transport.bookings b ON b.assignment_id = a.id
         JOIN transport.convoy_vehicles cv ON cv.id = b.convoy_vehicle_id
        WHERE a.status = 'assigned' AND cv.kind = 'seats'`,
    );
    expect(seats.filter((seat) => seat.householdId === moved)).toEqual([{ householdId: moved, vehicleId: roomyBus.vehicleId }]);
    expect(seats.map((seat) => seat.householdId)).not.toContain(out);
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect((pool.body as { householdId: string }[]).map((row) => row.householdId)).toEqual([out]);
    // The stored proposal shows what was committed.
    const stored = (await fixture.http().get(`/plans/${proposal.planId}`).set('Authorization', LOGISTICS).expect(200)).body as Proposal;
    expect(stored.plan.unplaced.map((entry) => entry.householdId)).toEqual([out]);
  });
});
