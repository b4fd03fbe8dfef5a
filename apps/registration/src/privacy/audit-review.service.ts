import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { campNotAllowed } from '../common/registration.errors.js';
import { AuditReviewRepository } from './audit-review.repository.js';
import type { AuditEntry, AuditPage, AuditQuery, UnusualAccess, UnusualAccessQuery } from './audit-review.dto.js';

/**
 * Review of registration's audit log (who read or changed whose personal data): supervisors see the
 * rows of households in their camps; an administrator also sees unusual access — one user reading
 * many households within a short window.
 */
@Injectable()
export class AuditReview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auditLog: AuditReviewRepository,
  ) {}

  async list(user: AuthUser, query: AuditQuery): Promise<AuditPage> {
    // A camp named outside the user's camps is refused (403), as every other read is, not answered empty.
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) throw campNotAllowed();
    const limit = query.limit ?? 100;
    const rows = await this.auditLog.list(
      this.dataSource,
      { scope: campScope(user), campId: query.campId, actor: query.actor, householdId: query.householdId, from: query.from, to: query.to, before: query.before },
      limit + 1,
    );
    const items: AuditEntry[] = rows.slice(0, limit).map((r) => ({ ...r, at: r.at.toISOString() }));
    return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  async unusual(query: UnusualAccessQuery): Promise<UnusualAccess[]> {
    const windowMinutes = query.windowMinutes ?? 10;
    const to = query.to ?? new Date().toISOString();
    const from = query.from ?? new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
    const rows = await this.auditLog.unusual(this.dataSource, windowMinutes, from, to, query.threshold ?? 30);
    return rows.map((r) => ({ ...r, windowStart: r.windowStart.toISOString(), windowMinutes }));
  }
}
