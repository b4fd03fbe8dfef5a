import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { execute, pg, queryRow, z, type SqlRunner } from '@awda/persistence';

export interface FailureCount {
  failures: number;
  /** Seconds the username stays locked; 0 when it is not locked. */
  lockedForSeconds: number;
  /** True when this very failure locked it. */
  lockedNow: boolean;
}

/**
 * gateway.login_failures: failed passwords per username, known or not (a lockout must not tell
 * who exists). One atomic upsert per failure, so parallel attempts are all counted, on any replica.
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds the username is still locked for, 0 when it is not. */
  async lockedFor(usernameKey: string): Promise<number> {
    const row = await queryRow(
      this.dataSource,
      'LoginFailuresRepository.lockedFor',
      z.object({ seconds: pg.int() }),
      `SELECT GREATEST(0, ceil(extract(epoch FROM locked_until - now())))::int AS seconds
         FROM login_failures WHERE username_key = $1 AND locked_until > now()`,
      [usernameKey],
    );
    return row?.seconds ?? 0;
  }

  /**
   * Counts one failure. Failures older than the window, or from before a lock that has ended, are
   * forgotten; reaching the threshold locks the username for `lockSeconds`.
   */
  async recordFailure(usernameKey: string, threshold: number, lockSeconds: number): Promise<FailureCount> {
    const row = await queryRow(
      this.dataSource,
      'LoginFailuresRepository.recordFailure',
      z.object({ failures: pg.int(), seconds: pg.int(), locked_now: pg.bool() }),
      `INSERT INTO login_failures AS f (username_key, failures, window_start, locked_until)
       VALUES ($1, 1, now(), CASE WHEN $2 <= 1 THEN now() + make_interval(secs => $3) END)
       ON CONFLICT (username_key) DO UPDATE SET
         failures = CASE WHEN f.window_start < now() - make_interval(secs => $3) OR f.locked_until <= now() THEN 1
                         ELSE f.failures + 1 END,
         window_start = CASE WHEN f.window_start < now() - make_interval(secs => $3) OR f.locked_until <= now() THEN now()
                             ELSE f.window_start END,
         locked_until = CASE
           WHEN f.locked_until > now() THEN f.locked_until
           WHEN (CASE WHEN f.window_start < now() - make_interval(secs => $3) OR f.locked_until <= now() THEN 1
                      ELSE f.failures + 1 END) >= $2 THEN now() + make_interval(secs => $3)
           ELSE NULL END
       RETURNING f.failures,
         COALESCE(GREATEST(0, ceil(extract(epoch FROM f.locked_until - now()))), 0)::int AS seconds,
         (f.locked_until IS NOT NULL AND f.failures = GREATEST($2, 1)) AS locked_now`,
      [usernameKey, threshold, lockSeconds],
    );
    if (!row) throw new Error('login failure upsert gave no row');
    // A first failure sweeps counters that no longer matter (guessed usernames pile up under attack).
    if (row.failures === 1) await this.sweep(lockSeconds).catch(() => undefined);
    return { failures: row.failures, lockedForSeconds: row.seconds, lockedNow: row.locked_now };
  }

  private async sweep(lockSeconds: number): Promise<void> {
    await execute(
      this.dataSource,
      `DELETE FROM login_failures WHERE ctid IN (
         SELECT ctid FROM login_failures
          WHERE window_start < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until < now())
          LIMIT 500)`,
      [lockSeconds],
    );
  }

  /** A successful sign-in or an administrator's reset forgets the failures. */
  async clear(usernameKey: string, sql: SqlRunner = this.dataSource): Promise<void> {
    await execute(sql, 'DELETE FROM login_failures WHERE username_key = $1', [usernameKey]);
  }
}

/** The key failures are counted under: the username as anyone could type it. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}
