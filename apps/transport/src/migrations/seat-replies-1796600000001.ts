import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seats confirmed or given up by SMS reply. An assignment records when the family confirmed, or a flag
 * when it did not answer and its convoy keeps unanswered seats; each convoy has its no-answer policy
 * (logistics chooses: keep and flag, the default, or release); a family that gave up a date is not
 * offered a seat on that date again (declined_dates), without any change to its consent.
 */
export class SeatReplies1796600000001 implements MigrationInterface {
  name = 'SeatReplies1796600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE assignments ADD COLUMN seat_confirmed_at timestamptz, ADD COLUMN confirmation_flag text`);
    await queryRunner.query(
      `ALTER TABLE convoys ADD COLUMN no_answer_policy text NOT NULL DEFAULT 'keep_and_flag' CHECK (no_answer_policy IN ('keep_and_flag', 'release'))`,
    );
    await queryRunner.query(`
      CREATE TABLE declined_dates (
        household_id uuid NOT NULL,
        departure_date date NOT NULL,
        convoy_id uuid NOT NULL,
        declined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (household_id, departure_date)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE declined_dates`);
    await queryRunner.query(`ALTER TABLE convoys DROP COLUMN no_answer_policy`);
    await queryRunner.query(`ALTER TABLE assignments DROP COLUMN seat_confirmed_at, DROP COLUMN confirmation_flag`);
  }
}
