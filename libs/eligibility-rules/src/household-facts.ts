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
  /** Reference of the best-interests determination on file, for a separated child. */
  readonly bestInterestsRef?: string | null;
  /** Set instead of a reference by projections of MemberFactsV1, which carry only a flag. */
  readonly hasBestInterestsDetermination?: boolean;
  readonly hasIdentityDocument: boolean;
  /** null: not asked yet. */
  readonly consent: ConsentAnswer | null;
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
}

export type AreaStatus = 'open' | 'closed' | 'restricted';

/** The current state of the household's destination area. */
export interface AreaState {
  readonly code: string;
  readonly status: AreaStatus;
  /** Why the area is closed or restricted, as the area team wrote it. */
  readonly reason?: string | null;
}

export type OverrideOutcome = 'eligible' | 'ineligible';

/** A supervisor's decision that replaces the rules' outcome for one household. */
export interface EligibilityOverride {
  readonly outcome: OverrideOutcome;
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
}
