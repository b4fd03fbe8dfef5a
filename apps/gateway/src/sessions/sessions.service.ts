import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type SqlRunner } from '@awda/bootstrap';
import type { GatewayConfig } from '../config.js';
import { SessionsRepository, type SessionRow } from './sessions.repository.js';

/** What a new session gives the browser: the cookie value (once), the CSRF token and its expiry. */
export interface StartedSession {
  token: string;
  idHash: Buffer;
  csrfToken: string;
  expiresAt: Date;
}

export type ActiveSession = SessionRow;

/** Only the hash of a session id is ever stored or compared. */
export function sessionIdHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

// 43 base64url characters: 256 random bits; anything else in the cookie is not ours.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Server-side sessions in PostgreSQL: a disabled user or a reset password is out at the next request. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private get idleSeconds(): number {
    return this.config.SESSION_IDLE_MINUTES * 60;
  }

  async start(userId: string, method: 'password' | 'oidc', ip: string | undefined, sql?: SqlRunner): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const idHash = sessionIdHash(token);
    const expiresAt = await this.sessions.insert(
      { idHash, userId, csrfToken, method, idleSeconds: this.idleSeconds, absoluteSeconds: this.config.SESSION_ABSOLUTE_HOURS * 3600, ip },
      sql,
    );
    // Housekeeping rides on sign-ins: ended sessions are useless rows.
    this.sessions.sweepExpired().catch((error: unknown) => this.logger.warn({ msg: 'session sweep failed', reason: (error as Error).name }));
    return { token, idHash, csrfToken, expiresAt };
  }

  /** The live session a cookie value names, or undefined. */
  async find(token: string | undefined): Promise<ActiveSession | undefined> {
    if (token === undefined || !TOKEN_SHAPE.test(token)) return undefined;
    return this.sessions.findLive(sessionIdHash(token), this.idleSeconds);
  }

  async end(idHash: Buffer): Promise<boolean> {
    return this.sessions.delete(idHash);
  }

  async endAllFor(userId: string, sql: SqlRunner, keep?: Buffer): Promise<void> {
    await this.sessions.deleteForUser(userId, sql, keep);
  }
}
