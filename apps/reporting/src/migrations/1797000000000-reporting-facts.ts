import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model: one row per fact (a household's counts and codes, a convoy, a boarding, an SMS, an
 * area), its body written by the pure merges of src/projection. No names, phones or documents: ids,
 * codes and counts only. camp_id is null for facts every camp sees (areas).
 */
export class ReportingFacts1797000000000 implements MigrationInterface {
  name = 'ReportingFacts1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facts (
        kind text NOT NULL CHECK (kind IN ('household', 'convoy', 'boarding', 'sms', 'area')),
        key text NOT NULL,
        camp_id text,
        body jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      )`);
    await q.query(`CREATE INDEX facts_camp ON facts (camp_id, kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE facts`);
  }
}
