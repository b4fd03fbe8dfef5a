// Another family's registration must not pull a scheduled family off its convoy, and "same family"
// keeps one record: registration, eligibility and transport as OS processes (built dist/), driven
// through their HTTP APIs. Run: npm run build && NODE_OPTIONS=--experimental-vm-modules npx jest --selectProjects e2e e2e/duplicates
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem, api, tokenFor } from './harness.js';
import { Journey, localDate, urlsOf, type HouseholdView, type Registered } from './journey.js';

const TABQA = 'SY110200';
const CAMP = 'mahmoudli-e2e-dup';

interface Candidate {
  id: string;
  householdId: string;
  otherHouseholdId: string;
  status: string;
}

let system: AwdaSystem;
let journey: Journey;
let supervisor: string;

beforeAll(async () => {
  system = await AwdaSystem.start({ services: ['registration', 'eligibility', 'transport'] });
  journey = await Journey.create(urlsOf(system), CAMP);
  supervisor = await tokenFor(['supervisor'], [CAMP], `supervisor-${CAMP}`);
}, 90_000);

afterAll(async () => {
  await system?.stop();
});

/** Adults with no specific needs, a phone: a family that becomes eligible once its adults consent. */
function plainFamilies(seed: string): GeneratedHousehold[] {
  return generateHouseholds(seed, 60, { destinationAreas: [TABQA], campId: CAMP }).filter(
    (h) => h.phone !== null && h.members.every((m) => m.needs.length === 0) && h.members.length <= 5,
  );
}

async function seatOf(householdId: string): Promise<{ status: number; body: { convoyId?: string; seatUnits?: number } }> {
  const token = await tokenFor(['logistics'], [CAMP], `logistics-${CAMP}`);
  return api('GET', `${system.url('transport')}/households/${householdId}/seat`, token);
}

async function registration(id: string): Promise<HouseholdView & { registeredAt: string }> {
  return (await journey.household(id)) as HouseholdView & { registeredAt: string };
}

describe('a possible duplicate of a scheduled family', () => {
  let scheduled: Registered;
  let newcomer: Registered;
  let convoyId: string;

  it('should go to a supervisor and leave the family on its convoy, even at boarding', async () => {
    const [first, second] = plainFamilies('dup-e2e');
    scheduled = await journey.register(first!, { caseNumber: 'DUP-E2E-0001' });
    const consented = await journey.consentAll(scheduled);
    await journey.waitForAssessment(scheduled.id, consented?.version ?? 1, (a) => a.status === 'eligible');

    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 40, cargoTrucks: 2, ambulances: 0 }, [tomorrow], 'DUP1');
    await journey.waitForPool([scheduled.id]);
    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '07:00', assemblyPoint: 'Gate 1' });
    convoyId = (await journey.commit(proposal.planId)).convoys[0]!.convoyId;
    await journey.confirm(convoyId);
    await waitFor('registration to show the family scheduled', async () => (await registration(scheduled.id)).status === 'scheduled');
    // Boarding has begun: the head is checked in.
    await journey.checkIn(convoyId, scheduled.id, [scheduled.members[0]!.id]);
    expect((await journey.convoy(convoyId)).status).toBe('boarding');

    // Another family registers with the same phone (phones are shared between families).
    newcomer = await journey.register({ ...second!, phone: first!.phone }, { caseNumber: 'DUP-E2E-0002' });
    const newcomerView = await registration(newcomer.id);
    expect(newcomerView.unresolvedDuplicates).toBe(1);
    const outcome = await journey.consentAll(newcomer);
    // The newcomer waits for the supervisor: only the possible duplicate holds it back.
    await journey.waitForAssessment(newcomer.id, outcome?.version ?? 1, (a) =>
      a.reasons.map((r) => r.code).join() === 'duplicate_unresolved');

    // A later change of the scheduled family travels the same way as the flag did; once transport
    // has re-booked its new size, the flag had its chance to act.
    const before = await seatOf(scheduled.id);
    expect(before.status).toBe(200);
    const current = await registration(scheduled.id);
    // A daughter of eight: one more seat unit (infants ride on a lap).
    const added = await api('POST', `${system.url('registration')}/households/${scheduled.id}/members`, await tokenFor(['caseworker'], [CAMP], 'cw-dup'),
      { fullNameAr: 'سلمى ياسر الحمود', sex: 'female', dateOfBirth: localDate(-8 * 366), relationship: 'daughter' },
      { 'if-match': `"${current.version}"` });
    expect(added.status).toBe(201);
    const after = await waitFor('transport to re-book the family or free its seat', async () => {
      const seat = await seatOf(scheduled.id);
      return seat.status !== 200 || seat.body.seatUnits !== before.body.seatUnits ? seat : undefined;
    });
    expect(after.status).toBe(200);
    expect(after.body.convoyId).toBe(convoyId);
    expect((await registration(scheduled.id)).status).toBe('scheduled');
    expect((await journey.assessment(scheduled.id))?.status).toBe('eligible');
    const queue = (await api<{ items: Candidate[] }>('GET', `${system.url('registration')}/duplicates?campId=${CAMP}`, supervisor)).body;
    expect(queue.items.filter((c) => [c.householdId, c.otherHouseholdId].includes(scheduled.id))).toHaveLength(1);
  });

  it('should keep the record the supervisor names, close the other, and move its seat and registration date', async () => {
    const queue = (await api<{ items: Candidate[] }>('GET', `${system.url('registration')}/duplicates?campId=${CAMP}`, supervisor)).body;
    const candidate = queue.items.find((c) => [c.householdId, c.otherHouseholdId].includes(newcomer.id));
    const decided = await api<{ status: string }>('POST', `${system.url('registration')}/duplicates/${candidate?.id}/resolution`, supervisor, {
      decision: 'same', keepHouseholdId: newcomer.id, reason: 'Same family registered again at the gate',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('same');

    const closed = await registration(scheduled.id);
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'duplicate' });
    // The seat moves to the record kept, on the same convoy, and the family holds one seat.
    const moved = await waitFor('transport to move the seat to the record kept', async () => {
      const seat = await seatOf(newcomer.id);
      return seat.status === 200 ? seat : undefined;
    });
    expect(moved.body.convoyId).toBe(convoyId);
    expect((await seatOf(scheduled.id)).status).toBe(409);
    const convoy = await journey.convoy(convoyId);
    expect(convoy.households.map((h) => h.householdId)).toEqual([newcomer.id]);
    // The kept record waited since the first registration, and is scheduled on the convoy.
    const kept = await waitFor('registration to show the kept record scheduled', async () => {
      const view = await registration(newcomer.id);
      return view.status === 'scheduled' ? view : undefined;
    });
    expect(kept.registeredAt).toBe(closed.registeredAt);
    expect(kept.schedule?.convoyId).toBe(convoyId);
    await journey.waitForAssessment(newcomer.id, 1, (a) => a.status === 'eligible');
  });
});
