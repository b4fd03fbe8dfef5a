import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up survey. A survey conversation is created when the convoy's arrival is recorded, in the new
 * state `scheduled` until `asks_at` (SURVEY_AFTER_WEEKS later), then opened like the others. Its answers
 * (question code and digit, never text) are kept per household, one per (conversation, question).
 */
export class Survey1796700000000 implements MigrationInterface {
  name = 'Survey1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversations DROP CONSTRAINT conversations_state_check`);
    await queryRunner.query(
      `ALTER TABLE conversations ADD CONSTRAINT conversations_state_check CHECK (state IN ('scheduled', 'open', 'answered', 'expired', 'closed'))`,
    );
    await queryRunner.query(`ALTER TABLE conversations ADD COLUMN asks_at timestamptz`);
    await queryRunner.query(`CREATE INDEX conversations_asks ON conversations (asks_at) WHERE state = 'scheduled'`);
    await queryRunner.query(`
      CREATE TABLE survey_answers (
        conversation_id uuid NOT NULL REFERENCES conversations (id),
        question_code text NOT NULL,
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        answer smallint NOT NULL CHECK (answer BETWEEN 1 AND 5),
        answered_at timestamptz NOT NULL,
        PRIMARY KEY (conversation_id, question_code)
      )`);
    await queryRunner.query(`CREATE INDEX survey_answers_household ON survey_answers (household_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE survey_answers`);
    await queryRunner.query(`DROP INDEX conversations_asks`);
    await queryRunner.query(`ALTER TABLE conversations DROP COLUMN asks_at`);
    await queryRunner.query(`DELETE FROM conversations WHERE state = 'scheduled'`);
    await queryRunner.query(`ALTER TABLE conversations DROP CONSTRAINT conversations_state_check`);
    await queryRunner.query(`ALTER TABLE conversations ADD CONSTRAINT conversations_state_check CHECK (state IN ('open', 'answered', 'expired', 'closed'))`);
  }
}
