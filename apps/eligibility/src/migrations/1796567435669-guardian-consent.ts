import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest guardian consent or best-interests decision of a child-headed household, from
 * registration's snapshot ({ basis, decision }); null for every other household and older snapshots.
 */
export class GuardianConsent1796567435669 implements MigrationInterface {
  name = 'GuardianConsent1796567435669';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE households ADD COLUMN guardian_consent jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE households DROP COLUMN guardian_consent`);
  }
}
