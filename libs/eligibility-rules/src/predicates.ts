// The built-in predicates a rule can name. Each one reads household facts and says pass, or fail
// with a reason code and counts; the sentences are rendered in reason-messages.ts.
import type { AreaState, HouseholdFacts, HouseholdMember } from './household-facts.js';
import type { ParamSchema } from './param-schema.js';
import type { ReasonCode, ReasonParams } from './reason-messages.js';
import { DEFAULT_ADULT_AGE, type PredicateName, type PredicateParams } from './rule-set.js';

export type PredicateVerdict =
  | { readonly passed: true }
  | { readonly passed: false; readonly code: ReasonCode; readonly params: ReasonParams };

/** Settings of the deployment that override a rule's parameters (see EvaluationContext.adultAge). */
export interface PredicateSettings {
  readonly adultAge?: number;
}

export interface PredicateDefinition<P extends PredicateName> {
  /** What `params` may hold; checked by validateRuleSet. */
  readonly params: ParamSchema;
  check(facts: HouseholdFacts, params: PredicateParams[P], area: AreaState, settings?: PredicateSettings): PredicateVerdict;
}

const PASSED: PredicateVerdict = { passed: true };
const NO_PARAMS: ReasonParams = {};
const ADULT_AGE: ParamSchema = { adultAge: { kind: 'integer', min: 1, max: 120, optional: true } };

function failed(code: ReasonCode, params: ReasonParams = NO_PARAMS): PredicateVerdict {
  return { passed: false, code, params };
}

function failedWithCount(code: ReasonCode, count: number): PredicateVerdict {
  return count === 0 ? PASSED : failed(code, { count });
}

function allAdultsConsented(facts: HouseholdFacts, adultAge: number): PredicateVerdict {
  const adults = facts.members.filter((member) => member.age >= adultAge);
  // Return is voluntary: a refusal counts from any adult, and from the head whatever the head's age.
  const declined = facts.members.filter((member) => member.consent === 'decline' && (member.age >= adultAge || member.isHead)).length;
  // Nobody on record who could consent: one consent is missing.
  if (facts.members.length === 0) return failed('consent_missing', { count: 1 });
  if (adults.length === 0) {
    // A child-headed household: a minor's own answer is not consent; a guardian's consent or a
    // best-interests decision is (registration records them; it refuses a minor's consent).
    const guardian = facts.guardianConsent ?? null;
    if (declined > 0 || guardian?.decision === 'decline') return failed('consent_declined', { count: Math.max(1, declined) });
    return guardian?.decision === 'consent' ? PASSED : failed('guardian_consent_missing');
  }
  // Under head-only the head consents for the household, but only an adult head can: with a minor
  // head every adult is asked, as under each-adult.
  const adultHead = adults.find((member) => member.isHead);
  const asked = facts.consentPolicy === 'head_only' && adultHead !== undefined ? [adultHead] : adults;
  // A withdrawal is not counted here: not_withdrawn reports it, with its own code.
  const missing = asked.filter((member) => member.consent === null).length;
  if (declined > 0) return failed('consent_declined', { count: declined });
  return failedWithCount('consent_missing', missing);
}

// An unknown code is never taken as open; a closure anywhere above the destination closes it; an open
// destination no convoy can reach still cannot be travelled to.
function destinationOpen(area: AreaState): PredicateVerdict {
  if (area.known === false) return failed('area_unknown', { area: area.code });
  const where = area.decidedBy ?? area.code;
  switch (area.status) {
    case 'closed':
      return failed('area_closed', { area: where });
    case 'restricted':
      return failed('area_restricted', area.reason ? { area: where, reason: area.reason } : { area: where });
    case 'open':
      return area.served === false ? failed('area_not_served', { area: area.code }) : PASSED;
  }
}

function headHasIdentityDocument(facts: HouseholdFacts): PredicateVerdict {
  let heads = 0;
  for (const member of facts.members) {
    if (!member.isHead) continue;
    heads += 1;
    if (!member.hasIdentityDocument) return failed('head_document_missing');
  }
  return heads === 0 ? failed('head_document_missing') : PASSED;
}

function hasAnyNeed(member: HouseholdMember, codes: readonly string[]): boolean {
  for (const need of member.needs) if (codes.includes(need)) return true;
  return false;
}

const DEFAULT_CLEARANCE_NEEDS: readonly string[] = ['SMC'];

/**
 * A member with one of the needs (or assessed unfit to travel) needs a clearance that states how they
 * travel (bus, bus with a companion, seated in an ambulance, on a stretcher): any stated mode passes,
 * since transport books the place it names. Without a clearance: medical_clearance_missing, counting
 * the incomplete ones too; with clearances that state no mode only: travel_mode_missing.
 */
function medicalClearance(facts: HouseholdFacts, needCodes: readonly string[]): PredicateVerdict {
  let uncleared = 0;
  let withoutMode = 0;
  for (const member of facts.members) {
    // Anyone assessed unfit needs a clearance too, whatever their recorded needs.
    const needsClearance = member.fitToTravel === false || hasAnyNeed(member, needCodes);
    if (!needsClearance) continue;
    if (!member.hasMedicalClearance) uncleared += 1;
    else if (member.travelMode === null || member.travelMode === undefined) withoutMode += 1;
  }
  if (uncleared > 0) return failed('medical_clearance_missing', { count: uncleared + withoutMode });
  return failedWithCount('travel_mode_missing', withoutMode);
}

function separatedChildBid(facts: HouseholdFacts, adultAge: number): PredicateVerdict {
  let withoutBid = 0;
  for (const member of facts.members) {
    if (member.age >= adultAge || !member.needs.includes('UASC')) continue;
    const reference = member.bestInterestsRef?.trim() ?? '';
    if (reference === '' && member.hasBestInterestsDetermination !== true) withoutBid += 1;
  }
  return failedWithCount('bid_missing', withoutBid);
}

function notWithdrawn(facts: HouseholdFacts): PredicateVerdict {
  if (facts.status === 'withdrawn') return failed('withdrawn');
  for (const member of facts.members) if (member.consent === 'withdraw') return failed('withdrawn');
  if (facts.guardianConsent?.decision === 'withdraw') return failed('withdrawn');
  return PASSED;
}

/** The predicates a rule set may name, with the parameters each accepts. */
export const BUILT_IN_PREDICATES: { readonly [P in PredicateName]: PredicateDefinition<P> } = {
  all_adults_consented: {
    params: ADULT_AGE,
    check: (facts, params, _area, settings) => allAdultsConsented(facts, settings?.adultAge ?? params.adultAge ?? DEFAULT_ADULT_AGE),
  },
  destination_open: { params: {}, check: (_facts, _params, area) => destinationOpen(area) },
  head_has_identity_document: { params: {}, check: (facts) => headHasIdentityDocument(facts) },
  no_unresolved_duplicates: {
    params: {},
    // A possible duplicate found once a family is scheduled goes to a supervisor: it does not take the
    // family off its convoy by itself ("same family" moves the seat to the record kept).
    check: (facts) =>
      facts.status === 'scheduled' ? PASSED : failedWithCount('duplicate_unresolved', Math.max(0, facts.unresolvedDuplicateCandidates)),
  },
  medical_clearance: {
    params: { needCodes: { kind: 'needCodes', optional: true } },
    check: (facts, params) => medicalClearance(facts, params.needCodes ?? DEFAULT_CLEARANCE_NEEDS),
  },
  separated_child_bid: {
    params: ADULT_AGE,
    check: (facts, params, _area, settings) => separatedChildBid(facts, settings?.adultAge ?? params.adultAge ?? DEFAULT_ADULT_AGE),
  },
  not_withdrawn: { params: {}, check: (facts) => notWithdrawn(facts) },
};

export function isPredicateName(value: unknown): value is PredicateName {
  return typeof value === 'string' && Object.hasOwn(BUILT_IN_PREDICATES, value);
}
