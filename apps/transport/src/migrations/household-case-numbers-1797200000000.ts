import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case number of each household, from registration's snapshot: what logistics staff use to find a
 * family (not personal data like a name or a phone). Null for a household whose snapshot has not come
 * since (it fills with the next one); the manifest still asks registration for it with the names.
 */
export class HouseholdCaseNumbers1797200000000 implements MigrationInterface {
  name = 'HouseholdCaseNumbers1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE households ADD COLUMN case_number text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE households DROP COLUMN case_number`);
  }
}
