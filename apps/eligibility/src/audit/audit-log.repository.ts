import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { auditText } from '@awda/bootstrap';
import { execute } from '@awda/persistence';

export type AuditAction =
  | 'assessment.read'
  | 'camp_scope.denied'
  | 'override.created'
  | 'override.revoked'
  | 'override.migrated'
  | 'area.status_requested'
  | 'rule_set.created'
  | 'rule_set.activated';

/** Who did or tried what, written in the transaction of the change (ids only, never personal data). */
@Injectable()
export class AuditLogRepository {
  async record(
    manager: EntityManager,
    entry: { actor: string; action: AuditAction; householdId?: string | null; details?: Record<string, unknown> },
  ): Promise<void> {
    // Details can quote what a caller sent (a camp id): made storable and bounded, so the audit cannot fail on it.
    const details = Object.fromEntries(
      Object.entries(entry.details ?? {}).map(([key, value]) => [key, typeof value === 'string' ? auditText(value) : value]),
    );
    await execute(manager, 'INSERT INTO audit_log (id, actor, action, household_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)', [
      uuidv7(),
      auditText(entry.actor),
      entry.action,
      entry.householdId ?? null,
      JSON.stringify(details),
    ]);
  }

  /** household.erased: reasons quoted in the household's audit details may name people. */
  async dropReasons(manager: EntityManager, householdId: string): Promise<void> {
    await execute(manager, `UPDATE audit_log SET details = details - 'reason' WHERE household_id = $1 AND details ? 'reason'`, [householdId]);
  }
}
