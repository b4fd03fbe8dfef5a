import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fingerprint of the last destination-area list published as areas.published: a start publishes
 * the list when it differs (an existing deployment's list was never published), and only then.
 * One row, locked while a list is compared and published, so replicas do not publish it twice.
 */
export class PublishedAreas1764470000000 implements MigrationInterface {
  name = 'PublishedAreas1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE published_areas (
        id smallint PRIMARY KEY CHECK (id = 1),
        list_hash text,
        published_at timestamptz
      )`);
    await q.query(`INSERT INTO published_areas (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE published_areas`);
  }
}
