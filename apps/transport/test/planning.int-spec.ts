import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HOUSEHOLD_SCHEDULED_V1, HOUSEHOLD_WITHDRAWN_V1 } from '@awda/contracts';
import { waitFor } from '@awda/testing';
import {
  CAMP,
  DATE,
  DEIR,
  LOGISTICS,
  OTHER_CAMP,
  RAQQA,
  SUPERVISOR,
  TABQA,
  addVehicle,
  feedEligible,
  household,
  member,
  nameOf,
  publish,
  startTransport,
  waitForEvents,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

interface PlannedConvoy {
  corridorId: string;
  destinations: string[];
  householdIds: string[];
  buses: { vehicleId: string; households: { householdId: string }[] }[];
  cargoTrucks: { households: { householdId: string }[] }[];
  ambulances: { households: { householdId: string; places: number }[] }[];
}
interface Proposal {
  planId: string;
  households: { householdId: string; caseNumber: string | null }[];
  plan: { convoys: PlannedConvoy[]; unplaced: { householdId: string; reason: { code: string } }[] };
}
interface Committed {
  convoys: { convoyId: string; corridorId: string; householdIds: string[] }[];
}

describe('convoy planning: dry run, then commit', () => {
  let fixture: TransportFixture;
  const raqqa: TestHousehold[] = [];
  const deir: TestHousehold[] = [];
  let bigFamily: TestHousehold;
  let medicalFamily: TestHousehold;
  let aleppo: TestHousehold;
  let proposal: Proposal;
  let committed: Committed;

  beforeAll(async () => {
    fixture = await startTransport();
    for (let i = 0; i < 5; i += 1) raqqa.push(household(i % 2 === 0 ? RAQQA : TABQA, [40, 35, 10, 1], { priority: 10 - i }));
    for (let i = 0; i < 3; i += 1) deir.push(household(DEIR, [50, 45, 20]));
    bigFamily = household(RAQQA, [55, 50, 30, 28, 17, 15, 12, 9, 6, 3, 1]);
    medicalFamily = household(DEIR, [], { members: [member(70, { isHead: true, needs: ['SMC'], fitToTravel: false }), member(68)] });
    aleppo = household('SY020100', [30, 28]);
    await feedEligible(fixture, [...raqqa, ...deir, bigFamily, medicalFamily, aleppo]);
    for (let i = 0; i < 2; i += 1) await addVehicle(fixture, { type: 'bus', seats: 45 });
    for (let i = 0; i < 12; i += 1) await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 1 });
    await addVehicle(fixture, { type: 'ambulance', stretcherPlaces: 2 });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('should propose convoys without booking anything (dry run)', async () => {
    const res = await fixture
      .http()
      .post('/plans')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2', escortNotes: 'Asayish escort to Tabqa bridge' })
      .expect(201);
    proposal = res.body as Proposal;
    expect(proposal.plan.convoys).toHaveLength(2);
    expect(proposal.plan.unplaced).toEqual([expect.objectContaining({ householdId: aleppo.snapshot.householdId, reason: expect.objectContaining({ code: 'DESTINATION_OFF_CORRIDOR' }) })]);
    const assignments: unknown[] = await fixture.dataSource.query(`SELECT 1 FROM transport.assignments`);
    expect(assignments).toHaveLength(0);
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', SUPERVISOR).expect(200);
    expect(pool.body).toHaveLength(11);
    // The case number from registration's snapshot names each family on the planning screen.
    const caseNumbers = new Map([...raqqa, ...deir, bigFamily, medicalFamily, aleppo].map((test) => [test.snapshot.householdId, test.snapshot.caseNumber]));
    for (const row of [...proposal.households, ...(pool.body as { householdId: string; caseNumber: string | null }[])]) {
      expect(row.caseNumber).toBe(caseNumbers.get(row.householdId));
    }
  });

  it('should group destinations by corridor: Raqqa and Tabqa together, Deir ez-Zor apart', () => {
    const byCorridor = new Map(proposal.plan.convoys.map((convoy) => [convoy.corridorId, convoy]));
    expect(byCorridor.get('raqqa-tabqa')?.destinations).toEqual([RAQQA, TABQA]);
    expect(byCorridor.get('raqqa-tabqa')?.householdIds).toEqual(
      [...raqqa, bigFamily].map((test) => test.snapshot.householdId).sort(),
    );
    expect(byCorridor.get('deir-ez-zor')?.destinations).toEqual([DEIR]);
    // The medical case rides the ambulance with the Deir ez-Zor convoy its family travels with.
    expect(byCorridor.get('deir-ez-zor')?.ambulances[0]?.households).toEqual([{ householdId: medicalFamily.snapshot.householdId, places: 1, seats: 0 }]);
  });

  it('should refuse writes to supervisors and hide the camp from other camps', async () => {
    await fixture.http().post(`/plans/${proposal.planId}/commit`).set('Authorization', SUPERVISOR).expect(403);
    await fixture.http().post(`/plans/${proposal.planId}/commit`).set('Authorization', OTHER_CAMP).expect(404);
  });

  it('should commit the plan: convoys, seats and one household.scheduled per family', async () => {
    const res = await fixture.http().post(`/plans/${proposal.planId}/commit`).set('Authorization', LOGISTICS).expect(200);
    committed = res.body as Committed;
    expect(committed.convoys).toHaveLength(2);
    // A family is never split across convoys, and its belongings ride the same convoy.
    const spread: { householdId: string; convoys: number; cargo: number }[] = await fixture.dataSource.query(
      `SELECT a.household_id AS "householdId", count(DISTINCT cv.convoy_id)::int AS convoys,
              count(*) FILTER (WHERE cv.kind = 'cargo')::int AS cargo
         FROM transport.assignments a JOIN transport.bookings b ON b.assignment_id = a.id
         JOIN transport.convoy_vehicles cv ON cv.id = b.convoy_vehicle_id
        WHERE a.status = 'assigned' GROUP BY a.household_id`,
    );
    expect(spread).toHaveLength(10);
    expect(spread.every((row) => row.convoys === 1 && row.cargo >= 1)).toBe(true);

    const raqqaConvoy = committed.convoys.find((convoy) => convoy.corridorId === 'raqqa-tabqa');
    const scheduled = await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, () => true, 10);
    const big = scheduled.find((event) => event.householdId === bigFamily.snapshot.householdId);
    expect(big).toEqual({
      householdId: bigFamily.snapshot.householdId,
      campId: CAMP,
      convoyId: raqqaConvoy?.convoyId,
      departureDate: DATE,
      departureTime: '07:00',
      assemblyPoint: 'Gate 2',
      // 07:00 in Damascus (UTC+3 all year).
      departsAt: `${DATE}T04:00:00Z`,
      destinationArea: RAQQA,
      scheduleVersion: 1,
    });
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect((pool.body as { householdId: string }[]).map((row) => row.householdId)).toEqual([aleppo.snapshot.householdId]);
    const convoy = await fixture.http().get(`/convoys/${raqqaConvoy?.convoyId}`).set('Authorization', LOGISTICS).expect(200);
    expect((convoy.body as { households: { householdId: string; caseNumber: string | null }[] }).households).toContainEqual(
      expect.objectContaining({ householdId: bigFamily.snapshot.householdId, caseNumber: bigFamily.snapshot.caseNumber }),
    );
  });

  it('should not commit the same plan twice', async () => {
    const res = await fixture.http().post(`/plans/${proposal.planId}/commit`).set('Authorization', LOGISTICS).expect(409);
    expect(res.body).toMatchObject({ code: 'TRANSPORT.PLAN_ALREADY_COMMITTED' });
  });

  it('should refuse a stale plan when a family withdrew after the dry run', async () => {
    const late = household(RAQQA, [33, 31]);
    await feedEligible(fixture, [late]);
    const bus = await addVehicle(fixture, { type: 'minibus', seats: 20 });
    await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 2 });
    const dry = await fixture
      .http()
      .post('/plans')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, departureDate: DATE, departureTime: '09:30', assemblyPoint: 'Gate 1', corridorIds: ['raqqa-tabqa'] })
      .expect(201);
    const second = dry.body as Proposal;
    expect(second.plan.convoys[0]?.householdIds).toEqual([late.snapshot.householdId]);
    expect(second.plan.convoys[0]?.buses[0]?.vehicleId).toBe(bus);
    await publish(
      fixture.broker,
      HOUSEHOLD_WITHDRAWN_V1,
      { householdId: late.snapshot.householdId, campId: CAMP, memberId: late.snapshot.members[0]?.memberId ?? '', withdrawnOn: DATE, version: 2 },
      late.snapshot.householdId,
    );
    await waitFor('the withdrawal in the projection', async () => {
      const rows: { status: string }[] = await fixture.dataSource.query(
        `SELECT registration_status AS status FROM transport.households WHERE household_id = $1`,
        [late.snapshot.householdId],
      );
      return rows[0]?.status === 'withdrawn';
    });
    const res = await fixture.http().post(`/plans/${second.planId}/commit`).set('Authorization', LOGISTICS).expect(409);
    expect(res.body).toMatchObject({ code: 'TRANSPORT.PLAN_STALE', details: { householdIds: [late.snapshot.householdId] } });
    const convoys = await fixture.http().get(`/convoys?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect(convoys.body).toHaveLength(2);
  });

  it('should print the manifest with names fetched from registration: JSON, CSV and right-to-left HTML', async () => {
    const convoyId = committed.convoys.find((convoy) => convoy.corridorId === 'deir-ez-zor')?.convoyId ?? '';
    const json = await fixture.http().get(`/convoys/${convoyId}/manifest`).set('Authorization', SUPERVISOR).expect(200);
    const manifest = json.body as { vehicles: { kind: string; households: { householdId: string; members: { fullNameAr: string | null; ambulance: boolean }[] }[] }[]; refused: string[] };
    const buses = manifest.vehicles.filter((vehicle) => vehicle.kind === 'seats');
    const onBuses = buses.flatMap((vehicle) => vehicle.households.map((h) => h.householdId)).sort();
    expect(onBuses).toEqual([...deir, medicalFamily].map((test) => test.snapshot.householdId).sort());
    // The patient rides the ambulance: on its sheet, not on the bus's; the rest of the family on the bus.
    const medical = buses.flatMap((vehicle) => vehicle.households).find((h) => h.householdId === medicalFamily.snapshot.householdId);
    expect(medical?.members.some((member) => member.ambulance)).toBe(false);
    expect(medical?.members.length).toBeGreaterThan(0);
    const stretcher = manifest.vehicles.filter((vehicle) => vehicle.kind === 'stretcher').flatMap((vehicle) => vehicle.households);
    const patient = stretcher.find((h) => h.householdId === medicalFamily.snapshot.householdId);
    expect(patient?.members).toEqual([expect.objectContaining({ fullNameAr: nameOf(medicalFamily.snapshot.householdId), ambulance: true })]);
    expect(manifest.refused).toEqual([]);

    const csv = await fixture.http().get(`/convoys/${convoyId}/manifest?format=csv`).set('Authorization', LOGISTICS).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(nameOf(deir[0]?.snapshot.householdId ?? '') ?? 'missing');

    const html = await fixture.http().get(`/convoys/${convoyId}/manifest?format=html`).set('Authorization', LOGISTICS).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('dir="rtl"');
    expect(html.text).toContain(nameOf(deir[1]?.snapshot.householdId ?? '') ?? 'missing');
    await fixture.http().get(`/convoys/${convoyId}/manifest`).set('Authorization', OTHER_CAMP).expect(404);
  });
});
