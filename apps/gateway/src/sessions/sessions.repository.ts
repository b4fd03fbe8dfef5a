import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isRole, type Role } from '@awda/auth';
import { execute, pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';
import { checkedPreferences, type UserView } from '../users/user.model.js';

export interface NewSession {
  idHash: Buffer;
  userId: string;
  csrfToken: string;
  method: 'password' | 'oidc';
  idleSeconds: number;
  absoluteSeconds: number;
  ip?: string;
}

/** A live session with its user, as one query finds it. */
export interface SessionRow {
  idHash: Buffer;
  csrfToken: string;
  method: 'password' | 'oidc';
  /** When it ends if unused: the idle expiry, never after the absolute one. */
  expiresAt: Date;
  user: UserView;
}

/** A session joined with its user; the method, roles and preferences are checked again in toSession. */
const joinedRow = z.object({
  id_hash: z.instanceof(Buffer),
  csrf_token: pg.text(),
  method: pg.text(),
  expires_at: pg.timestamp(),
  user_id: pg.uuid(),
  username: pg.text(),
  display_name: pg.text(),
  roles: pg.textArray(),
  camps: pg.textArray(),
  locale: pg.text(),
  digits: pg.text(),
  must_change_password: pg.bool(),
});
type JoinedRow = Row<typeof joinedRow>;

function toSession(row: JoinedRow): SessionRow {
  if (row.method !== 'password' && row.method !== 'oidc') throw new Error('a session has an unknown sign-in method');
  return {
    idHash: row.id_hash,
    csrfToken: row.csrf_token,
    method: row.method,
    expiresAt: row.expires_at,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles.filter((r): r is Role => isRole(r)),
      camps: [...row.camps],
      ...checkedPreferences(row.user_id, row.locale, row.digits),
      mustChangePassword: row.must_change_password,
    },
  };
}

// Seen at most once a minute per session: the idle expiry moves without a write on every request.
const TOUCH_EVERY_SECONDS = 60;

/** Every query of gateway.sessions. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(session: NewSession, sql: SqlRunner = this.dataSource): Promise<Date> {
    const row = await queryRow(
      sql,
      'SessionsRepository.insert',
      z.object({ expires_at: pg.timestamp() }),
      `INSERT INTO sessions (id_hash, user_id, csrf_token, method, idle_expires_at, absolute_expires_at, ip)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6), $7)
         RETURNING LEAST(idle_expires_at, absolute_expires_at) AS expires_at`,
      [session.idHash, session.userId, session.csrfToken, session.method, session.idleSeconds, session.absoluteSeconds, session.ip ?? null],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row.expires_at;
  }

  /**
   * The live session with this id hash and its enabled user, its idle expiry moved on; undefined
   * when it does not exist, has expired (idle or absolute) or its user is disabled.
   */
  async findLive(idHash: Buffer, idleSeconds: number): Promise<SessionRow | undefined> {
    const rows = await queryRows(
      this.dataSource,
      'SessionsRepository.findLive',
      joinedRow,
      `WITH live AS (
         SELECT s.id_hash, s.csrf_token, s.method, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at,
                u.id AS user_id, u.username, u.display_name, u.roles, u.camps, u.locale, u.digits, u.must_change_password
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id_hash = $1 AND s.idle_expires_at > now() AND s.absolute_expires_at > now() AND u.disabled_at IS NULL
       ), touched AS (
         UPDATE sessions s
            SET last_seen_at = now(), idle_expires_at = LEAST(now() + make_interval(secs => $2), s.absolute_expires_at)
           FROM live
          WHERE s.id_hash = live.id_hash AND live.last_seen_at < now() - make_interval(secs => $3)
         RETURNING s.idle_expires_at
       )
       SELECT live.*, COALESCE((SELECT idle_expires_at FROM touched), live.idle_expires_at) AS expires_at FROM live`,
      [idHash, idleSeconds, TOUCH_EVERY_SECONDS],
    );
    return rows[0] ? toSession(rows[0]) : undefined;
  }

  async delete(idHash: Buffer, sql: SqlRunner = this.dataSource): Promise<boolean> {
    const rows = await queryRows(sql, 'SessionsRepository.delete', z.object({ user_id: pg.uuid() }), 'DELETE FROM sessions WHERE id_hash = $1 RETURNING user_id', [
      idHash,
    ]);
    return rows.length > 0;
  }

  /** Ends every session of a user (disabled, password reset), or every other one (password changed). */
  async deleteForUser(userId: string, sql: SqlRunner, keep?: Buffer): Promise<void> {
    await execute(sql, 'DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR id_hash <> $2)', [userId, keep ?? null]);
  }

  /** Removes a batch of sessions that have ended, whoever they belong to. */
  async sweepExpired(): Promise<void> {
    await execute(
      this.dataSource,
      `DELETE FROM sessions WHERE ctid IN (
         SELECT ctid FROM sessions WHERE absolute_expires_at < now() OR idle_expires_at < now() LIMIT 500)`,
    );
  }
}
