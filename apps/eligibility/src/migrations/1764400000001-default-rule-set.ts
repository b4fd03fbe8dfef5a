import type { MigrationInterface, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { defaultRuleSet } from '@awda/eligibility-rules';

/** Seeds the library's default rule set as version 1, active; a no-op when a version 1 exists. */
export class DefaultRuleSet1764400000001 implements MigrationInterface {
  name = 'DefaultRuleSet1764400000001';

  async up(q: QueryRunner): Promise<void> {
    const document = { ...defaultRuleSet, version: 1 };
    await q.query(
      `INSERT INTO rule_sets (id, version, name, document, active, created_by, activated_by, activated_at)
       SELECT $1, 1, $2, $3::jsonb, NOT EXISTS (SELECT 1 FROM rule_sets WHERE active), 'system', 'system', now()
       ON CONFLICT (version) DO NOTHING`,
      [uuidv7(), document.name, JSON.stringify(document)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM rule_sets WHERE version = 1 AND created_by = 'system'`);
  }
}
