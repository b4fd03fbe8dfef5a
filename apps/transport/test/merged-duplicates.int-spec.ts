// A possible duplicate does not take a family off its convoy by itself; a record closed as the
// duplicate of another gives its seat to the record kept, whichever of its events arrives first.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_CLOSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
} from '@awda/contracts';
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
  publish,
  startTransport,
  waitForEvents,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

const duplicateOnly = [{ ruleId: 'no-duplicates', code: 'duplicate_unresolved', params: { count: 1 }, outcome: 'pending' as const }];

describe('possible duplicates and seats', () => {
  let fixture: TransportFixture;
  let convoyId: string;
  const flagged = household(RAQQA, [30, 29]);
  const missingConsent = household(RAQQA, [30, 29]);
  const closedFirst = household(RAQQA, [30, 29]);
  const snapshotFirst = household(RAQQA, [30, 29]);
  const alreadySeated = household(RAQQA, [30, 29]);
  const seatedKept = household(RAQQA, [40]);
  // Records kept for the family: registered, held back only by the pair being decided.
  const keptA = household(RAQQA, [30, 29, 7]);
  const keptB = household(RAQQA, [30, 29]);
  const seated = [flagged, missingConsent, closedFirst, snapshotFirst, alreadySeated, seatedKept];

  async function seat(test: TestHousehold): Promise<{ status: number; body: { convoyId?: string; seatUnits?: number } }> {
    const res = await fixture.http().get(`/households/${test.snapshot.householdId}/seat`).set('Authorization', LOGISTICS);
    return { status: res.status, body: res.body as { convoyId?: string; seatUnits?: number } };
  }

  async function processed(eventCount: number): Promise<void> {
    await waitFor(`${eventCount} events processed`, async () => {
      const rows: { n: number }[] = await fixture.dataSource.query(`SELECT count(*)::int AS n FROM transport.processed_events`);
      return (rows[0]?.n ?? 0) >= eventCount;
    });
  }

  async function processedCount(): Promise<number> {
    const rows: { n: number }[] = await fixture.dataSource.query(`SELECT count(*)::int AS n FROM transport.processed_events`);
    return rows[0]?.n ?? 0;
  }

  beforeAll(async () => {
    fixture = await startTransport();
    await feedEligible(fixture, seated);
    for (const kept of [keptA, keptB]) {
      await publish(fixture.broker, HOUSEHOLD_REGISTERED_V1, { household: kept.snapshot }, kept.snapshot.householdId);
      await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, { ...assessment(kept, 'pending'), reasons: duplicateOnly }, kept.snapshot.householdId);
    }
    const res = await fixture.http().post('/convoys').set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '06:30', assemblyPoint: 'Gate 1', destinations: [RAQQA] })
      .expect(201);
    convoyId = (res.body as { id: string }).id;
    for (const vehicleId of [await addVehicle(fixture, { type: 'bus', seats: 40 }), await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 10 })]) {
      await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId }).expect(201);
    }
    for (const test of seated) {
      await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: test.snapshot.householdId }).expect(201);
    }
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('should keep the seat of a family held back only by a possible duplicate, not one missing a consent', async () => {
    const before = await processedCount();
    await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, { ...assessment(flagged, 'pending'), reasons: duplicateOnly, assessmentVersion: 2 }, flagged.snapshot.householdId);
    const consent = [{ ruleId: 'consent', code: 'consent_missing', params: { count: 1 }, outcome: 'pending' as const }];
    await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, { ...assessment(missingConsent, 'pending'), reasons: [...duplicateOnly, ...consent], assessmentVersion: 2 },
      missingConsent.snapshot.householdId);
    await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === missingConsent.snapshot.householdId);
    await processed(before + 2);
    expect(await seat(flagged)).toMatchObject({ status: 200, body: { convoyId } });
  });

  it('should move the seat of a record closed as a duplicate to the record kept (household.closed first)', async () => {
    const id = closedFirst.snapshot.householdId;
    await publish(fixture.broker, HOUSEHOLD_CLOSED_V1, { householdId: id, campId: CAMP, reason: 'duplicate', version: 2, mergedInto: keptA.snapshot.householdId }, id);
    await publish(fixture.broker, HOUSEHOLD_UPDATED_V1, { household: { ...closedFirst.snapshot, version: 2, status: 'closed', mergedInto: keptA.snapshot.householdId }, changes: ['duplicates', 'status'] }, id);
    const [scheduled] = await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, (data) => data.householdId === keptA.snapshot.householdId);
    expect(scheduled).toMatchObject({ convoyId, destinationArea: RAQQA });
    const [unscheduled] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === id);
    expect(unscheduled).toMatchObject({ convoyId, reason: 'closed' });
    // The kept record's own size (three people) is booked on the same convoy.
    await waitFor('the kept family re-booked at its size', async () => (await seat(keptA)).body.seatUnits === 3);
    expect(await seat(keptA)).toMatchObject({ status: 200, body: { convoyId } });
    expect((await seat(closedFirst)).status).toBe(409);
  });

  it('should move the seat the same way when the closed snapshot arrives before household.closed', async () => {
    const id = snapshotFirst.snapshot.householdId;
    await publish(fixture.broker, HOUSEHOLD_UPDATED_V1, { household: { ...snapshotFirst.snapshot, version: 2, status: 'closed', mergedInto: keptB.snapshot.householdId }, changes: ['duplicates', 'status'] }, id);
    await publish(fixture.broker, HOUSEHOLD_CLOSED_V1, { householdId: id, campId: CAMP, reason: 'duplicate', version: 2, mergedInto: keptB.snapshot.householdId }, id);
    await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, (data) => data.householdId === keptB.snapshot.householdId);
    expect(await seat(keptB)).toMatchObject({ status: 200, body: { convoyId, seatUnits: 2 } });
    expect((await seat(snapshotFirst)).status).toBe(409);
    const unscheduled = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === id);
    expect(unscheduled).toHaveLength(1);
  });

  it('should free the closed record’s seat when the record kept already has one: one family, one seat', async () => {
    const id = alreadySeated.snapshot.householdId;
    await publish(fixture.broker, HOUSEHOLD_CLOSED_V1, { householdId: id, campId: CAMP, reason: 'duplicate', version: 2, mergedInto: seatedKept.snapshot.householdId }, id);
    const [unscheduled] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (data) => data.householdId === id);
    expect(unscheduled).toMatchObject({ reason: 'closed' });
    expect(await seat(seatedKept)).toMatchObject({ status: 200, body: { convoyId, seatUnits: 1 } });
    const live: { n: number }[] = await fixture.dataSource.query(
      `SELECT count(*)::int AS n FROM transport.assignments WHERE household_id = ANY($1) AND status <> 'released'`,
      [[id, seatedKept.snapshot.householdId]],
    );
    expect(live[0]?.n).toBe(1);
  });
});
