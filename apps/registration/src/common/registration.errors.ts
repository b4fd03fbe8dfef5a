import { ConflictError, DomainError, NotFoundError } from '@awda/bootstrap';

export function householdNotFound(): NotFoundError {
  return new NotFoundError('REGISTRATION.HOUSEHOLD_NOT_FOUND', 'No household with this id in your camps');
}

export function memberNotFound(): NotFoundError {
  return new NotFoundError('REGISTRATION.MEMBER_NOT_FOUND', 'No member with this id in this household');
}

export function caseNumberTaken(caseNumber: string): ConflictError {
  return new ConflictError('REGISTRATION.CASE_NUMBER_TAKEN', `Case number ${caseNumber} is already used in this camp`);
}

export function campNotAllowed(): DomainError {
  return new DomainError('REGISTRATION.CAMP_NOT_ALLOWED', 'Your account does not give you access to this camp', 403);
}

export function versionRequired(): DomainError {
  return new DomainError(
    'REGISTRATION.VERSION_REQUIRED',
    'Send the household version you last saw in the If-Match header, so that no one else’s change is overwritten',
    428,
  );
}

export function versionMismatch(current: number): DomainError {
  return new DomainError(
    'REGISTRATION.VERSION_CONFLICT',
    `Someone changed this household since you opened it (it is now at version ${current}); reload it and apply your change again`,
    412,
    { currentVersion: current },
  );
}

export function unknownArea(field: string, code: string): DomainError {
  return new DomainError('REGISTRATION.UNKNOWN_AREA', `${field}: ${code} is not in the list of destination areas`, 422, { field });
}

export function householdRule(code: string, message: string, field?: string): DomainError {
  return new DomainError(`REGISTRATION.${code}`, message, 422, field ? { field } : undefined);
}

export function householdClosed(): DomainError {
  return new DomainError('REGISTRATION.HOUSEHOLD_CLOSED', 'This household’s case is closed; it can no longer be changed', 409);
}
