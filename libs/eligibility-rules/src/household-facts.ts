// What the eligibility service keeps in its projection of a household, and the context a decision
// is taken in. The rules read only these facts, never names or documents.

export const HOUSEHOLD_STATUSES = ['registered', 'scheduled', 'departed', 'withdrawn', 'closed'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const CONSENT_POLICIES = ['each_adult', 'head_only'] as const;
/** Set per camp: every adult consents for themselves, or the head consents for the household. */
export type ConsentPolicy = (typeof CONSENT_POLICIES)[number];

export type ConsentAnswer = 'consent' | 'decline' | 'withdraw';

/**
 * Specific-needs codes: serious medical condition, disability, older person at risk, unaccompanied or
 * separated child, pregnant or lactating woman, woman at risk.
 */
export const SPECIFIC_NEED_CODES = ['SMC', 'DIS', 'ER', 'UASC', 'PLW', 'WR'] as const;
export type SpecificNeedCode = (typeof SPECIFIC_NEED_CODES)[number];

export function isSpecificNeedCode(value: unknown): value is SpecificNeedCode {
  return typeof value === 'string' && (SPECIFIC_NEED_CODES as readonly string[]).includes(value);
}

export interface HouseholdMember {
  readonly memberId: string;
  readonly isHead: boolean;
  readonly age: number;
  readonly sex: 'female' | 'male';
  /** Specific-needs codes; codes outside SPECIFIC_NEED_CODES are kept but weigh nothing by default. */
  readonly needs: readonly string[];
  /** null: not assessed yet. */
  readonly fitToTravel: boolean | null;
  readonly hasMedicalClearance: boolean;
  /**
   * How the clearance says the member can travel: bus, bus_with_companion, ambulance_seated, stretcher.
   * null or absent: not stated (clearances recorded before travel modes existed state none).
   */
  readonly travelMode?: string | null;
  /** Reference of the best-interests determination on file, for a separated child. */
  readonly bestInterestsRef?: string | null;
  /** Set instead of a reference by projections of MemberFactsV1, which carry only a flag. */
  readonly hasBestInterestsDetermination?: boolean;
  readonly hasIdentityDocument: boolean;
  /** null: not asked yet. */
  readonly consent: ConsentAnswer | null;
}

/** Who consented for a household with no adult: a guardian, or staff by a best-interests decision. */
export interface GuardianConsent {
  readonly basis: 'guardian' | 'best_interests';
  readonly decision: ConsentAnswer;
}

export interface HouseholdFacts {
  readonly householdId: string;
  readonly campId: string;
  readonly status: HouseholdStatus;
  /** Area code of the destination, e.g. a sub-district p-code. */
  readonly destinationArea: string;
  /** ISO 8601 timestamp. */
  readonly registeredAt: string;
  readonly consentPolicy: ConsentPolicy;
  readonly members: readonly HouseholdMember[];
  readonly unresolvedDuplicateCandidates: number;
  /** The latest guardian consent or best-interests decision for a household with no adult; null or absent: none. */
  readonly guardianConsent?: GuardianConsent | null;
}

export type AreaStatus = 'open' | 'closed' | 'restricted';

/**
 * The state of the household's destination resolved through the area hierarchy: the strictest status
 * set on the destination or any area above it, whether the destination is a known area at all, and
 * whether any road corridor reaches it.
 */
export interface AreaState {
  /** The destination's own code. */
  readonly code: string;
  /** The strictest status on the destination's chain (closed over restricted over open). */
  readonly status: AreaStatus;
  /** Why the area is closed or restricted, as the area team wrote it. */
  readonly reason?: string | null;
  /** The area on the chain that sets `status` (the destination or a parent); default `code`. */
  readonly decidedBy?: string;
  /** false: the code is in no area list this service has received (a typo, or a list not yet received); never open. Default true. */
  readonly known?: boolean;
  /** false: no corridor serves the destination or any area above it, so no convoy can take the family. Default true. */
  readonly served?: boolean;
}

export type OverrideOutcome = 'eligible' | 'ineligible';

/**
 * A supervisor's decision for one household. `ineligible` stops the household whatever the rules say;
 * `eligible` waives the failures of the rules it names, and only of rules that may be waived (never
 * consent, withdrawal or the destination's state: see UNWAIVABLE_PREDICATES); every other rule still decides.
 */
export interface EligibilityOverride {
  readonly outcome: OverrideOutcome;
  /** Rule ids an `eligible` override waives; ignored for `ineligible`. */
  readonly waives: readonly string[];
  readonly reason: string;
  /** Who decided: a staff identifier. */
  readonly by: string;
  /** ISO 8601; the override no longer applies from this instant on. */
  readonly expiresAt?: string | null;
}

export interface EvaluationContext {
  readonly area: AreaState;
  readonly now: Date;
  readonly override?: EligibilityOverride | null;
  /**
   * The deployment's adult age (ADULT_AGE, the setting registration also reads): when given it wins
   * over a rule's own adultAge, so the two services never disagree about who may consent.
   */
  readonly adultAge?: number;
}
