import type { MigrationInterface, QueryRunner } from 'typeorm';

function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('the DataSource must set a schema for the rate-limit table');
  return schema;
}

/**
 * The rate-limit counters, in the service's own schema: one row per (key, subject, window start),
 * incremented atomically by every replica (see RateLimitRepository). createServiceApp lists it right
 * after the messaging tables.
 */
export class RateLimitTables1764374400002 implements MigrationInterface {
  name = 'RateLimitTables1764374400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(`
      CREATE TABLE ${s}.rate_limit_counters (
        key text NOT NULL,
        subject text NOT NULL,
        window_start timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (key, subject, window_start)
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_counters_expires_at ON ${s}.rate_limit_counters (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".rate_limit_counters`);
  }
}
