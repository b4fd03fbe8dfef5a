import type { MigrationInterface, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { returnedRows } from '@awda/persistence';

// The defaults of OVERRIDE_DEFAULT_DAYS and OVERRIDE_MAX_DAYS: a migration cannot read the config.
const DEFAULT_DAYS = 30;
const MAX_DAYS = 180;
const UNWAIVABLE = ['all_adults_consented', 'not_withdrawn', 'destination_open'];

/**
 * Destinations resolved through the area hierarchy: registration's area list and transport's corridors
 * are projected here. Overrides name the rules they waive.
 *
 * Existing "eligible" overrides waived every rule for ever. Each one in force now waives the rules that
 * its household's latest assessment showed failing and that an override may waive (never consent,
 * withdrawal or the destination area); one left waiving nothing is revoked, with that reason. Each gets
 * an expiry: the default lifetime from now when it had none, at most the cap from now. Every change is
 * in the audit log (actor "system"), and a re-evaluation of every household is queued.
 */
export class DestinationsAndWaivers1764520000000 implements MigrationInterface {
  name = 'DestinationsAndWaivers1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE area_hierarchy (
        code text PRIMARY KEY,
        parent_code text,
        level text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX area_hierarchy_parent ON area_hierarchy (parent_code)`);
    await q.query(`
      CREATE TABLE corridors (
        id text PRIMARY KEY,
        name text NOT NULL,
        area_codes text[] NOT NULL
      )`);
    // Which published lists (areas, corridors) have arrived, and the newest applied.
    await q.query(`
      CREATE TABLE reference_lists (
        name text PRIMARY KEY CHECK (name IN ('areas', 'corridors')),
        published_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE reevaluation_runs DROP CONSTRAINT reevaluation_runs_cause_check`);
    await q.query(
      `ALTER TABLE reevaluation_runs ADD CONSTRAINT reevaluation_runs_cause_check
       CHECK (cause IN ('area', 'rule_set', 'area_list', 'corridors', 'overrides_migrated'))`,
    );
    await q.query(`ALTER TABLE overrides ADD COLUMN waives text[] NOT NULL DEFAULT '{}'`);

    await q.query(
      `UPDATE overrides o SET waives = COALESCE((
         SELECT array_agg(DISTINCT failed.value->>'ruleId' ORDER BY failed.value->>'ruleId')
           FROM assessments a, jsonb_array_elements(a.result->'reasons') AS failed(value)
          WHERE a.household_id = o.household_id
            AND failed.value->>'ruleId' IN (
              SELECT rule.value->>'id' FROM rule_sets rs, jsonb_array_elements(rs.document->'rules') AS rule(value)
               WHERE rs.active AND NOT (rule.value->>'predicate' = ANY($1::text[])))
       ), '{}')
       WHERE o.outcome = 'eligible' AND o.revoked_at IS NULL`,
      [UNWAIVABLE],
    );
    const revoked: unknown[] = await q.query(
      `UPDATE overrides SET revoked_at = now(), revoked_by = 'system',
         revoke_reason = 'migration: overrides no longer waive consent, withdrawal or the destination area, and nothing else was failing'
       WHERE outcome = 'eligible' AND revoked_at IS NULL AND waives = '{}'
       RETURNING id`,
    );
    const limited: unknown[] = await q.query(
      `UPDATE overrides SET expires_at = LEAST(COALESCE(expires_at, now() + make_interval(days => $1)), now() + make_interval(days => $2))
       WHERE outcome = 'eligible' AND revoked_at IS NULL
       RETURNING id`,
      [DEFAULT_DAYS, MAX_DAYS],
    );
    await q.query(
      `INSERT INTO audit_log (id, actor, action, household_id, details)
       SELECT gen_random_uuid(), 'system', 'override.migrated', household_id,
              jsonb_build_object('overrideId', id, 'waives', to_jsonb(waives), 'expiresAt', expires_at, 'revoked', revoked_at IS NOT NULL)
         FROM overrides
        WHERE outcome = 'eligible' AND (revoked_by = 'system' OR revoked_at IS NULL)`,
    );
    if (returnedRows(revoked).length + returnedRows(limited).length > 0) {
      await q.query(`INSERT INTO reevaluation_runs (id, cause) VALUES ($1, 'overrides_migrated')`, [uuidv7()]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE overrides DROP COLUMN waives`);
    await q.query(`DELETE FROM reevaluation_runs WHERE cause IN ('area_list', 'corridors', 'overrides_migrated')`);
    await q.query(`ALTER TABLE reevaluation_runs DROP CONSTRAINT reevaluation_runs_cause_check`);
    await q.query(`ALTER TABLE reevaluation_runs ADD CONSTRAINT reevaluation_runs_cause_check CHECK (cause IN ('area', 'rule_set'))`);
    for (const table of ['reference_lists', 'corridors', 'area_hierarchy']) await q.query(`DROP TABLE ${table}`);
  }
}
