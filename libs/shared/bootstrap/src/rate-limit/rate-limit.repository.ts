import { checkRows, execute, pg, z } from '@awda/persistence';

/** Runs one SQL statement; a TypeORM DataSource or a pg Pool/Client fits (`query(text, params)`). */
export interface SqlRunner {
  query(text: string, parameters?: unknown[]): Promise<unknown>;
}

export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** Seconds until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

// Fixed windows aligned on the database clock (one clock for every replica). The upsert is atomic:
// concurrent requests from any number of replicas each get a distinct count.
const HIT_SQL = `
  INSERT INTO rate_limit_counters AS c (key, subject, window_start, expires_at, hits)
  SELECT $1, $2, w.start, w.start + make_interval(secs => $3::int), 1
    FROM (SELECT to_timestamp(floor(extract(epoch FROM now()) / $3::int) * $3::int) AS start) w
  ON CONFLICT (key, subject, window_start) DO UPDATE SET hits = LEAST(c.hits, 2147483646) + 1
  RETURNING c.hits,
    GREATEST(1, ceil(extract(epoch FROM (c.expires_at - now()))))::int AS retry_after`;

// Counters of ended windows are useless; the first hit of a new window sweeps a batch of them.
const SWEEP_SQL = `
  DELETE FROM rate_limit_counters
   WHERE ctid IN (SELECT ctid FROM rate_limit_counters WHERE expires_at < now() LIMIT 1000)`;

const hitRow = z.object({ hits: pg.int(), retry_after: pg.int() });

/** Rows of a TypeORM answer (an array) or of a pg Pool/Client answer (`{ rows }`). */
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows : [];
}

/** Counters in PostgreSQL (table rate_limit_counters of the service's schema), shared by every replica. */
export class RateLimitRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** Counts one request of `subject` under `key` in the current window of `windowSeconds`. */
  async hit(key: string, subject: string, windowSeconds: number): Promise<RateLimitHit> {
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new Error('windowSeconds must be a positive integer');
    const [row] = checkRows('RateLimitRepository.hit', hitRow, rowsOf(await this.sql.query(HIT_SQL, [key, subject, windowSeconds])));
    if (row === undefined) throw new Error('rate limit counter returned no row');
    const hits = row.hits;
    // Best effort: the count above is what matters; a failed sweep is retried at the next new window.
    if (hits === 1) await this.sweep().catch(() => undefined);
    return { hits, retryAfterSeconds: row.retry_after };
  }

  /** Deletes counters of windows that have ended. */
  async sweep(): Promise<void> {
    await execute(this.sql, SWEEP_SQL);
  }
}
