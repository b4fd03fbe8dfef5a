// Households for the specs: by default one that every default rule lets through.
import type { AreaState, HouseholdFacts, HouseholdMember } from '../src/index.js';

export const NOW = new Date('2025-06-15T10:00:00Z');
export const AREA_CODE = 'SY020300';
export const OPEN_AREA: AreaState = { code: AREA_CODE, status: 'open' };

export function member(overrides: Partial<HouseholdMember> = {}): HouseholdMember {
  return {
    memberId: 'm-adult',
    isHead: false,
    age: 35,
    sex: 'female',
    needs: [],
    fitToTravel: null,
    hasMedicalClearance: false,
    bestInterestsRef: null,
    hasIdentityDocument: true,
    consent: 'consent',
    ...overrides,
  };
}

export const HEAD = member({ memberId: 'm-head', isHead: true, age: 42, sex: 'male' });
export const SPOUSE = member({ memberId: 'm-spouse', age: 38 });
export const CHILD = member({ memberId: 'm-child', age: 9, consent: null, hasIdentityDocument: false });

export function household(overrides: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    householdId: 'hh-1',
    campId: 'camp-1',
    status: 'registered',
    destinationArea: AREA_CODE,
    // Registered 5 full months before NOW.
    registeredAt: '2025-01-10T08:00:00Z',
    consentPolicy: 'each_adult',
    members: [HEAD, SPOUSE, CHILD],
    unresolvedDuplicateCandidates: 0,
    ...overrides,
  };
}
