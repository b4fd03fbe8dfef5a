import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What notifications reports of the travel messages (scheduled, reminder) it sends a household: one row
 * per message with its latest status and, when it did not reach the family, why. No text, no phone.
 */
export class TravelMessages1796567385916 implements MigrationInterface {
  name = 'TravelMessages1796567385916';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE travel_messages (
        message_id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        template text NOT NULL,
        status text NOT NULL,
        reason text,
        status_at timestamptz NOT NULL,
        first_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX travel_messages_household ON travel_messages (household_id, status_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE travel_messages`);
  }
}
