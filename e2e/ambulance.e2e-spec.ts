// Ambulances that are used (issue 14 item 11): the medical clearance states how a member with a serious
// medical condition travels, eligibility accepts any stated mode, and the plan books a stretcher or a
// seated ambulance place in the family's own convoy. Registration, eligibility and transport run in
// this process and talk only through the stream, as in production.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHouseholds, type GeneratedHousehold } from '@awda/testing';
import { startInProcess, type InProcessSystem } from './in-process.js';
import { Journey, localDate, type RegisterOptions } from './journey.js';

const TABQA = 'SY110200';
const CAMP = 'mahmoudli-ambulance';

let system: InProcessSystem;
let journey: Journey;

/** A generated family of 3–6 whose head holds a document; its second member has a serious medical condition. */
function familyWithPatient(seed: string): GeneratedHousehold {
  const found = generateHouseholds(seed, 200, { destinationAreas: [TABQA], campId: CAMP }).find(
    (h) => h.members[0]?.document != null && h.members.every((m) => m.needs.length === 0) && h.members.length >= 3 && h.members.length <= 6,
  );
  if (!found) throw new Error('no plain family among the generated ones');
  return { ...found, members: found.members.map((m, i) => (i === 1 ? { ...m, needs: ['SMC'] } : m)) };
}

async function registerEligible(seed: string, caseNumber: string, travelMode: RegisterOptions['travelMode']) {
  const registered = await journey.register(familyWithPatient(seed), { caseNumber, travelMode });
  await journey.consentAll(registered);
  const assessment = await journey.waitForAssessment(registered.id, 1, (a) => a.status === 'eligible');
  expect(assessment.reasons).toEqual([]);
  return registered;
}

beforeAll(async () => {
  system = await startInProcess({ services: ['registration', 'eligibility', 'transport'] });
  journey = await Journey.create(system.urls, CAMP);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('a medical clearance that says how the person travels', () => {
  it('should make a stretcher case and a seated case eligible and plan them an ambulance place in their family convoy', async () => {
    const stretcherFamily = await registerEligible('ambulance-stretcher', 'MHM-AMB-000001', 'stretcher');
    const seatedFamily = await registerEligible('ambulance-seated', 'MHM-AMB-000002', 'ambulance_seated');
    const patientOf = (family: typeof stretcherFamily) => family.members.find((m) => m.needs.includes('SMC'));
    expect(patientOf(stretcherFamily)).toMatchObject({ hasMedicalClearance: true, travelMode: 'stretcher' });

    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 2, ambulances: 1, stretcherPlaces: 1, seatedPlaces: 2 }, [tomorrow], 'AMB');
    const pool = await journey.waitForPool([stretcherFamily.id, seatedFamily.id]);
    const needs = (id: string) => pool.find((p) => p.householdId === id) as unknown as Record<string, number>;
    expect(needs(stretcherFamily.id)).toMatchObject({ ambulancePlaces: 1, ambulanceSeats: 0, seatUnits: stretcherFamily.members.length - 1 });
    expect(needs(seatedFamily.id)).toMatchObject({ ambulancePlaces: 0, ambulanceSeats: 1 });

    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '07:00', assemblyPoint: 'Gate 2' });
    expect(proposal.plan.unplaced).toEqual([]);
    const convoy = proposal.plan.convoys[0];
    expect(proposal.plan.convoys).toHaveLength(1);
    expect(convoy?.householdIds).toEqual([stretcherFamily.id, seatedFamily.id].sort());
    expect(convoy?.ambulances).toEqual([
      expect.objectContaining({
        stretcherPlaces: 1,
        seatedPlaces: 2,
        places: 1,
        seats: 1,
        households: expect.arrayContaining([
          { householdId: stretcherFamily.id, places: 1, seats: 0 },
          { householdId: seatedFamily.id, places: 0, seats: 1 },
        ]),
      }),
    ]);

    const committed = await journey.commit(proposal.planId);
    const view = await journey.convoy(committed.convoys[0]?.convoyId ?? '');
    const ambulanceRows = view.vehicles.filter((v) => v.type === 'ambulance').map((v) => [v.kind, v.capacity, v.used]);
    expect(ambulanceRows.sort()).toEqual([
      ['ambulance_seats', 2, 1],
      ['stretcher', 1, 1],
    ]);
  });

  it('should leave a family out with NO_AMBULANCE_PLACE, not split it, when the ambulances are taken', async () => {
    const late = await registerEligible('ambulance-late', 'MHM-AMB-000003', 'stretcher');
    const dayAfter = localDate(2);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 1, ambulances: 0 }, [dayAfter], 'AMBNONE');
    await journey.waitForPool([late.id]);
    const proposal = await journey.propose({ campId: CAMP, departureDate: dayAfter, departureTime: '07:00', assemblyPoint: 'Gate 2' });
    expect(proposal.plan.convoys).toEqual([]);
    expect(proposal.plan.unplaced).toEqual([
      { householdId: late.id, reason: expect.objectContaining({ code: 'NO_AMBULANCE_PLACE' }) },
    ]);
  });
});
