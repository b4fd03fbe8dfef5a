import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError } from '@awda/bootstrap';

export const LOGIN_ERRORS = {
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  LOCKED: 'AUTH.LOCKED',
  DISABLED: 'AUTH.DISABLED',
  RATE_LIMITED: 'RATE_LIMITED',
} as const;

/** The same answer for an unknown username and a wrong password. */
export const invalidCredentials = () =>
  new DomainError(LOGIN_ERRORS.INVALID_CREDENTIALS, 'The username or the password is not right', 401);

export const accountDisabled = () =>
  new DomainError(LOGIN_ERRORS.DISABLED, 'This account has been disabled; ask an administrator', 403);

function minutes(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/** 423 with retryAfterSeconds next to the code, as the console reads it. */
export function accountLocked(retryAfterSeconds: number): HttpException {
  return new HttpException(
    {
      statusCode: 423,
      code: LOGIN_ERRORS.LOCKED,
      message: `Too many wrong passwords: sign-in with this username is paused; try again in ${minutes(retryAfterSeconds)}`,
      retryAfterSeconds,
    },
    HttpStatus.LOCKED,
  );
}

export function tooManyAttempts(retryAfterSeconds: number): HttpException {
  return new HttpException(
    {
      statusCode: 429,
      code: LOGIN_ERRORS.RATE_LIMITED,
      message: `Too many sign-in attempts; try again in ${retryAfterSeconds} seconds`,
      retryAfterSeconds,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
