import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { pg, queryRows, z } from '@awda/persistence';

const entryRow = z.object({
  id: pg.uuid(),
  at: pg.timestamp(),
  actor: pg.text(),
  householdId: pg.uuid().nullable(),
  campId: pg.text().nullable(),
  endpoint: pg.text(),
  outcome: pg.text(),
});
const unusualRow = z.object({ actor: pg.text(), windowStart: pg.timestamp(), households: pg.int(), reads: pg.int(), denied: pg.int() });
export type AuditEntryRow = z.output<typeof entryRow>;
export type UnusualAccessRow = z.output<typeof unusualRow>;

/** Filters of the audit review, already checked against the reader's camps. */
export interface AuditFilter {
  /** The reader's camps, or 'all'. */
  scope: string[] | 'all';
  campId?: string;
  actor?: string;
  householdId?: string;
  from?: string;
  to?: string;
  before?: string;
}

/** The SQL of the audit review (registration's audit_log, with each row's household's camp). */
@Injectable()
export class AuditReviewRepository {
  /** Up to `limit` rows, newest first (by id: uuid v7), matching the filter. */
  list(db: DataSource, filter: AuditFilter, limit: number): Promise<AuditEntryRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.scope !== 'all') add((p) => `h.camp_id = ANY(${p}::text[])`, filter.scope);
    if (filter.campId !== undefined) add((p) => `h.camp_id = ${p}`, filter.campId);
    if (filter.actor !== undefined) add((p) => `a.actor = ${p}`, filter.actor);
    if (filter.householdId !== undefined) add((p) => `a.household_id = ${p}::uuid`, filter.householdId);
    if (filter.from !== undefined) add((p) => `a.at >= ${p}::timestamptz`, filter.from);
    if (filter.to !== undefined) add((p) => `a.at < ${p}::timestamptz`, filter.to);
    if (filter.before !== undefined) add((p) => `a.id < ${p}::uuid`, filter.before);
    params.push(limit);
    return queryRows(
      db,
      'AuditReviewRepository.list',
      entryRow,
      `SELECT a.id, a.at, a.actor, a.household_id AS "householdId", h.camp_id AS "campId", a.endpoint, a.outcome
       FROM audit_log a LEFT JOIN households h ON h.id = a.household_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Per user and window of `windowMinutes`: households read, reads and refusals, where at least `threshold` households were read. */
  unusual(db: DataSource, windowMinutes: number, from: string, to: string, threshold: number): Promise<UnusualAccessRow[]> {
    return queryRows(
      db,
      'AuditReviewRepository.unusual',
      unusualRow,
      `SELECT actor, date_bin(make_interval(mins => $1::int), at, timestamptz '2000-01-01') AS "windowStart",
              count(DISTINCT household_id) FILTER (WHERE outcome IN ('read', 'rpc_read', 'exported'))::int AS households,
              count(*) FILTER (WHERE outcome IN ('read', 'rpc_read', 'exported'))::int AS reads,
              count(*) FILTER (WHERE outcome = 'denied')::int AS denied
       FROM audit_log WHERE at >= $2::timestamptz AND at < $3::timestamptz
       GROUP BY 1, 2
       HAVING count(DISTINCT household_id) FILTER (WHERE outcome IN ('read', 'rpc_read', 'exported')) >= $4::int
       ORDER BY households DESC, "windowStart" LIMIT 200`,
      [windowMinutes, from, to, threshold],
    );
  }
}
