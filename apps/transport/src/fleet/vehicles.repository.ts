import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';
import { VEHICLE_TYPES, type VehicleType } from './dto/vehicle.dto.js';

const vehicleRow = z.object({
  id: pg.uuid(),
  campId: pg.text(),
  type: z.enum(VEHICLE_TYPES),
  plate: pg.text(),
  operator: pg.text(),
  seats: pg.int().nullable(),
  cargoCapacity: pg.float().nullable(),
  stretcherPlaces: pg.int().nullable(),
  /** Ambulances: places for patients who travel seated. */
  seatedPlaces: pg.int().nullable(),
  availableDates: pg.textArray(),
});
export type VehicleView = z.output<typeof vehicleRow>;

const VEHICLE_SELECT = `SELECT v.id, v.camp_id AS "campId", v.type, v.plate, v.operator, v.seats,
    v.cargo_capacity::float8 AS "cargoCapacity", v.stretcher_places AS "stretcherPlaces", v.seated_places AS "seatedPlaces",
    COALESCE((SELECT array_agg(a.available_on::text ORDER BY a.available_on) FROM vehicle_availability a
               WHERE a.vehicle_id = v.id), '{}') AS "availableDates"
  FROM vehicles v`;

/** The fleet: vehicles and the dates they are available. */
@Injectable()
export class VehiclesRepository {
  /** Vehicles of the camp available on the date and not already serving a live convoy that day. */
  async freeVehiclesOn(manager: EntityManager, campId: string, date: string): Promise<VehicleView[]> {
    return queryRows(
      manager,
      'VehiclesRepository.freeVehiclesOn',
      vehicleRow,
      `${VEHICLE_SELECT}
        WHERE v.camp_id = $1
          AND EXISTS (SELECT 1 FROM vehicle_availability a WHERE a.vehicle_id = v.id AND a.available_on = $2::date)
          AND NOT EXISTS (SELECT 1 FROM convoy_vehicles cv WHERE cv.vehicle_id = v.id AND cv.departure_date = $2::date
                            AND cv.released_at IS NULL)
        ORDER BY v.plate`,
      [campId, date],
    );
  }

  /** The vehicles of the camps given ('all': every camp), by plate. */
  async vehiclesOf(manager: EntityManager, camps: readonly string[] | 'all'): Promise<VehicleView[]> {
    if (camps === 'all') return queryRows(manager, 'VehiclesRepository.vehiclesOf', vehicleRow, `${VEHICLE_SELECT} ORDER BY v.plate`);
    return queryRows(manager, 'VehiclesRepository.vehiclesOf', vehicleRow, `${VEHICLE_SELECT} WHERE v.camp_id = ANY($1) ORDER BY v.plate`, [camps]);
  }

  async findVehicle(manager: EntityManager, id: string): Promise<VehicleView | undefined> {
    return queryRow(manager, 'VehiclesRepository.findVehicle', vehicleRow, `${VEHICLE_SELECT} WHERE v.id = $1`, [id]);
  }

  /** The vehicle's camp, its row locked for the transaction; undefined when there is no such vehicle. */
  async lockVehicleCamp(manager: EntityManager, id: string): Promise<string | undefined> {
    const row = await queryRow(manager, 'VehiclesRepository.lockVehicleCamp', z.object({ campId: pg.text() }), `SELECT camp_id AS "campId" FROM vehicles WHERE id = $1 FOR UPDATE`, [id]);
    return row?.campId;
  }

  /** Inserts a vehicle; a taken plate surfaces as the unique violation vehicles_plate_unique. */
  async insertVehicle(
    manager: EntityManager,
    vehicle: {
      id: string;
      campId: string;
      type: VehicleType;
      plate: string;
      operator: string;
      seats: number | null;
      cargoCapacity: number | null;
      stretcherPlaces: number | null;
      seatedPlaces: number | null;
    },
  ): Promise<void> {
    await execute(
      manager,
      `INSERT INTO vehicles (id, camp_id, type, plate, operator, seats, cargo_capacity, stretcher_places, seated_places)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [vehicle.id, vehicle.campId, vehicle.type, vehicle.plate, vehicle.operator, vehicle.seats, vehicle.cargoCapacity, vehicle.stretcherPlaces, vehicle.seatedPlaces],
    );
  }

  /** Replaces the dates a vehicle is available on. */
  async replaceAvailableDates(manager: EntityManager, vehicleId: string, dates: readonly string[]): Promise<void> {
    await execute(manager, `DELETE FROM vehicle_availability WHERE vehicle_id = $1`, [vehicleId]);
    if (dates.length === 0) return;
    await execute(
      manager,
      `INSERT INTO vehicle_availability (vehicle_id, available_on) SELECT $1, d::date FROM unnest($2::text[]) AS d ON CONFLICT DO NOTHING`,
      [vehicleId, [...new Set(dates)]],
    );
  }
}
