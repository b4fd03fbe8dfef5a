import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fleet, corridors, the household projection, convoys and bookings. Seats are counted on
 * convoy_vehicles.used with a CHECK (used <= capacity): a booking is a conditional UPDATE of that
 * counter, so two officers (or two hundred) can never book the same seat.
 */
export class TransportTables1764400000000 implements MigrationInterface {
  name = 'TransportTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE corridors (
        id text PRIMARY KEY,
        name text NOT NULL,
        area_prefixes text[] NOT NULL CHECK (cardinality(area_prefixes) > 0)
      )`);
    // Governorate p-codes: SY11 = Ar-Raqqa (Raqqa city, Tabqa), SY09 = Deir-ez-Zor.
    await queryRunner.query(`
      INSERT INTO corridors (id, name, area_prefixes) VALUES
        ('raqqa-tabqa', 'Raqqa / Tabqa road', ARRAY['SY11']),
        ('deir-ez-zor', 'Deir ez-Zor road', ARRAY['SY09'])`);

    await queryRunner.query(`
      CREATE TABLE vehicles (
        id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        type text NOT NULL CHECK (type IN ('bus', 'minibus', 'cargo_truck', 'ambulance')),
        plate text NOT NULL,
        operator text NOT NULL,
        seats integer CHECK (seats > 0),
        cargo_capacity numeric(8, 3) CHECK (cargo_capacity > 0),
        stretcher_places integer CHECK (stretcher_places > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT vehicles_plate_unique UNIQUE (plate),
        CONSTRAINT vehicles_capacity_by_type CHECK (
          (type IN ('bus', 'minibus') AND seats IS NOT NULL) OR
          (type = 'cargo_truck' AND cargo_capacity IS NOT NULL) OR
          (type = 'ambulance' AND stretcher_places IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX vehicles_camp ON vehicles (camp_id)`);
    await queryRunner.query(`
      CREATE TABLE vehicle_availability (
        vehicle_id uuid NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
        available_on date NOT NULL,
        PRIMARY KEY (vehicle_id, available_on)
      )`);

    await queryRunner.query(`
      CREATE TABLE households (
        household_id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        household_version integer NOT NULL DEFAULT 0,
        registration_status text,
        destination_area text,
        members jsonb NOT NULL DEFAULT '[]',
        seat_units integer NOT NULL DEFAULT 0,
        ambulance_places integer NOT NULL DEFAULT 0,
        assessment_version integer NOT NULL DEFAULT 0,
        eligibility text,
        priority numeric NOT NULL DEFAULT 0,
        schedule_version integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX households_pool ON households (camp_id) WHERE eligibility = 'eligible'`);

    await queryRunner.query(`
      CREATE TABLE convoys (
        id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        corridor_id text NOT NULL REFERENCES corridors (id),
        departure_date date NOT NULL,
        departure_time text NOT NULL,
        assembly_point text NOT NULL,
        destinations text[] NOT NULL,
        escort_notes text,
        status text NOT NULL CHECK (status IN ('planned', 'confirmed', 'boarding', 'departed', 'arrived', 'cancelled')),
        cancel_reason text,
        plan_id uuid,
        departed_at timestamptz,
        arrived_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX convoys_camp_date ON convoys (camp_id, departure_date)`);

    await queryRunner.query(`
      CREATE TABLE convoy_vehicles (
        id uuid PRIMARY KEY,
        convoy_id uuid NOT NULL REFERENCES convoys (id),
        vehicle_id uuid NOT NULL REFERENCES vehicles (id),
        departure_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('seats', 'cargo', 'stretcher')),
        capacity integer NOT NULL CHECK (capacity > 0),
        used integer NOT NULL DEFAULT 0,
        released_at timestamptz,
        CONSTRAINT convoy_vehicles_within_capacity CHECK (used >= 0 AND used <= capacity)
      )`);
    // A vehicle serves one live convoy a day.
    await queryRunner.query(`
      CREATE UNIQUE INDEX convoy_vehicles_one_convoy_a_day ON convoy_vehicles (vehicle_id, departure_date)
      WHERE released_at IS NULL`);
    await queryRunner.query(`CREATE INDEX convoy_vehicles_convoy ON convoy_vehicles (convoy_id)`);

    await queryRunner.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (household_id),
        convoy_id uuid NOT NULL REFERENCES convoys (id),
        status text NOT NULL CHECK (status IN ('assigned', 'boarded', 'released')),
        seat_units integer NOT NULL,
        ambulance_places integer NOT NULL,
        release_reason text,
        no_show boolean NOT NULL DEFAULT false,
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    // One household, at most one live seat anywhere: the last word against double booking.
    await queryRunner.query(`
      CREATE UNIQUE INDEX assignments_one_active_per_household ON assignments (household_id)
      WHERE status <> 'released'`);
    await queryRunner.query(`CREATE INDEX assignments_convoy ON assignments (convoy_id)`);
    await queryRunner.query(`
      CREATE TABLE bookings (
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        convoy_vehicle_id uuid NOT NULL REFERENCES convoy_vehicles (id),
        units integer NOT NULL CHECK (units > 0),
        PRIMARY KEY (assignment_id, convoy_vehicle_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE check_ins (
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        member_id uuid NOT NULL,
        checked_in_by text NOT NULL,
        checked_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assignment_id, member_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE plan_proposals (
        id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        request jsonb NOT NULL,
        households jsonb NOT NULL,
        plan jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('proposed', 'committed')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        committed_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'plan_proposals',
      'check_ins',
      'bookings',
      'assignments',
      'convoy_vehicles',
      'convoys',
      'households',
      'vehicle_availability',
      'vehicles',
      'corridors',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
