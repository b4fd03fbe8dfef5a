import { DomainError } from '@awda/bootstrap';

export const SESSION_ERRORS = {
  NO_SESSION: 'AUTH.NO_SESSION',
  CSRF: 'AUTH.CSRF',
  PASSWORD_CHANGE_REQUIRED: 'AUTH.PASSWORD_CHANGE_REQUIRED',
  FORBIDDEN_ROLE: 'AUTH.FORBIDDEN_ROLE',
} as const;

export function noSession(): DomainError {
  return new DomainError(SESSION_ERRORS.NO_SESSION, 'You are not signed in, or your session has ended; please sign in', 401);
}

export function csrfRefused(): DomainError {
  return new DomainError(
    SESSION_ERRORS.CSRF,
    'This request did not come from the Awda console, or the page is out of date; reload the page and try again',
    403,
  );
}

export function passwordChangeRequired(): DomainError {
  return new DomainError(SESSION_ERRORS.PASSWORD_CHANGE_REQUIRED, 'Choose a new password before you continue', 403);
}

export function forbiddenRole(required: readonly string[]): DomainError {
  return new DomainError(SESSION_ERRORS.FORBIDDEN_ROLE, `This action needs one of these roles: ${required.join(', ')}`, 403);
}
