import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reason codes of a household's latest assessment: a family with a seat whose assessment turns
 * pending only for a possible duplicate keeps its seat (a supervisor decides; see HouseholdReactions).
 */
export class AssessmentReasons1764420000000 implements MigrationInterface {
  name = 'AssessmentReasons1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE households ADD COLUMN assessment_reasons text[] NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE households DROP COLUMN IF EXISTS assessment_reasons`);
  }
}
