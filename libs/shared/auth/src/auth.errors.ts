import { ForbiddenException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';

export const AUTH_ERRORS = {
  INVALID_TOKEN: 'AUTH.INVALID_TOKEN',
  FORBIDDEN_ROLE: 'AUTH.FORBIDDEN_ROLE',
  UNAVAILABLE: 'AUTH.UNAVAILABLE',
} as const;

/** 401 with a stable code; the message never contains the token. */
export function invalidToken(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, code: AUTH_ERRORS.INVALID_TOKEN, message });
}

export function forbiddenRole(required: readonly string[]): ForbiddenException {
  return new ForbiddenException({
    statusCode: 403,
    code: AUTH_ERRORS.FORBIDDEN_ROLE,
    message: `This action needs one of these roles: ${required.join(', ')}`,
  });
}

/** 503 when the identity provider's keys cannot be fetched: the caller's token may be fine. */
export function authUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: 503,
    code: AUTH_ERRORS.UNAVAILABLE,
    message: 'Sign-in cannot be checked right now; please try again shortly',
  });
}
