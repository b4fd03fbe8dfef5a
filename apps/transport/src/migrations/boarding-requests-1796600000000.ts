import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key for the boarding taps (check-in, no-show): a tablet queues them with no network
 * and sends each again until it gets an answer, so transport keeps each key's first answer and gives
 * it back to a retry. The answers hold ids and counts, no names. Kept a week (pruned at departures).
 */
export class BoardingRequests1796600000000 implements MigrationInterface {
  name = 'BoardingRequests1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE boarding_requests (
        actor text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor, key)
      )`);
    await q.query(`CREATE INDEX boarding_requests_created_at ON boarding_requests (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE boarding_requests`);
  }
}
