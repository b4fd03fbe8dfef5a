// Destinations resolved through the area hierarchy in transport: corridors and convoys name areas at
// any level and reach every place inside them (a community included), transport tells the other
// services its corridors, and the planning pool counts waiting time up to the day it is read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CORRIDORS_PUBLISHED_V1, HOUSEHOLD_ASSESSED_V1 } from '@awda/contracts';
import { waitFor } from '@awda/testing';
import {
  CAMP,
  DATE,
  DEIR,
  LOGISTICS,
  TABQA_CITY,
  addVehicle,
  assessment,
  eventsOn,
  feedEligible,
  household,
  publish,
  startTransport,
  type TransportFixture,
} from './transport-fixture.js';

const DAY = 86_400_000;

describe('destinations resolved through the area hierarchy in transport', () => {
  let fixture: TransportFixture;

  beforeAll(async () => {
    fixture = await startTransport();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('should publish its corridors once, with the areas each one serves', async () => {
    const published = await waitFor('corridors.published on the stream', async () => {
      const events = await eventsOn(fixture.broker, CORRIDORS_PUBLISHED_V1);
      return events.length > 0 ? events : undefined;
    });
    expect(published).toHaveLength(1);
    expect(published[0]?.data.corridors).toEqual([
      { id: 'deir-ez-zor', name: 'Deir ez-Zor road', areaCodes: ['SY09'] },
      { id: 'raqqa-tabqa', name: 'Raqqa / Tabqa road', areaCodes: ['SY11'] },
    ]);
    const corridors = await fixture.http().get('/corridors').set('Authorization', LOGISTICS).expect(200);
    expect(corridors.body).toEqual(published[0]?.data.corridors);
  });

  it('should take a community-bound family on a convoy to its district, and refuse a convoy destination off its corridor', async () => {
    const family = household(TABQA_CITY, [40, 38, 12]);
    await feedEligible(fixture, [family]);
    const created = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '08:00', assemblyPoint: 'Gate 2', destinations: ['SY1102'] })
      .expect(201);
    const convoyId = (created.body as { id: string }).id;
    const bus = await addVehicle(fixture, { type: 'bus', seats: 20 });
    await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId: bus }).expect(201);
    await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS)
      .send({ vehicleId: await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 2 }) }).expect(201);
    await fixture
      .http()
      .post(`/convoys/${convoyId}/assignments`)
      .set('Authorization', LOGISTICS)
      .send({ householdId: family.snapshot.householdId, vehicleId: bus })
      .expect(201);

    const offCorridor = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '09:00', assemblyPoint: 'Gate 2', destinations: [DEIR] })
      .expect(422);
    expect(offCorridor.body).toMatchObject({ code: 'TRANSPORT.DESTINATION_OFF_CORRIDOR' });
  });

  it('should rank the pool with waiting time counted to today from the priority basis', async () => {
    const now = Date.now();
    const longAgo = household(DEIR, [50], { priority: 0 });
    const recent = household(DEIR, [50], { priority: 2 });
    await feedEligible(fixture, [longAgo, recent]);
    // Assessed on the day each registered: 0 and 2 months then; basis says 0 points of needs each.
    const basis = (registeredDaysAgo: number) => ({
      needPoints: 0,
      waitingSince: new Date(now - registeredDaysAgo * DAY).toISOString(),
      pointsPerWaitingMonth: 1,
      maxWaitingMonths: 24,
    });
    for (const [test, days] of [[longAgo, 400], [recent, 70]] as const) {
      test.assessmentVersion = 2;
      await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, { ...assessment(test), priorityBasis: basis(days) }, test.snapshot.householdId);
    }
    const pool = await waitFor('the pool ranked by waiting time', async () => {
      const res = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
      const list = res.body as { householdId: string; priority: number }[];
      const long = list.find((p) => p.householdId === longAgo.snapshot.householdId);
      return long && long.priority > 0 ? list : undefined;
    });
    const ids = pool.map((p) => p.householdId);
    expect(ids.indexOf(longAgo.snapshot.householdId)).toBeLessThan(ids.indexOf(recent.snapshot.householdId));
    expect(pool.find((p) => p.householdId === longAgo.snapshot.householdId)?.priority).toBeGreaterThanOrEqual(13);
  });
});
