import { ConflictError, DomainError, NotFoundError } from '@awda/bootstrap';

export const overrideNotFound = (): NotFoundError =>
  new NotFoundError('ELIGIBILITY.OVERRIDE_NOT_FOUND', 'No override with this id in your camps');
export const overrideAlreadyRevoked = (): ConflictError =>
  new ConflictError('ELIGIBILITY.OVERRIDE_ALREADY_REVOKED', 'This override was already revoked or replaced');
export const overrideExpiryPast = (): DomainError =>
  new DomainError('ELIGIBILITY.OVERRIDE_EXPIRY_PAST', 'The expiry date must be in the future', 422);
export const householdNotAssessable = (): ConflictError =>
  new ConflictError(
    'ELIGIBILITY.HOUSEHOLD_NOT_ASSESSABLE',
    'This household has left the camp process or its registration has not reached eligibility yet',
  );
export const overrideRuleUnknown = (ruleIds: readonly string[]): DomainError =>
  new DomainError(
    'ELIGIBILITY.OVERRIDE_RULE_UNKNOWN',
    `The active rule set has no rule ${ruleIds.join(', ')}; name rules by the ids the assessment shows`,
    422,
    { ruleIds },
  );
export const overrideRuleNotWaivable = (ruleIds: readonly string[]): DomainError =>
  new DomainError(
    'ELIGIBILITY.OVERRIDE_RULE_NOT_WAIVABLE',
    `An override never waives consent, a withdrawal or the destination area (closed, restricted, unknown or without a road): ${ruleIds.join(', ')}`,
    422,
    { ruleIds },
  );
export const overrideNothingToWaive = (): DomainError =>
  new DomainError(
    'ELIGIBILITY.OVERRIDE_NOTHING_TO_WAIVE',
    'Nothing an override may waive is holding this household back: consent, withdrawal and the destination area cannot be overridden',
    422,
  );
export const overrideWaivesIneligible = (): DomainError =>
  new DomainError('ELIGIBILITY.OVERRIDE_WAIVES_INELIGIBLE', 'An "ineligible" override stops the household; it waives no rule, so leave out "waives"', 422);
export const overrideExpiryTooLate = (maxDays: number, latest: Date): DomainError =>
  new DomainError(
    'ELIGIBILITY.OVERRIDE_EXPIRY_TOO_LATE',
    `An override may last at most ${maxDays} days: choose an expiry on or before ${latest.toISOString().slice(0, 10)}, and renew it if still needed`,
    422,
    { maxDays, latest: latest.toISOString() },
  );
