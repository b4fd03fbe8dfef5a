import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a message ended without reaching the family (SMS_OUTCOME_REASONS: no_phone, opted_out,
 * withdrawn, expired, superseded, provider_failed), kept with the message so the log, the statistics
 * and SmsStatusChangedV1 say the same thing. Messages ended before this have none.
 */
export class SmsOutcomes1796567290263 implements MigrationInterface {
  name = 'SmsOutcomes1796567290263';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages ADD COLUMN outcome_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE messages DROP COLUMN outcome_reason`);
  }
}
