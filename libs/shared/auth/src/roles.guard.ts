import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '@awda/observability';
import { forbiddenRole, invalidToken } from './auth.errors.js';
import { ROLES_KEY, type AuthenticatedRequest } from './decorators.js';
import type { Role } from './roles.js';

/** Global guard after JwtAuthGuard: enforces @Roles(...) (handler overrides controller). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return context.getType() === 'rpc';
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required === undefined || required.length === 0) return true;

    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (user === undefined) throw invalidToken('A bearer token is required');
    if (user.roles.some((role) => required.includes(role))) return true;
    throw forbiddenRole(required);
  }
}
