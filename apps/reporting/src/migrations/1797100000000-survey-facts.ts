import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-up survey answers in the read model: a fact of kind `survey` per (conversation, question), codes and digits only. */
export class SurveyFacts1797100000000 implements MigrationInterface {
  name = 'SurveyFacts1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE facts DROP CONSTRAINT facts_kind_check`);
    await q.query(`ALTER TABLE facts ADD CONSTRAINT facts_kind_check CHECK (kind IN ('household', 'convoy', 'boarding', 'sms', 'area', 'survey'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM facts WHERE kind = 'survey'`);
    await q.query(`ALTER TABLE facts DROP CONSTRAINT facts_kind_check`);
    await q.query(`ALTER TABLE facts ADD CONSTRAINT facts_kind_check CHECK (kind IN ('household', 'convoy', 'boarding', 'sms', 'area'))`);
  }
}
