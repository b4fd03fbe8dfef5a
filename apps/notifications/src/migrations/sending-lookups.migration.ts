import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A `sending` message whose outcome is unknown is looked up at the provider: when to look next and
 * how many lookups failed (bounded by SMS_MAX_ATTEMPTS).
 */
export class SendingLookups1764500000000 implements MigrationInterface {
  name = 'SendingLookups1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN lookup_after timestamptz, ADD COLUMN failed_lookups integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN lookup_after, DROP COLUMN failed_lookups`);
  }
}
