import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a member can travel, as the medical clearance states it (issue 14 item 11). Clearances recorded
 * before this have no mode (null): they count as not stating it, so eligibility asks for it again.
 */
export class MemberTravelMode1796567249472 implements MigrationInterface {
  name = 'MemberTravelMode1796567249472';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE members ADD COLUMN travel_mode text
        CHECK (travel_mode IN ('bus', 'bus_with_companion', 'ambulance_seated', 'stretcher'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members DROP COLUMN travel_mode`);
  }
}
