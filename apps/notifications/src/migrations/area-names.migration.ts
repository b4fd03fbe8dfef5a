import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Destination-area names projected from areas.published, so a message names the family's
 * destination instead of its p-code. Each area keeps the publishedAt of the list it came from.
 */
export class AreaNames1764600000000 implements MigrationInterface {
  name = 'AreaNames1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE areas (
        code text PRIMARY KEY,
        level text NOT NULL,
        parent_code text,
        name_ar text NOT NULL,
        name_en text NOT NULL,
        published_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE areas`);
  }
}
