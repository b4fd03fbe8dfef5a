import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Belongings by family size: an assignment remembers the truck share it booked (in thousandths of a
 * share, as convoy_vehicles counts cargo; every older assignment booked the old fixed 1000). And who
 * read which household's seat (case workers may now): the same shape as registration's audit log.
 */
export class CargoAndSeatReads1796567322667 implements MigrationInterface {
  name = 'CargoAndSeatReads1796567322667';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignments ADD COLUMN cargo_millis integer NOT NULL DEFAULT 1000 CHECK (cargo_millis >= 0)`);
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        household_id uuid,
        endpoint text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('read', 'denied'))
      )`);
    await q.query(`CREATE INDEX audit_log_household ON audit_log (household_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`ALTER TABLE assignments DROP COLUMN cargo_millis`);
  }
}
