import { ConflictError, DomainError, NotFoundError } from '@awda/bootstrap';
import type { RuleSetError } from '@awda/eligibility-rules';

export function ruleSetInvalid(errors: readonly RuleSetError[]): DomainError {
  return new DomainError('ELIGIBILITY.RULESET_INVALID', 'The rule set has problems; each is listed with where it is', 422, {
    errors,
  });
}

export function ruleSetNotFound(version: number): NotFoundError {
  return new NotFoundError('ELIGIBILITY.RULESET_NOT_FOUND', `There is no rule set version ${version}`);
}

export function ruleSetVersionTaken(): ConflictError {
  return new ConflictError('ELIGIBILITY.RULESET_VERSION_TAKEN', 'Another rule set was saved at the same moment; try again');
}
