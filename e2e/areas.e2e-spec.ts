// Destinations resolved through the area hierarchy in registration, eligibility and transport (issue
// 22 item 1 = issue 14 item 1): a family bound for a community is planned and scheduled, closing the
// district around it holds the family and takes it off its convoy, and a destination no corridor serves
// is flagged where it is entered instead of being told "eligible". Registration, eligibility and
// transport run in this process and talk only through the stream, as in production.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { startInProcess, type InProcessSystem } from './in-process.js';
import { Journey, localDate, type Registered } from './journey.js';

const TABQA_CITY = 'C5901'; // community → SY110200 (sub-district) → SY1102 (district) → SY11 (Ar-Raqqa)
const TABQA_DISTRICT = 'SY1102';
const AL_BAB = 'SY020100'; // Aleppo governorate: no corridor goes there

let system: InProcessSystem;
let journey: Journey;

/** A generated family with a head holding a document and no specific needs: only consent stands in its way. */
function plainFamily(seed: string, destination: string): GeneratedHousehold {
  const found = generateHouseholds(seed, 200, { destinationAreas: [destination], campId: 'mahmoudli-areas' }).find(
    (h) => h.members[0]?.document != null && h.members.every((m) => m.needs.length === 0) && h.members.length >= 2 && h.members.length <= 6,
  );
  if (!found) throw new Error(`no plain family among the generated ones for ${destination}`);
  return found;
}

async function registerEligibleCandidate(seed: string, destination: string, caseNumber: string): Promise<Registered> {
  const registered = await journey.register(plainFamily(seed, destination), { caseNumber });
  await journey.consentAll(registered);
  return registered;
}

beforeAll(async () => {
  system = await startInProcess({ services: ['registration', 'eligibility', 'transport'] });
  journey = await Journey.create(system.urls, 'mahmoudli-areas');
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('a destination resolved through its parents in every service', () => {
  let tabqaFamily: Registered;
  let convoyId: string;

  it('should plan, commit and schedule a family bound for a community', async () => {
    tabqaFamily = await registerEligibleCandidate('areas-community', TABQA_CITY, 'MHM-AREAS-000001');
    expect(tabqaFamily.warnings).toEqual([]);
    const eligible = await journey.waitForAssessment(tabqaFamily.id, 1, (a) => a.status === 'eligible');
    expect(eligible.reasons).toEqual([]);
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 2, ambulances: 0 }, [tomorrow], 'AREAS');
    await journey.waitForPool([tabqaFamily.id]);

    const proposal = await journey.propose({ campId: journey.campId, departureDate: tomorrow, departureTime: '07:00', assemblyPoint: 'Gate 2' });
    expect(proposal.plan.unplaced).toEqual([]);
    expect(proposal.plan.convoys).toEqual([
      expect.objectContaining({ corridorId: 'raqqa-tabqa', destinations: [TABQA_CITY], householdIds: [tabqaFamily.id] }),
    ]);
    const committed = await journey.commit(proposal.planId);
    convoyId = committed.convoys[0]?.convoyId ?? '';
    await journey.confirm(convoyId);
    const scheduled = await waitFor('registration to show the community family scheduled', async () => {
      const view = await journey.household(tabqaFamily.id);
      return view.status === 'scheduled' ? view : undefined;
    });
    expect(scheduled.schedule).toEqual({ convoyId, departureDate: tomorrow });
  });

  it('should hold a family bound for a community when its district closes, and take it off its convoy', async () => {
    expect(convoyId).toBeTruthy();
    await journey.setAreaStatus(TABQA_DISTRICT, 'closed', 'Bridge on the Tabqa road damaged; repairs under way');
    const held = await journey.waitForAssessment(tabqaFamily.id, 1, (a) => a.status === 'pending');
    expect(held.reasons).toEqual([
      expect.objectContaining({ ruleId: 'destination-open', code: 'area_closed', params: { area: TABQA_DISTRICT }, outcome: 'pending' }),
    ]);
    const convoy = await waitFor('transport to take the family off its convoy', async () => {
      const view = await journey.convoy(convoyId);
      return view.households.every((h) => h.householdId !== tabqaFamily.id || h.status === 'released') ? view : undefined;
    });
    expect(convoy.households.filter((h) => h.status !== 'released')).toEqual([]);
    const view = await waitFor('registration to show the family registered again', async () => {
      const h = await journey.household(tabqaFamily.id);
      return h.status === 'registered' ? h : undefined;
    });
    expect(view.schedule).toBeNull();
  });

  it('should flag a destination that no corridor serves where it is entered, and hold it: pending "no road yet", never "eligible"', async () => {
    // Registration learns transport's corridors from the stream.
    await waitFor('registration to know which areas a road serves', async () => {
      const served = new Map((await journey.areas()).map((a) => [a.code, a.served]));
      return served.get(AL_BAB) === false && served.get(TABQA_CITY) === true;
    });
    const aleppoFamily = await registerEligibleCandidate('areas-no-road', AL_BAB, 'MHM-AREAS-000002');
    expect(aleppoFamily.warnings).toEqual(['REGISTRATION.DESTINATION_NOT_SERVED']);
    const assessed = await journey.waitForAssessment(aleppoFamily.id, 1, (a) => !a.reasons.some((r) => r.code === 'consent_missing'));
    expect(assessed.status).toBe('pending');
    expect(assessed.reasons).toEqual([
      expect.objectContaining({ ruleId: 'destination-open', code: 'area_not_served', params: { area: AL_BAB }, outcome: 'pending' }),
    ]);
    expect(assessed.explanation.en).toContain('No convoy route');
    const pool = await journey.pool();
    expect(pool.map((p) => p.householdId)).not.toContain(aleppoFamily.id);
  });
});
