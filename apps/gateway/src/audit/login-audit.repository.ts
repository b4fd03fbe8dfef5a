import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { execute, pg, queryRow, queryRows, z, type SqlRunner } from '@awda/persistence';

/** What happened; every sign-in, failure, lockout, sign-out, reset and account change. */
export const AUDIT_EVENTS = [
  'login',
  'login_failed',
  'locked',
  'logout',
  'password_changed',
  'password_reset',
  'user_created',
  'user_updated',
  'user_disabled',
  'user_enabled',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  event: AuditEvent;
  outcome: 'success' | 'failure';
  method?: 'password' | 'oidc';
  /** The username as typed or known; never a password. */
  username?: string;
  userId?: string;
  /** The administrator who made the change. */
  actorId?: string;
  ip?: string;
  /** A short machine word: unknown_user, wrong_password, locked, disabled, rate_limited, … */
  reason?: string;
}

export interface AuditRecord {
  id: string;
  at: string;
  event: string;
  outcome: string;
  method: string | null;
  username: string | null;
  userId: string | null;
  actorId: string | null;
  ip: string | null;
  reason: string | null;
}

export interface AuditQuery {
  username?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

const auditRow = z.object({
  id: pg.uuid(),
  at: pg.timestamp(),
  event: pg.text(),
  outcome: pg.text(),
  method: pg.text().nullable(),
  username: pg.text().nullable(),
  user_id: pg.uuid().nullable(),
  actor_id: pg.uuid().nullable(),
  ip: pg.text().nullable(),
  reason: pg.text().nullable(),
  total: pg.int(),
});

/** gateway.login_audit: written in the transaction of what it records where there is one. */
@Injectable()
export class LoginAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, sql: SqlRunner = this.dataSource): Promise<void> {
    await execute(
      sql,
      `INSERT INTO login_audit (id, event, outcome, method, username, user_id, actor_id, ip, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidv7(),
        entry.event,
        entry.outcome,
        entry.method ?? null,
        entry.username?.slice(0, 256) ?? null,
        entry.userId ?? null,
        entry.actorId ?? null,
        entry.ip ?? null,
        entry.reason ?? null,
      ],
    );
  }

  /** Newest first, one page, with the number of matching entries. */
  async list(query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }> {
    const rows = await queryRows(
      this.dataSource,
      'LoginAuditRepository.list',
      auditRow,
      `SELECT id, at, event, outcome, method, username, user_id, actor_id, ip, reason, count(*) OVER ()::int AS total
         FROM login_audit
        WHERE ($1::text IS NULL OR lower(username) = lower($1))
          AND ($2::timestamptz IS NULL OR at >= $2)
          AND ($3::timestamptz IS NULL OR at < $3)
        ORDER BY at DESC, id DESC
        LIMIT $4 OFFSET $5`,
      [query.username ?? null, query.from ?? null, query.to ?? null, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      total: rows[0]?.total ?? (query.page > 1 ? await this.count(query) : 0),
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        event: row.event,
        outcome: row.outcome,
        method: row.method,
        username: row.username,
        userId: row.user_id,
        actorId: row.actor_id,
        ip: row.ip,
        reason: row.reason,
      })),
    };
  }

  private async count(query: AuditQuery): Promise<number> {
    const row = await queryRow(
      this.dataSource,
      'LoginAuditRepository.count',
      z.object({ n: pg.int() }),
      `SELECT count(*)::int AS n FROM login_audit
        WHERE ($1::text IS NULL OR lower(username) = lower($1))
          AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)`,
      [query.username ?? null, query.from ?? null, query.to ?? null],
    );
    return row?.n ?? 0;
  }
}
