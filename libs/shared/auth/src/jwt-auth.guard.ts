import type { ServerResponse } from 'node:http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, currentContext } from '@awda/observability';
import { invalidToken } from './auth.errors.js';
import type { AuthenticatedRequest } from './decorators.js';
import { TokenVerifier } from './token-verifier.js';

// RFC 6750 b64token; anything else in the header is malformed.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Global guard: every HTTP route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const type = context.getType();
    // Event handlers are authenticated by the broker, not by bearer tokens.
    if (type === 'rpc') return true;
    // Fail closed for transports this guard does not know how to check.
    if (type !== 'http') return false;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) {
      return true;
    }

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<ServerResponse>();
    const header = request.headers.authorization;
    const token = header !== undefined ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="awda"');
      throw invalidToken(header === undefined ? 'A bearer token is required' : 'The Authorization header must be "Bearer <token>"');
    }
    try {
      request.user = await this.verifier.verify(token);
    } catch (error) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="awda", error="invalid_token"');
      throw error;
    }
    const requestContext = currentContext();
    if (requestContext !== undefined) requestContext.userId = request.user.sub;
    return true;
  }
}
