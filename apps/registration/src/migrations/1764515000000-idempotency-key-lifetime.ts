import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys kept the full answer (phones, document numbers) in clear, for ever. The answer is
 * now stored encrypted with the field cipher in response_encrypted, and keys are pruned by age
 * (IDEMPOTENCY_KEY_TTL_HOURS). Answers stored in clear before this migration are encrypted by the
 * pruning job at the service's start (it needs the key, which SQL does not have); `response` stays
 * for them until then.
 */
export class IdempotencyKeyLifetime1764515000000 implements MigrationInterface {
  name = 'IdempotencyKeyLifetime1764515000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN response_encrypted text`);
    await q.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idempotency_keys_created`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN response_encrypted`);
  }
}
