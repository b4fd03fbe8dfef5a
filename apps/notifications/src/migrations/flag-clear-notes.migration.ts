import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The note a case worker writes when clearing a follow-up flag (encrypted: it may name people). */
export class FlagClearNotes1796700000001 implements MigrationInterface {
  name = 'FlagClearNotes1796700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversations ADD COLUMN flag_clear_note_encrypted text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE conversations DROP COLUMN flag_clear_note_encrypted`);
  }
}
