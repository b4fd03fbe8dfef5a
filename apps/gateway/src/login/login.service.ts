import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateLimitRepository, SERVICE_CONFIG } from '@awda/bootstrap';
import { LoginAuditRepository } from '../audit/login-audit.repository.js';
import { LoginFailuresRepository, usernameKey } from '../audit/login-failures.repository.js';
import type { GatewayConfig } from '../config.js';
import { SESSION_COOKIE, clearCookie, setCookie } from '../sessions/session-cookie.js';
import { SessionsService, type ActiveSession } from '../sessions/sessions.service.js';
import { needsRehash, hashPassword, verifyAgainstDecoy, verifyPassword } from '../users/passwords.js';
import { userView, type UserRecord, type UserView } from '../users/user.model.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import type { LoginDto } from './dto/login.dto.js';
import { accountDisabled, accountLocked, invalidCredentials, tooManyAttempts } from './login.errors.js';

/** What the console gets after sign-in and from GET /auth/session. */
export interface SessionAnswer {
  user: UserView;
  csrfToken: string;
  expiresAt: string;
}

/** Sign-in with a username and password: rate limits, lockout, constant-ish timing, audit, session cookie. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);
  private readonly limits: RateLimitRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: LoginAuditRepository,
    private readonly failures: LoginFailuresRepository,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.limits = new RateLimitRepository(dataSource);
  }

  async login(dto: LoginDto, ip: string | undefined, response: ServerResponse): Promise<SessionAnswer> {
    const key = usernameKey(dto.username);
    const failed = (reason: string) =>
      this.audit.record({ event: 'login_failed', outcome: 'failure', method: 'password', username: dto.username, ip, reason });

    const refused = (retryAfterSeconds: number, error: Error): Error => {
      response.setHeader('Retry-After', String(retryAfterSeconds));
      return error;
    };
    const retryAfter = await this.rateLimitedFor(key, ip);
    if (retryAfter > 0) {
      await failed('rate_limited');
      throw refused(retryAfter, tooManyAttempts(retryAfter));
    }
    const lockedFor = await this.failures.lockedFor(key);
    if (lockedFor > 0) {
      await failed('locked');
      throw refused(lockedFor, accountLocked(lockedFor));
    }

    const user = await this.users.findLocalByUsername(dto.username);
    const passwordOk =
      user?.passwordHash != null ? await verifyPassword(user.passwordHash, dto.password) : await verifyAgainstDecoy(dto.password);
    if (user === undefined || !passwordOk) {
      await failed(user === undefined ? 'unknown_user' : 'wrong_password');
      const count = await this.failures.recordFailure(key, this.config.LOGIN_LOCKOUT_THRESHOLD, this.config.LOGIN_LOCKOUT_MINUTES * 60);
      if (count.lockedNow) {
        await this.audit.record({ event: 'locked', outcome: 'failure', method: 'password', username: dto.username, userId: user?.id, ip, reason: 'too_many_failures' });
        this.logger.warn({ msg: 'username locked after repeated failures', userId: user?.id });
      }
      if (count.lockedForSeconds > 0) throw refused(count.lockedForSeconds, accountLocked(count.lockedForSeconds));
      throw invalidCredentials();
    }
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabledAt !== null) {
      await this.audit.record({ event: 'login_failed', outcome: 'failure', method: 'password', username: user.username, userId: user.id, ip, reason: 'disabled' });
      throw accountDisabled();
    }
    await this.failures.clear(key);
    if (user.passwordHash !== null && needsRehash(user.passwordHash)) await this.rehash(user, dto.password);
    return this.startSession(user, 'password', ip, response);
  }

  /** A session for someone who proved who they are (password or identity provider). */
  async startSession(user: UserRecord, method: 'password' | 'oidc', ip: string | undefined, response: ServerResponse): Promise<SessionAnswer> {
    const started = await this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.start(user.id, method, ip, manager);
      await this.accounts.recordLogin(user, method, ip, manager);
      return session;
    });
    response.appendHeader('Set-Cookie', setCookie(SESSION_COOKIE, started.token, { secure: this.config.SESSION_COOKIE_SECURE, sameSite: 'Strict' }));
    return { user: userView(user), csrfToken: started.csrfToken, expiresAt: started.expiresAt.toISOString() };
  }

  sessionAnswer(session: ActiveSession): SessionAnswer {
    return { user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  }

  async logout(session: ActiveSession, ip: string | undefined, response: ServerResponse): Promise<void> {
    await this.sessions.end(session.idHash);
    response.appendHeader('Set-Cookie', clearCookie(SESSION_COOKIE, { secure: this.config.SESSION_COOKIE_SECURE, sameSite: 'Strict' }));
    await this.audit.record({ event: 'logout', outcome: 'success', method: session.method, username: session.user.username, userId: session.user.id, ip });
  }

  /** Seconds to wait when the client address or the username has used its attempts for the window; 0 otherwise. */
  private async rateLimitedFor(key: string, ip: string | undefined): Promise<number> {
    // Counters in PostgreSQL, so the limits hold across replicas.
    const window = this.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS;
    const byIp = await this.limits.hit('login-ip', ip ?? 'unknown', window);
    const byName = await this.limits.hit('login-username', key, window);
    return Math.max(
      byIp.hits > this.config.LOGIN_RATE_LIMIT_PER_IP ? byIp.retryAfterSeconds : 0,
      byName.hits > this.config.LOGIN_RATE_LIMIT_PER_USERNAME ? byName.retryAfterSeconds : 0,
    );
  }

  private async rehash(user: UserRecord, password: string): Promise<void> {
    if (user.passwordHash === null) return;
    try {
      await this.users.replaceHash(user.id, user.passwordHash, await hashPassword(password));
    } catch (error) {
      // The sign-in itself succeeded; the stronger hash waits for the next one.
      this.logger.warn({ msg: 'password rehash failed', userId: user.id, reason: (error as Error).name });
    }
  }
}
