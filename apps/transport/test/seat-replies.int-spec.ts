import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import { waitFor } from '@awda/testing';
import { HOUSEHOLD_SCHEDULED_V1, HOUSEHOLD_UNSCHEDULED_V1, SEAT_CONFIRMED_V1, SEAT_DECLINED_V1, SEAT_UNANSWERED_V1 } from '@awda/contracts';
import {
  CAMP,
  DATE,
  DEIR,
  LOGISTICS,
  OTHER_CAMP,
  RAQQA,
  SUPERVISOR,
  addVehicle,
  eventsOn,
  feedEligible,
  household,
  publish,
  startTransport,
  waitForEvents,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

interface SeatView {
  convoyId: string;
  seatConfirmedAt: string | null;
  confirmationFlag: string | null;
}

describe('seats confirmed, given up or left unanswered by SMS reply', () => {
  let fixture: TransportFixture;
  let convoyId: string;
  let declining: TestHousehold;
  let confirming: TestHousehold;
  let tooLarge: TestHousehold;
  let fits: TestHousehold;
  let elsewhere: TestHousehold;

  beforeAll(async () => {
    fixture = await startTransport();
    // One 6-seat bus: two families of 3 fill it.
    const bus = await addVehicle(fixture, { type: 'bus', seats: 6 });
    const truck = await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 20 });
    const res = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2', destinations: ['SY11'] })
      .expect(201);
    convoyId = (res.body as { id: string }).id;
    for (const vehicleId of [bus, truck]) await fixture.http().post(`/convoys/${convoyId}/vehicles`).set('Authorization', LOGISTICS).send({ vehicleId }).expect(201);
    declining = household(RAQQA, [40, 38, 10]);
    confirming = household(RAQQA, [50, 45, 20]);
    // Waiting: the highest priority goes elsewhere, then a family of 5 (too large for 3 seats), then one of 2.
    elsewhere = household(DEIR, [30, 28], { priority: 9 });
    tooLarge = household(RAQQA, [60, 55, 30, 25, 20], { priority: 8 });
    fits = household(RAQQA, [33, 31], { priority: 7 });
    await feedEligible(fixture, [declining, confirming, elsewhere, tooLarge, fits]);
    for (const h of [declining, confirming]) {
      await fixture.http().post(`/convoys/${convoyId}/assignments`).set('Authorization', LOGISTICS).send({ householdId: h.snapshot.householdId }).expect(201);
    }
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
  });

  const seat = async (h: TestHousehold, expected = 200) =>
    (await fixture.http().get(`/households/${h.snapshot.householdId}/seat`).set('Authorization', SUPERVISOR).expect(expected)).body as SeatView;
  const reply = (h: TestHousehold) => ({ householdId: h.snapshot.householdId, campId: CAMP, convoyId, conversationId: uuidv7(), at: new Date().toISOString() });

  it('should record a seat confirmed by reply', async () => {
    await publish(fixture.broker, SEAT_CONFIRMED_V1, reply(confirming), confirming.snapshot.householdId);
    const view = await waitFor('the confirmation', async () => ((await seat(confirming)).seatConfirmedAt ? seat(confirming) : undefined));
    expect(view.confirmationFlag).toBeNull();
  });

  it('should release a seat given up by reply, mark the date declined, and give it to the next waiting family of the destination that fits whole', async () => {
    await publish(fixture.broker, SEAT_DECLINED_V1, reply(declining), declining.snapshot.householdId);
    const [unscheduled] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (e) => e.householdId === declining.snapshot.householdId);
    expect(unscheduled?.reason).toBe('declined_date');
    const [scheduled] = await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, (e) => e.householdId === fits.snapshot.householdId);
    expect(scheduled?.convoyId).toBe(convoyId);
    await seat(declining, 409);
    await seat(tooLarge, 409);
    await seat(elsewhere, 409);
    const declined: { departure_date: string }[] = await fixture.dataSource.query(
      `SELECT departure_date::text FROM transport.declined_dates WHERE household_id = $1`,
      [declining.snapshot.householdId],
    );
    expect(declined).toEqual([{ departure_date: DATE }]);
    // Not a withdrawal: still eligible, in the pool for another date.
    const pool = await fixture.http().get(`/pool?campId=${CAMP}`).set('Authorization', LOGISTICS).expect(200);
    expect((pool.body as { householdId: string }[]).map((h) => h.householdId)).toContain(declining.snapshot.householdId);
  });

  it('should keep and flag an unanswered seat by default, and release it when logistics chose release for the convoy', async () => {
    await publish(fixture.broker, SEAT_UNANSWERED_V1, reply(fits), fits.snapshot.householdId);
    await waitFor('the flag', async () => ((await seat(fits)).confirmationFlag === 'unanswered' ? true : undefined));
    // A confirmed seat is never released for silence.
    await publish(fixture.broker, SEAT_UNANSWERED_V1, reply(confirming), confirming.snapshot.householdId);

    await fixture.http().put(`/convoys/${convoyId}/no-answer-policy`).set('Authorization', LOGISTICS).send({ policy: 'drop' }).expect(400);
    await fixture.http().put(`/convoys/${convoyId}/no-answer-policy`).set('Authorization', OTHER_CAMP).send({ policy: 'release' }).expect(404);
    await fixture.http().put(`/convoys/${convoyId}/no-answer-policy`).set('Authorization', SUPERVISOR).send({ policy: 'release' }).expect(403);
    const set = await fixture.http().put(`/convoys/${convoyId}/no-answer-policy`).set('Authorization', LOGISTICS).send({ policy: 'release' }).expect(200);
    expect(set.body).toEqual({ convoyId, noAnswerPolicy: 'release' });

    await publish(fixture.broker, SEAT_UNANSWERED_V1, reply(fits), fits.snapshot.householdId);
    const [released] = await waitForEvents(fixture.broker, HOUSEHOLD_UNSCHEDULED_V1, (e) => e.householdId === fits.snapshot.householdId);
    expect(released?.reason).toBe('unanswered');
    expect((await seat(confirming)).seatConfirmedAt).not.toBeNull();
    // The declining family is not offered this date again; the family of 5 still does not fit in 3 seats.
    const scheduled = (await eventsOn(fixture.broker, HOUSEHOLD_SCHEDULED_V1)).map((e) => e.data.householdId);
    expect(scheduled.filter((id) => id === declining.snapshot.householdId)).toHaveLength(1);
    expect(scheduled).not.toContain(tooLarge.snapshot.householdId);
  });
});
