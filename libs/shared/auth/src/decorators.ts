import type { IncomingHttpHeaders } from 'node:http';
import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { invalidToken } from './auth.errors.js';
import type { AuthUser, Role } from './roles.js';

export const ROLES_KEY = 'awda:roles';

/** Restricts a controller or handler to callers holding at least one of these roles. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** What the auth guard leaves on an HTTP request. */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  user?: AuthUser;
}

/** The authenticated caller of an HTTP handler. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  // Only a @Public() handler can get here without a user: refuse rather than hand out undefined.
  if (user === undefined) throw invalidToken('A bearer token is required');
  return user;
});
