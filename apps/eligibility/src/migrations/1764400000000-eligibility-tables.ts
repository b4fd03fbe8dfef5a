import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Projection of households, assessments, rule sets, areas, overrides, re-evaluation runs, audit log. */
export class EligibilityTables1764400000000 implements MigrationInterface {
  name = 'EligibilityTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Facts are null until a snapshot arrives: a withdrawal or closure may come first.
    await q.query(`
      CREATE TABLE households (
        household_id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        version integer NOT NULL,
        snapshot_version integer,
        status text NOT NULL,
        status_event text,
        status_event_version integer,
        destination_area text,
        consent_policy text,
        registered_at timestamptz,
        members jsonb,
        unresolved_duplicates integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX households_area ON households (destination_area, household_id)`);
    await q.query(`
      CREATE TABLE assessments (
        household_id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        destination_area text NOT NULL,
        status text NOT NULL,
        priority numeric NOT NULL,
        rule_set_version integer NOT NULL,
        household_version integer NOT NULL,
        assessment_version integer NOT NULL,
        override_outcome text,
        result jsonb NOT NULL,
        assessed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX assessments_camp_status ON assessments (camp_id, status, household_id)`);
    await q.query(`
      CREATE TABLE rule_sets (
        id uuid PRIMARY KEY,
        version integer NOT NULL CONSTRAINT rule_sets_version_unique UNIQUE,
        name text NOT NULL,
        document jsonb NOT NULL,
        active boolean NOT NULL DEFAULT false,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_by text,
        activated_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets ((true)) WHERE active`);
    await q.query(`
      CREATE TABLE areas (
        code text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('open', 'closed', 'restricted')),
        reason text,
        effective_from timestamptz NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE area_changes (
        id uuid PRIMARY KEY,
        area_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed', 'restricted')),
        reason text,
        effective_from timestamptz NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
    await q.query(`CREATE INDEX area_changes_due ON area_changes (effective_from) WHERE applied_at IS NULL`);
    await q.query(`
      CREATE TABLE overrides (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('eligible', 'ineligible')),
        reason text NOT NULL,
        expires_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text,
        revoke_reason text,
        expiry_handled_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX overrides_one_current ON overrides (household_id) WHERE revoked_at IS NULL`);
    await q.query(
      `CREATE INDEX overrides_expiring ON overrides (expires_at)
       WHERE revoked_at IS NULL AND expiry_handled_at IS NULL AND expires_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE reevaluation_runs (
        id uuid PRIMARY KEY,
        cause text NOT NULL CHECK (cause IN ('area', 'rule_set')),
        area_code text,
        rule_set_version integer,
        after_household_id uuid,
        households_seen integer NOT NULL DEFAULT 0,
        assessments_published integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX reevaluation_runs_open ON reevaluation_runs (created_at) WHERE finished_at IS NULL`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        household_id uuid,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_household ON audit_log (household_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'reevaluation_runs', 'overrides', 'area_changes', 'areas', 'rule_sets', 'assessments', 'households']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
