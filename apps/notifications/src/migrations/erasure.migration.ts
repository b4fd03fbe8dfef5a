import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * recipients.erased_at: the household's personal data was erased (household.erased). Its phone and
 * message texts are gone; a contact.changed delivered late never brings the phone back.
 */
export class Erasure1796570000000 implements MigrationInterface {
  name = 'Erasure1796570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recipients ADD COLUMN erased_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE recipients DROP COLUMN erased_at`);
  }
}
