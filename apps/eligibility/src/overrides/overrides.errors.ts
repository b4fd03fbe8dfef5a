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
