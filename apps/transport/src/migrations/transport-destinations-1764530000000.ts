import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Destinations resolved through the area hierarchy: registration's area list is projected here, and a
 * corridor names areas at any level (matched on a destination's chain, no longer by code prefix; the
 * seeded SY11 and SY09 are governorate codes, so they keep their meaning). Transport publishes its
 * corridors (the hash of the list last published is kept). A household keeps the basis of its
 * priority so that waiting time is counted up to the day it is planned.
 */
export class TransportDestinations1764530000000 implements MigrationInterface {
  name = 'TransportDestinations1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE corridors RENAME COLUMN area_prefixes TO area_codes`);
    await q.query(`
      CREATE TABLE destination_areas (
        code text PRIMARY KEY,
        parent_code text,
        level text NOT NULL,
        name_ar text NOT NULL,
        name_en text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX destination_areas_parent ON destination_areas (parent_code)`);
    await q.query(`
      CREATE TABLE destination_area_list (
        id integer PRIMARY KEY CHECK (id = 1),
        published_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE published_corridors (
        id integer PRIMARY KEY CHECK (id = 1),
        list_hash text NOT NULL,
        published_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE households ADD COLUMN priority_basis jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE households DROP COLUMN priority_basis`);
    for (const table of ['published_corridors', 'destination_area_list', 'destination_areas']) await q.query(`DROP TABLE ${table}`);
    await q.query(`ALTER TABLE corridors RENAME COLUMN area_codes TO area_prefixes`);
  }
}
