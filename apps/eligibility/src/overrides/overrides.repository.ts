import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EligibilityOverride, OverrideOutcome } from '@awda/eligibility-rules';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

const overrideRow = z.object({
  id: pg.uuid(),
  household_id: pg.uuid(),
  camp_id: pg.text(),
  outcome: z.enum(['eligible', 'ineligible'] satisfies OverrideOutcome[]),
  reason: pg.text(),
  waives: pg.textArray(),
  expires_at: pg.timestamp().nullable(),
  created_by: pg.text(),
  created_at: pg.timestamp(),
  revoked_at: pg.timestamp().nullable(),
  revoked_by: pg.text().nullable(),
  revoke_reason: pg.text().nullable(),
});
export type OverrideRow = Row<typeof overrideRow>;

/** Supervisors' overrides: one in force per household at a time, history kept. */
@Injectable()
export class OverridesRepository {
  /**
   * The override in force for each household (not revoked). An expired one is still passed to the
   * engine, which ignores it and says so in the explanation.
   */
  async current(manager: EntityManager, householdIds: readonly string[]): Promise<Map<string, EligibilityOverride>> {
    if (householdIds.length === 0) return new Map();
    const rows = await queryRows(
      manager,
      'OverridesRepository.current',
      overrideRow,
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

  async find(manager: EntityManager, overrideId: string): Promise<OverrideRow | undefined> {
    return queryRow(manager, 'OverridesRepository.find', overrideRow, 'SELECT * FROM overrides WHERE id = $1', [overrideId]);
  }

  async historyOf(manager: EntityManager, householdId: string): Promise<OverrideRow[]> {
    return queryRows(manager, 'OverridesRepository.historyOf', overrideRow, 'SELECT * FROM overrides WHERE household_id = $1 ORDER BY created_at DESC', [
      householdId,
    ]);
  }

  /** Overrides not revoked in the camps given (null: all camps), newest first, at most 500. */
  async inForce(manager: EntityManager, camps: readonly string[] | null): Promise<OverrideRow[]> {
    return queryRows(
      manager,
      'OverridesRepository.inForce',
      overrideRow,
      `SELECT * FROM overrides WHERE revoked_at IS NULL AND ($1::text[] IS NULL OR camp_id = ANY($1::text[]))
       ORDER BY created_at DESC LIMIT 500`,
      [camps],
    );
  }

  /** Revokes the household's override in force, if any, as replaced by a new one. */
  async revokeInForce(manager: EntityManager, householdId: string, by: string, reason: string): Promise<void> {
    await execute(
      manager,
      `UPDATE overrides SET revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE household_id = $1 AND revoked_at IS NULL`,
      [householdId, by, reason],
    );
  }

  async insert(
    manager: EntityManager,
    override: { id: string; householdId: string; campId: string; outcome: OverrideOutcome; reason: string; waives: readonly string[]; expiresAt: Date | null; createdBy: string },
  ): Promise<OverrideRow> {
    const row = await queryRow(
      manager,
      'OverridesRepository.insert',
      overrideRow,
      `INSERT INTO overrides (id, household_id, camp_id, outcome, reason, waives, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [override.id, override.householdId, override.campId, override.outcome, override.reason, override.waives, override.expiresAt, override.createdBy],
    );
    if (!row) throw new Error('override write returned nothing');
    return row;
  }

  /** Revokes one override; undefined when it was already revoked. */
  async revoke(manager: EntityManager, overrideId: string, by: string, reason: string): Promise<OverrideRow | undefined> {
    return queryRow(
      manager,
      'OverridesRepository.revoke',
      overrideRow,
      `UPDATE overrides SET revoked_at = now(), revoked_by = $2, revoke_reason = $3
       WHERE id = $1 AND revoked_at IS NULL RETURNING *`,
      [overrideId, by, reason],
    );
  }

  /** Up to 100 overrides in force whose expiry has passed and not been handled, oldest expiry first. */
  async expiredUnhandled(manager: EntityManager): Promise<{ id: string; household_id: string }[]> {
    return queryRows(
      manager,
      'OverridesRepository.expiredUnhandled',
      overrideRow.pick({ id: true, household_id: true }),
      `SELECT id, household_id FROM overrides
       WHERE revoked_at IS NULL AND expiry_handled_at IS NULL AND expires_at <= now() ORDER BY expires_at LIMIT 100`,
    );
  }

  /** Marks an expiry handled; false when it was already handled or the override revoked meanwhile. */
  async markExpiryHandled(manager: EntityManager, overrideId: string): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'OverridesRepository.markExpiryHandled',
      overrideRow.pick({ id: true }),
      `UPDATE overrides SET expiry_handled_at = now() WHERE id = $1 AND revoked_at IS NULL AND expiry_handled_at IS NULL RETURNING id`,
      [overrideId],
    );
    return rows.length > 0;
  }

  /** household.erased: the free text supervisors wrote may name people; outcome, dates and who stay. */
  async blankReasons(manager: EntityManager, householdId: string): Promise<void> {
    await execute(
      manager,
      `UPDATE overrides SET reason = '', revoke_reason = CASE WHEN revoke_reason IS NULL THEN NULL ELSE '' END WHERE household_id = $1`,
      [householdId],
    );
  }
}
