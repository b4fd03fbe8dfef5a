import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transport's corridors, projected so that a destination no convoy route reaches is flagged where it is
 * entered: each area says whether a corridor serves it (null until the first corridor list arrives).
 * Eligibility and transport now resolve destinations with the area list, so it is published again on
 * the next start (the fingerprint of the last published list is cleared).
 */
export class CorridorCoverage1764540000000 implements MigrationInterface {
  name = 'CorridorCoverage1764540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE corridors (
        id text PRIMARY KEY,
        name text NOT NULL,
        area_codes text[] NOT NULL
      )`);
    await q.query(`
      CREATE TABLE corridor_list (
        id smallint PRIMARY KEY CHECK (id = 1),
        published_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE areas ADD COLUMN served boolean`);
    await q.query(`UPDATE published_areas SET list_hash = NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE areas DROP COLUMN served`);
    await q.query(`DROP TABLE corridor_list`);
    await q.query(`DROP TABLE corridors`);
  }
}
