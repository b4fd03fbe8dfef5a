import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assembly point in each language the camp writes it in ({ar, ckb, kmr, en}, each optional), beside
 * the free-text `assembly_point` every message falls back to. Null for convoys made before.
 */
export class AssemblyPointTexts1796567260204 implements MigrationInterface {
  name = 'AssemblyPointTexts1796567260204';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE convoys ADD COLUMN assembly_point_texts jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE convoys DROP COLUMN assembly_point_texts`);
  }
}
