import type { ServerResponse } from 'node:http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY, type Role } from '@awda/auth';
import { PUBLIC_ROUTE } from '@awda/observability';
import { BEFORE_PASSWORD_CHANGE, type GatewayRequest } from './gateway-request.js';
import { SessionAccess } from './session-access.js';
import { forbiddenRole } from './session.errors.js';

/**
 * Global guard of the gateway's own routes: @Public() ones still get the same-origin check on
 * state-changing methods; every other one needs a live session, its CSRF token and the roles named by @Roles().
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: SessionAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      this.access.checkOrigin(request);
      return true;
    }
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const beforePasswordChange = this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets) ?? false;
    const session = await this.access.require(request, response, { beforePasswordChange });
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles !== undefined && !roles.some((role) => session.user.roles.includes(role))) throw forbiddenRole(roles);
    return true;
  }
}
