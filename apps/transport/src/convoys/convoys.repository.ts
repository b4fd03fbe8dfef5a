import { Injectable } from '@nestjs/common';
// Convoys' SQL outside the scheduling reads (scheduling.repository.ts: findConvoy, convoyVehicles):
// new convoys, their status steps, the vehicles they take, the families a convoy shows. Rows checked here.
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';
import { CONVOY_COLUMNS, convoyRow, type ConvoyRow, type ConvoyStatus } from '../scheduling/scheduling.repository.js';

export interface NewConvoy {
  id: string;
  campId: string;
  corridorId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  assemblyPointTexts: ConvoyRow['assemblyPointTexts'] | undefined;
  destinations: readonly string[];
  escortNotes: string | null;
}

const convoyHouseholdRow = z.object({
  householdId: pg.uuid(),
  /** Registration's case number; null until transport has received a snapshot carrying it. */
  caseNumber: pg.text().nullable(),
  status: z.enum(['assigned', 'boarded', 'released']),
  seatUnits: pg.int(),
  /** Stretcher places. */
  ambulancePlaces: pg.int(),
  /** Seated ambulance places. */
  ambulanceSeats: pg.int(),
  members: pg.int(),
  noShow: pg.bool(),
  releaseReason: pg.text().nullable(),
  checkedIn: pg.textArray(),
});
export type ConvoyHouseholdRow = z.output<typeof convoyHouseholdRow>;

const vehicleToAttachRow = z.object({
  type: pg.text(),
  plate: pg.text(),
  campId: pg.text(),
  seats: pg.int().nullable(),
  cargo: pg.float().nullable(),
  stretchers: pg.int().nullable(),
  seated: pg.int().nullable(),
  available: pg.bool(),
});
export type VehicleToAttach = z.output<typeof vehicleToAttachRow>;

/** Convoys and the vehicles attached to them. */
@Injectable()
export class ConvoysRepository {
  /** A planned convoy; `planId` names the plan it was committed from (null: made by hand). */
  async insertConvoy(manager: EntityManager, convoy: NewConvoy, planId: string | null, by: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO convoys (id, camp_id, corridor_id, departure_date, departure_time, assembly_point, destinations, escort_notes,
                            status, plan_id, created_by, assembly_point_texts)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, 'planned', $9, $10, $11::jsonb)`,
      [
        convoy.id, convoy.campId, convoy.corridorId, convoy.departureDate, convoy.departureTime, convoy.assemblyPoint, [...convoy.destinations],
        convoy.escortNotes, planId, by, convoy.assemblyPointTexts ? JSON.stringify(convoy.assemblyPointTexts) : null,
      ],
    );
  }

  /** Moves a convoy to a status; departure, arrival and cancellation record their time or reason with it. */
  async setConvoyStatus(
    manager: EntityManager,
    convoyId: string,
    status: Exclude<ConvoyStatus, 'planned'>,
    detail: { departedAt?: string; arrivedAt?: string; cancelReason?: string } = {},
  ): Promise<void> {
    if (status === 'departed') {
      await execute(manager, `UPDATE convoys SET status = 'departed', departed_at = $2, updated_at = now() WHERE id = $1`, [convoyId, detail.departedAt]);
    } else if (status === 'arrived') {
      await execute(manager, `UPDATE convoys SET status = 'arrived', arrived_at = $2, updated_at = now() WHERE id = $1`, [convoyId, detail.arrivedAt]);
    } else if (status === 'cancelled') {
      await execute(manager, `UPDATE convoys SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`, [convoyId, detail.cancelReason]);
    } else {
      await execute(manager, `UPDATE convoys SET status = $2, updated_at = now() WHERE id = $1`, [convoyId, status]);
    }
  }

  /** The convoys of the camps given ('all': every camp), on one date when given. */
  async listConvoys(manager: EntityManager, camps: string[] | 'all', date?: string): Promise<ConvoyRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (camps !== 'all') {
      params.push(camps);
      where.push(`camp_id = ANY($${params.length})`);
    }
    if (date !== undefined) {
      params.push(date);
      where.push(`departure_date = $${params.length}::date`);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return queryRows(manager, 'ConvoysRepository.listConvoys', convoyRow, `SELECT ${CONVOY_COLUMNS} FROM convoys ${clause} ORDER BY departure_date, departure_time, id`, params);
  }

  /** The families on a convoy (and its no-shows), with the members checked in. */
  async convoyHouseholds(manager: EntityManager, convoyId: string): Promise<ConvoyHouseholdRow[]> {
    return queryRows(
      manager,
      'ConvoysRepository.convoyHouseholds',
      convoyHouseholdRow,
      `SELECT a.household_id AS "householdId", h.case_number AS "caseNumber", a.status, a.seat_units AS "seatUnits", a.ambulance_places AS "ambulancePlaces", a.ambulance_seats AS "ambulanceSeats",
              jsonb_array_length(h.members) AS members, a.no_show AS "noShow", a.release_reason AS "releaseReason",
              COALESCE((SELECT array_agg(c.member_id::text ORDER BY c.member_id) FROM check_ins c WHERE c.assignment_id = a.id), '{}') AS "checkedIn"
         FROM assignments a JOIN households h ON h.household_id = a.household_id
        WHERE a.convoy_id = $1 AND (a.status <> 'released' OR a.no_show)
        ORDER BY a.household_id`,
      [convoyId],
    );
  }

  /** A vehicle (locked FOR SHARE) with its capacities and whether it is available on the date. */
  async vehicleToAttach(manager: EntityManager, vehicleId: string, date: string): Promise<VehicleToAttach | undefined> {
    return queryRow(
      manager,
      'ConvoysRepository.vehicleToAttach',
      vehicleToAttachRow,
      `SELECT type, plate, camp_id AS "campId", seats, cargo_capacity::float8 AS cargo, stretcher_places AS stretchers, seated_places AS seated,
              EXISTS (SELECT 1 FROM vehicle_availability a WHERE a.vehicle_id = v.id AND a.available_on = $2::date) AS available
         FROM vehicles v WHERE id = $1 FOR SHARE`,
      [vehicleId, date],
    );
  }

  /** One kind of places of a vehicle on a convoy; a vehicle already on a live convoy that day is the unique violation convoy_vehicles_one_convoy_a_day. */
  async insertConvoyVehicle(
    manager: EntityManager,
    row: { id: string; convoyId: string; vehicleId: string; departureDate: string; kind: string; capacity: number },
  ): Promise<void> {
    await execute(
      manager,
      `INSERT INTO convoy_vehicles (id, convoy_id, vehicle_id, departure_date, kind, capacity) VALUES ($1, $2, $3, $4::date, $5, $6)`,
      [row.id, row.convoyId, row.vehicleId, row.departureDate, row.kind, row.capacity],
    );
  }

  /**
   * Attaches many vehicles in one INSERT (plan commit); answers the vehicle id of each row inserted, so that one
   * taken meanwhile by another convoy that day (ON CONFLICT DO NOTHING) shows as missing.
   */
  async insertConvoyVehicles(
    manager: EntityManager,
    departureDate: string,
    rows: { id: string[]; convoy: string[]; vehicle: string[]; kind: string[]; capacity: number[] },
  ): Promise<string[]> {
    const inserted = await queryRows(
      manager,
      'ConvoysRepository.insertConvoyVehicles',
      z.object({ vehicle_id: pg.uuid() }),
      `INSERT INTO convoy_vehicles (id, convoy_id, vehicle_id, departure_date, kind, capacity)
       SELECT id, convoy_id, vehicle_id, $4::date, kind, capacity
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $5::text[], $6::int[]) AS x(id, convoy_id, vehicle_id, kind, capacity)
       ON CONFLICT (vehicle_id, departure_date, (kind = 'ambulance_seats')) WHERE released_at IS NULL DO NOTHING
       RETURNING vehicle_id`,
      [rows.id, rows.convoy, rows.vehicle, departureDate, rows.kind, rows.capacity],
    );
    return inserted.map((row) => row.vehicle_id);
  }

  async releaseConvoyVehicles(manager: EntityManager, convoyId: string): Promise<void> {
    await execute(manager, `UPDATE convoy_vehicles SET released_at = now() WHERE convoy_id = $1 AND released_at IS NULL`, [convoyId]);
  }
}
