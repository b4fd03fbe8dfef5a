import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development provider counts the calls to its send() per message. Its row is keyed by message id,
 * so before this a second hand-off of one message left no trace; the pipeline bench and the fault
 * suite could only infer hand-offs from the status history, which also counts a claim that never
 * reached the provider (a resend after reconciliation found nothing there).
 */
export class DevHandOffs1764700000000 implements MigrationInterface {
  name = 'DevHandOffs1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dev_sms_outbox ADD COLUMN hand_offs integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dev_sms_outbox DROP COLUMN hand_offs`);
  }
}
