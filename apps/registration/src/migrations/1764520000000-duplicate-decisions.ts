import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deciding possible duplicates: a household closed as a duplicate names the record kept
 * (households.merged_into); a pair across two camps may wait for the second camp's supervisor to
 * agree to a merge (merge_approvals, with the record both propose to keep); the queue is paged by id.
 */
export class DuplicateDecisions1764520000000 implements MigrationInterface {
  name = 'DuplicateDecisions1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE households ADD COLUMN merged_into uuid`);
    await q.query(`ALTER TABLE duplicate_candidates ADD COLUMN keep_household_id uuid, ADD COLUMN merge_approvals jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`CREATE INDEX duplicate_candidates_status_id ON duplicate_candidates (status, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS duplicate_candidates_status_id`);
    await q.query(`ALTER TABLE duplicate_candidates DROP COLUMN IF EXISTS merge_approvals, DROP COLUMN IF EXISTS keep_household_id`);
    await q.query(`ALTER TABLE households DROP COLUMN IF EXISTS merged_into`);
  }
}
