import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EligibilityOverride, OverrideOutcome } from '@awda/eligibility-rules';

export interface OverrideRow {
  id: string;
  household_id: string;
  camp_id: string;
  outcome: OverrideOutcome;
  reason: string;
  waives: string[];
  expires_at: Date | null;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

@Injectable()
export class OverrideRepository {
  /**
   * The override in force for each household (not revoked). An expired one is still passed to the
   * engine, which ignores it and says so in the explanation.
   */
  async current(manager: EntityManager, householdIds: readonly string[]): Promise<Map<string, EligibilityOverride>> {
    if (householdIds.length === 0) return new Map();
    const rows: OverrideRow[] = await manager.query(
      'SELECT * FROM overrides WHERE household_id = ANY($1::uuid[]) AND revoked_at IS NULL',
      [householdIds],
    );
    return new Map(
      rows.map((row) => [
        row.household_id,
        {
          outcome: row.outcome,
          reason: row.reason,
          by: row.created_by,
          waives: row.waives,
          expiresAt: row.expires_at?.toISOString() ?? null,
        },
      ]),
    );
  }
}
