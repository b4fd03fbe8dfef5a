import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { currentContext } from '@awda/observability';
import type { GatewayConfig } from '../config.js';
import type { GatewayRequest } from './gateway-request.js';
import { isAllowedOrigin, isStateChanging } from './origin.js';
import { SESSION_COOKIE, clearCookie, readCookie } from './session-cookie.js';
import { csrfRefused, noSession, passwordChangeRequired } from './session.errors.js';
import { SessionsService, type ActiveSession } from './sessions.service.js';

export const CSRF_HEADER = 'x-csrf-token';

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export interface AccessOptions {
  /** Routes a user who must change their password may still use. */
  beforePasswordChange?: boolean;
}

/**
 * The checks every signed-in request passes, whether it reaches a gateway route or the proxy:
 * same-origin on state-changing methods, a live session, its CSRF token, a password not due for change.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Refuses a state-changing request from another origin (sign-in included, which has no session yet). */
  checkOrigin(request: GatewayRequest): void {
    if (isStateChanging(request.method) && !isAllowedOrigin(request.headers, this.config.ALLOWED_ORIGINS)) throw csrfRefused();
  }

  /** The live session of the request's cookie, if any. */
  async sessionOf(request: GatewayRequest): Promise<ActiveSession | undefined> {
    if (request.awdaSession !== undefined) return request.awdaSession;
    const session = await this.sessions.find(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (session !== undefined) {
      request.awdaSession = session;
      const context = currentContext();
      if (context !== undefined) context.userId = session.user.id;
    }
    return session;
  }

  /** The session the request must have, every check passed; throws the refusal otherwise. */
  async require(request: GatewayRequest, response: ServerResponse, options: AccessOptions = {}): Promise<ActiveSession> {
    this.checkOrigin(request);
    const session = await this.sessionOf(request);
    if (session === undefined) {
      // A cookie that names no live session is cleared, so the browser stops sending it.
      if (readCookie(request.headers.cookie, SESSION_COOKIE) !== undefined && !response.headersSent) {
        response.appendHeader('Set-Cookie', clearCookie(SESSION_COOKIE, { secure: this.config.SESSION_COOKIE_SECURE, sameSite: 'Strict' }));
      }
      throw noSession();
    }
    if (isStateChanging(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const token = Array.isArray(header) ? header[0] : header;
      if (token === undefined || !sameSecret(token, session.csrfToken)) throw csrfRefused();
    }
    if (session.user.mustChangePassword && !options.beforePasswordChange) throw passwordChangeRequired();
    return session;
  }
}
