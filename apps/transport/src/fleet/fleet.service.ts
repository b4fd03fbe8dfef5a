import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { isUniqueViolation } from '@awda/persistence';
import { TransportErrors } from '../transport.errors.js';
import type { CreateVehicleDto, VehicleAvailabilityDto, VehicleQueryDto, VehicleType } from './dto/vehicle.dto.js';

export interface VehicleView {
  id: string;
  campId: string;
  type: VehicleType;
  plate: string;
  operator: string;
  seats: number | null;
  cargoCapacity: number | null;
  stretcherPlaces: number | null;
  /** Ambulances: places for patients who travel seated. */
  seatedPlaces: number | null;
  availableDates: string[];
}

const VEHICLE_SELECT = `SELECT v.id, v.camp_id AS "campId", v.type, v.plate, v.operator, v.seats,
    v.cargo_capacity::float8 AS "cargoCapacity", v.stretcher_places AS "stretcherPlaces", v.seated_places AS "seatedPlaces",
    COALESCE((SELECT array_agg(a.available_on::text ORDER BY a.available_on) FROM vehicle_availability a
               WHERE a.vehicle_id = v.id), '{}') AS "availableDates"
  FROM vehicles v`;

/** Vehicles of the camp available on the date and not already serving a live convoy that day. */
export async function freeVehiclesOn(manager: EntityManager, campId: string, date: string): Promise<VehicleView[]> {
  return manager.query(
    `${VEHICLE_SELECT}
      WHERE v.camp_id = $1
        AND EXISTS (SELECT 1 FROM vehicle_availability a WHERE a.vehicle_id = v.id AND a.available_on = $2::date)
        AND NOT EXISTS (SELECT 1 FROM convoy_vehicles cv WHERE cv.vehicle_id = v.id AND cv.departure_date = $2::date
                          AND cv.released_at IS NULL)
      ORDER BY v.plate`,
    [campId, date],
  );
}

@Injectable()
export class FleetService {
  constructor(private readonly dataSource: DataSource) {}

  create(user: AuthUser, dto: CreateVehicleDto): Promise<VehicleView> {
    if (!canAccessCamp(user, dto.campId)) throw TransportErrors.campNotAllowed(dto.campId);
    return this.dataSource.transaction(async (manager) => {
      const id = uuidv7();
      const isBus = dto.type === 'bus' || dto.type === 'minibus';
      try {
        await manager.query(
          `INSERT INTO vehicles (id, camp_id, type, plate, operator, seats, cargo_capacity, stretcher_places, seated_places)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            id,
            dto.campId,
            dto.type,
            dto.plate.trim().toUpperCase(),
            dto.operator.trim(),
            isBus ? dto.seats : null,
            dto.type === 'cargo_truck' ? dto.cargoCapacity : null,
            dto.type === 'ambulance' ? (dto.stretcherPlaces ?? null) : null,
            dto.type === 'ambulance' ? (dto.seatedPlaces ?? null) : null,
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'vehicles_plate_unique')) throw TransportErrors.plateTaken();
        throw error;
      }
      await this.replaceDates(manager, id, dto.availableDates ?? []);
      return this.get(manager, id);
    });
  }

  setAvailability(user: AuthUser, vehicleId: string, dto: VehicleAvailabilityDto): Promise<VehicleView> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { campId: string }[] = await manager.query(`SELECT camp_id AS "campId" FROM vehicles WHERE id = $1 FOR UPDATE`, [vehicleId]);
      const campId = rows[0]?.campId;
      if (campId === undefined || !canAccessCamp(user, campId)) throw TransportErrors.vehicleNotFound();
      await this.replaceDates(manager, vehicleId, dto.dates);
      return this.get(manager, vehicleId);
    });
  }

  async list(user: AuthUser, query: VehicleQueryDto): Promise<VehicleView[]> {
    const manager = this.dataSource.manager;
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) throw TransportErrors.campNotAllowed(query.campId);
    if (query.campId !== undefined && query.date !== undefined) return freeVehiclesOn(manager, query.campId, query.date);
    const scope = campScope(user);
    const camps = query.campId !== undefined ? [query.campId] : scope;
    if (camps === 'all') return manager.query(`${VEHICLE_SELECT} ORDER BY v.plate`);
    return manager.query(`${VEHICLE_SELECT} WHERE v.camp_id = ANY($1) ORDER BY v.plate`, [camps]);
  }

  private async get(manager: EntityManager, id: string): Promise<VehicleView> {
    const rows: VehicleView[] = await manager.query(`${VEHICLE_SELECT} WHERE v.id = $1`, [id]);
    const vehicle = rows[0];
    if (!vehicle) throw TransportErrors.vehicleNotFound();
    return vehicle;
  }

  private async replaceDates(manager: EntityManager, vehicleId: string, dates: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM vehicle_availability WHERE vehicle_id = $1`, [vehicleId]);
    if (dates.length === 0) return;
    await manager.query(
      `INSERT INTO vehicle_availability (vehicle_id, available_on) SELECT $1, d::date FROM unnest($2::text[]) AS d ON CONFLICT DO NOTHING`,
      [vehicleId, [...new Set(dates)]],
    );
  }
}
