import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the duplicate check and the household snapshot look up by household: without them,
 * "documents of this household" and "open candidates naming this household" read the whole
 * table once per registered household, which made a bulk import slow down as it grew.
 */
export class ImportLookupIndexes1764460000000 implements MigrationInterface {
  name = 'ImportLookupIndexes1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS identity_documents_household ON identity_documents (household_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS duplicate_candidates_household ON duplicate_candidates (household_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS duplicate_candidates_household`);
    await q.query(`DROP INDEX IF EXISTS identity_documents_household`);
  }
}
