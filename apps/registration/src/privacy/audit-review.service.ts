import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { campNotAllowed } from '../common/registration.errors.js';
import type { AuditEntry, AuditPage, AuditQuery, UnusualAccess, UnusualAccessQuery } from './audit-review.dto.js';

/**
 * Review of registration's audit log (who read or changed whose personal data): supervisors see the
 * rows of households in their camps; an administrator also sees unusual access — one user reading
 * many households within a short window.
 */
@Injectable()
export class AuditReview {
  constructor(private readonly dataSource: DataSource) {}

  async list(user: AuthUser, query: AuditQuery): Promise<AuditPage> {
    // A camp named outside the user's camps is refused (403), as every other read is, not answered empty.
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) throw campNotAllowed();
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const scope = campScope(user);
    if (scope !== 'all') add((p) => `h.camp_id = ANY(${p}::text[])`, scope);
    if (query.campId !== undefined) add((p) => `h.camp_id = ${p}`, query.campId);
    if (query.actor !== undefined) add((p) => `a.actor = ${p}`, query.actor);
    if (query.householdId !== undefined) add((p) => `a.household_id = ${p}::uuid`, query.householdId);
    if (query.from !== undefined) add((p) => `a.at >= ${p}::timestamptz`, query.from);
    if (query.to !== undefined) add((p) => `a.at < ${p}::timestamptz`, query.to);
    if (query.before !== undefined) add((p) => `a.id < ${p}::uuid`, query.before);
    const limit = query.limit ?? 100;
    const rows: (Omit<AuditEntry, 'at'> & { at: Date })[] = await this.dataSource.query(
      `SELECT a.id, a.at, a.actor, a.household_id AS "householdId", h.camp_id AS "campId", a.endpoint, a.outcome
       FROM audit_log a LEFT JOIN households h ON h.id = a.household_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit).map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  async unusual(query: UnusualAccessQuery): Promise<UnusualAccess[]> {
    const windowMinutes = query.windowMinutes ?? 10;
    const to = query.to ?? new Date().toISOString();
    const from = query.from ?? new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
    const rows: { actor: string; windowStart: Date; households: number; reads: number; denied: number }[] = await this.dataSource.query(
      `SELECT actor, date_bin(make_interval(mins => $1::int), at, timestamptz '2000-01-01') AS "windowStart",
              count(DISTINCT household_id) FILTER (WHERE outcome IN ('read', 'rpc_read', 'exported'))::int AS households,
              count(*) FILTER (WHERE outcome IN ('read', 'rpc_read', 'exported'))::int AS reads,
              count(*) FILTER (WHERE outcome = 'denied')::int AS denied
       FROM audit_log WHERE at >= $2::timestamptz AND at < $3::timestamptz
       GROUP BY 1, 2
       HAVING count(DISTINCT household_id) FILTER (WHERE outcome IN ('read', 'rpc_read', 'exported')) >= $4::int
       ORDER BY households DESC, "windowStart" LIMIT 200`,
      [windowMinutes, from, to, query.threshold ?? 30],
    );
    return rows.map((r) => ({ ...r, windowStart: new Date(r.windowStart).toISOString(), windowMinutes }));
  }
}
