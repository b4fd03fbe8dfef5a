import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

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
export class AuditLog {
  async record(
    manager: EntityManager,
    entry: { actor: string; action: AuditAction; householdId?: string | null; details?: Record<string, unknown> },
  ): Promise<void> {
    await manager.query('INSERT INTO audit_log (id, actor, action, household_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)', [
      uuidv7(),
      entry.actor,
      entry.action,
      entry.householdId ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }
}
