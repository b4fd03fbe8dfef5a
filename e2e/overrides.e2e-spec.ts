// An "eligible" override waives only what it names and never consent or an area closure (issue 22
// item 5). Granted for a lost identity document, it must not carry the family through an adult's
// later decline (no longer a voluntary return) or a closure of its area: eligibility holds the family
// and transport takes it off its convoy. Overrides expire by default. Registration, eligibility and
// transport run in this process.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { startInProcess, type InProcessSystem } from './in-process.js';
import { Journey, localDate, type Registered } from './journey.js';

const CAMP = 'mahmoudli-overrides';
const TABQA = 'SY110200';
const KARAMA = 'SY110001'; // in the Ar-Raqqa district SY1100, closed below
const DAY = 86_400_000;

let system: InProcessSystem;
let journey: Journey;

interface OverrideView {
  id: string;
  outcome: string;
  waives: string[];
  expiresAt: string | null;
}

/** A family with two adults or more and no specific needs whose head has lost his identity document. */
function familyWithoutHeadDocument(seed: string, destination: string): GeneratedHousehold {
  const found = generateHouseholds(seed, 300, { destinationAreas: [destination], campId: CAMP }).find(
    (h) =>
      h.members.every((m) => m.needs.length === 0) &&
      h.members.length >= 3 &&
      h.members.length <= 6 &&
      h.members.filter((m) => m.dateOfBirth <= localDate(-19 * 366)).length >= 2,
  );
  if (!found) throw new Error('no suitable generated family');
  return { ...found, members: found.members.map((m, i) => (i === 0 ? { ...m, document: null } : m)) };
}

async function overriddenFamily(seed: string, destination: string, caseNumber: string): Promise<{ family: Registered; override: OverrideView }> {
  const family = await journey.register(familyWithoutHeadDocument(seed, destination), { caseNumber });
  await journey.consentAll(family);
  const pending = await journey.waitForAssessment(family.id, 1, (a) => a.reasons.every((r) => r.code !== 'consent_missing'));
  expect(pending.reasons.map((r) => r.code)).toEqual(['head_document_missing']);
  const override = await journey.call<OverrideView>('supervisor', 'eligibility', 'POST', `/households/${family.id}/overrides`, {
    outcome: 'eligible',
    reason: 'Identity card lost in the camp fire; replacement requested from the civil registry',
  });
  await journey.waitForAssessment(family.id, 1, (a) => a.status === 'eligible');
  return { family, override };
}

beforeAll(async () => {
  system = await startInProcess({ services: ['registration', 'eligibility', 'transport'] });
  journey = await Journey.create(system.urls, CAMP);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('an eligible override across eligibility and transport', () => {
  let declining: { family: Registered; override: OverrideView };
  let closedArea: { family: Registered; override: OverrideView };
  let convoyIds: string[];

  it('should schedule families whose missing identity document a supervisor waived', async () => {
    declining = await overriddenFamily('override-decline', TABQA, 'MHM-OVR-000001');
    closedArea = await overriddenFamily('override-closure', KARAMA, 'MHM-OVR-000002');
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 3, ambulances: 0 }, [tomorrow], 'OVR');
    await journey.waitForPool([declining.family.id, closedArea.family.id]);
    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '07:00', assemblyPoint: 'Gate 2' });
    expect(new Set(proposal.plan.convoys.flatMap((c) => c.householdIds))).toEqual(new Set([declining.family.id, closedArea.family.id]));
    convoyIds = (await journey.commit(proposal.planId)).convoys.map((c) => c.convoyId);
    for (const id of convoyIds) await journey.confirm(id);
  });

  const seatOf = async (householdId: string): Promise<string | undefined> => {
    for (const id of convoyIds) {
      const convoy = await journey.convoy(id);
      const seat = convoy.households.find((h) => h.householdId === householdId && h.status !== 'released');
      if (seat) return id;
    }
    return undefined;
  };

  it('should not waive an adult declining to return: the family is held and taken off its convoy', async () => {
    expect(await seatOf(declining.family.id)).toBeDefined();
    const outcome = await journey.decide(declining.family.id, declining.family.adults[1]?.id ?? '', 'decline');
    const held = await journey.waitForAssessment(declining.family.id, outcome.version, (a) => a.status !== 'eligible');
    expect(held.status).toBe('pending');
    expect(held.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['consent_declined']));
    await waitFor('transport to take the declining family off its convoy', async () => (await seatOf(declining.family.id)) === undefined);
  });

  it('should not waive a closure of the area around the destination: the family is held and taken off its convoy', async () => {
    expect(await seatOf(closedArea.family.id)).toBeDefined();
    await journey.setAreaStatus('SY1100', 'closed', 'Flooding on the Raqqa road; families are told when it reopens');
    const held = await journey.waitForAssessment(closedArea.family.id, 1, (a) => a.status !== 'eligible');
    expect(held.status).toBe('pending');
    expect(held.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['area_closed']));
    await waitFor('transport to take the family off its convoy', async () => (await seatOf(closedArea.family.id)) === undefined);
  });

  it('should say what an override waives and let it expire by default, a longer expiry only up to the cap', async () => {
    expect(declining.override.waives).toEqual(['head-identity-document']);
    const lifetime = new Date(declining.override.expiresAt ?? 0).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(29 * DAY);
    expect(lifetime).toBeLessThanOrEqual(30 * DAY);
    const tooLong = new Date(Date.now() + 400 * DAY).toISOString();
    const refused = await journey.call<{ code: string }>(
      'supervisor',
      'eligibility',
      'POST',
      `/households/${closedArea.family.id}/overrides`,
      { outcome: 'eligible', reason: 'Waiting for the civil registry', waives: ['head-identity-document'], expiresAt: tooLong },
      { expect: [422] },
    );
    expect(refused.code).toBe('ELIGIBILITY.OVERRIDE_EXPIRY_TOO_LATE');
    const consent = await journey.call<{ code: string }>(
      'supervisor',
      'eligibility',
      'POST',
      `/households/${closedArea.family.id}/overrides`,
      { outcome: 'eligible', reason: 'Family says it agrees', waives: ['consent', 'destination-open'] },
      { expect: [422] },
    );
    expect(consent.code).toBe('ELIGIBILITY.OVERRIDE_RULE_NOT_WAIVABLE');
  });
});
