import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seated ambulance places (issue 14 item 11): an ambulance declares stretcher places and places for
 * patients who travel seated; a household needs stretcher places and seated places, from the travel
 * mode of its members' medical clearances. A convoy takes an ambulance's seated places as a second
 * convoy_vehicles row (kind ambulance_seats) beside its stretcher row, so the seat ledger books and
 * frees them like any other place; the one-convoy-a-day index tells the two rows apart.
 */
export class AmbulanceSeats1796567590837 implements MigrationInterface {
  name = 'AmbulanceSeats1796567590837';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE households ADD COLUMN ambulance_seats integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE assignments ADD COLUMN ambulance_seats integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE vehicles ADD COLUMN seated_places integer CHECK (seated_places > 0)`);
    await q.query(`ALTER TABLE vehicles DROP CONSTRAINT vehicles_capacity_by_type`);
    await q.query(`
      ALTER TABLE vehicles ADD CONSTRAINT vehicles_capacity_by_type CHECK (
        (type IN ('bus', 'minibus') AND seats IS NOT NULL) OR
        (type = 'cargo_truck' AND cargo_capacity IS NOT NULL) OR
        (type = 'ambulance' AND (stretcher_places IS NOT NULL OR seated_places IS NOT NULL)))`);
    await q.query(`ALTER TABLE convoy_vehicles DROP CONSTRAINT convoy_vehicles_kind_check`);
    await q.query(`
      ALTER TABLE convoy_vehicles ADD CONSTRAINT convoy_vehicles_kind_check
        CHECK (kind IN ('seats', 'cargo', 'stretcher', 'ambulance_seats'))`);
    await q.query(`DROP INDEX convoy_vehicles_one_convoy_a_day`);
    await q.query(`
      CREATE UNIQUE INDEX convoy_vehicles_one_convoy_a_day ON convoy_vehicles (vehicle_id, departure_date, (kind = 'ambulance_seats'))
      WHERE released_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM convoy_vehicles WHERE kind = 'ambulance_seats'`);
    await q.query(`DROP INDEX convoy_vehicles_one_convoy_a_day`);
    await q.query(`
      CREATE UNIQUE INDEX convoy_vehicles_one_convoy_a_day ON convoy_vehicles (vehicle_id, departure_date)
      WHERE released_at IS NULL`);
    await q.query(`ALTER TABLE convoy_vehicles DROP CONSTRAINT convoy_vehicles_kind_check`);
    await q.query(`ALTER TABLE convoy_vehicles ADD CONSTRAINT convoy_vehicles_kind_check CHECK (kind IN ('seats', 'cargo', 'stretcher'))`);
    await q.query(`ALTER TABLE vehicles DROP CONSTRAINT vehicles_capacity_by_type`);
    await q.query(`UPDATE vehicles SET stretcher_places = 1 WHERE type = 'ambulance' AND stretcher_places IS NULL`);
    await q.query(`
      ALTER TABLE vehicles ADD CONSTRAINT vehicles_capacity_by_type CHECK (
        (type IN ('bus', 'minibus') AND seats IS NOT NULL) OR
        (type = 'cargo_truck' AND cargo_capacity IS NOT NULL) OR
        (type = 'ambulance' AND stretcher_places IS NOT NULL))`);
    await q.query(`ALTER TABLE vehicles DROP COLUMN seated_places`);
    await q.query(`ALTER TABLE assignments DROP COLUMN ambulance_seats`);
    await q.query(`ALTER TABLE households DROP COLUMN ambulance_seats`);
  }
}
