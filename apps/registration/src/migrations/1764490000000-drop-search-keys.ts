import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * members.search_keys (name pairs without sex or age) was replaced by blocking_keys for the duplicate
 * check and nothing reads it any more; its GIN index was still maintained on every insert.
 */
export class DropSearchKeys1764490000000 implements MigrationInterface {
  name = 'DropSearchKeys1764490000000';

  async up(q: QueryRunner): Promise<void> {
    // Dropping the column drops its index (members_search_keys) with it.
    await q.query(`ALTER TABLE members DROP COLUMN search_keys`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The keys are computed in JS (personSearchKeys); a rollback leaves them empty, as nothing reads them.
    await q.query(`ALTER TABLE members ADD COLUMN search_keys text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX members_search_keys ON members USING gin (search_keys)`);
  }
}
