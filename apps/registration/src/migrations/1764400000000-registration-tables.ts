import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Households, members, documents, consents, duplicates, history, audit and idempotency. */
export class RegistrationTables1764400000000 implements MigrationInterface {
  name = 'RegistrationTables1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE areas (
        code text PRIMARY KEY,
        level text NOT NULL CHECK (level IN ('governorate', 'district', 'subdistrict', 'community')),
        parent_code text REFERENCES areas (code) DEFERRABLE INITIALLY DEFERRED,
        name_en text NOT NULL,
        name_ar text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE camp_settings (
        camp_id text PRIMARY KEY,
        consent_policy text NOT NULL CHECK (consent_policy IN ('each_adult', 'head_only')),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE households (
        id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        case_number text NOT NULL,
        shelter_location text,
        destination_area text NOT NULL REFERENCES areas (code),
        language text NOT NULL,
        phone_encrypted text,
        phone_hash text,
        status text NOT NULL,
        closed_reason text,
        version integer NOT NULL,
        schedule_version integer NOT NULL DEFAULT 0,
        convoy_id uuid,
        departure_date date,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        created_by text NOT NULL,
        import_id uuid,
        content_hash text,
        CONSTRAINT households_camp_case_unique UNIQUE (camp_id, case_number)
      )`);
    await q.query(`CREATE INDEX households_camp_status ON households (camp_id, status)`);
    await q.query(`CREATE INDEX households_phone_hash ON households (phone_hash) WHERE phone_hash IS NOT NULL`);
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        position integer NOT NULL,
        full_name_ar text NOT NULL,
        full_name_latin text,
        sex text NOT NULL,
        date_of_birth date,
        estimated_age integer,
        age_recorded_on date NOT NULL,
        relationship text NOT NULL,
        needs text[] NOT NULL DEFAULT '{}',
        fit_to_travel boolean,
        has_medical_clearance boolean NOT NULL DEFAULT false,
        has_best_interests_determination boolean NOT NULL DEFAULT false,
        search_keys text[] NOT NULL DEFAULT '{}',
        name_tokens text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX members_household ON members (household_id)`);
    await q.query(`CREATE UNIQUE INDEX members_one_head ON members (household_id) WHERE relationship = 'head'`);
    await q.query(`CREATE INDEX members_search_keys ON members USING gin (search_keys)`);
    await q.query(`CREATE INDEX members_name_tokens ON members USING gin (name_tokens)`);
    await q.query(`
      CREATE TABLE identity_documents (
        id uuid PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        type text NOT NULL,
        number_encrypted text NOT NULL,
        number_hash text NOT NULL
      )`);
    await q.query(`CREATE INDEX identity_documents_member ON identity_documents (member_id)`);
    await q.query(`CREATE INDEX identity_documents_hash ON identity_documents (number_hash)`);
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        decision text NOT NULL,
        decided_on date NOT NULL,
        method text NOT NULL,
        form_reference text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        corrects_consent_id uuid REFERENCES consents (id),
        superseded boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX consents_household ON consents (household_id, recorded_at)`);
    await q.query(`
      CREATE TABLE duplicate_candidates (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        other_household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        camp_id text NOT NULL,
        other_camp_id text NOT NULL,
        reasons text[] NOT NULL,
        score real NOT NULL,
        status text NOT NULL DEFAULT 'open',
        decided_by text,
        decided_at timestamptz,
        decision_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX duplicate_candidates_pair ON duplicate_candidates (LEAST(household_id, other_household_id), GREATEST(household_id, other_household_id))`,
    );
    await q.query(`CREATE INDEX duplicate_candidates_open ON duplicate_candidates (camp_id, created_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX duplicate_candidates_other ON duplicate_candidates (other_household_id)`);
    await q.query(`
      CREATE TABLE household_timeline (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        kind text NOT NULL,
        version integer,
        actor text,
        changes text[] NOT NULL DEFAULT '{}',
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX household_timeline_household ON household_timeline (household_id, occurred_at)`);
    await q.query(`
      CREATE TABLE assessments (
        household_id uuid PRIMARY KEY,
        assessment_version integer NOT NULL,
        status text NOT NULL,
        reasons jsonb NOT NULL,
        household_version integer NOT NULL,
        assessed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        household_id uuid,
        endpoint text NOT NULL,
        outcome text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_household ON audit_log (household_id, at)`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      )`);
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        file_name text NOT NULL,
        format text NOT NULL,
        dry_run boolean NOT NULL,
        status text NOT NULL,
        rows_read integer NOT NULL DEFAULT 0,
        households_created integer NOT NULL DEFAULT 0,
        households_updated integer NOT NULL DEFAULT 0,
        households_unchanged integer NOT NULL DEFAULT 0,
        rows_failed integer NOT NULL DEFAULT 0,
        rows_total integer,
        failure text,
        started_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE import_errors (
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        field text,
        message text NOT NULL
      )`);
    await q.query(`CREATE INDEX import_errors_import ON import_errors (import_id, row_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'import_errors', 'imports', 'idempotency_keys', 'audit_log', 'assessments', 'household_timeline',
      'duplicate_candidates', 'consents', 'identity_documents', 'members', 'households', 'camp_settings', 'areas',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
