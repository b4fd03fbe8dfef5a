import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CONVOY_CANCELLED_V1, CONVOY_CONFIRMED_V1 } from '@awda/contracts';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { Outbox } from '@awda/messaging';
import { isUniqueViolation } from '@awda/persistence';
import { reaches } from '@awda/areas';
import { AreaChains } from '../areas/area-chains.js';
import { CorridorsService } from '../corridors/corridors.service.js';
import { CampClock } from '../scheduling/camp-clock.js';
import { isOpen } from '../scheduling/household-lock.js';
import { activeAssignmentsOf, CARGO_MILLIS_PER_SHARE, findConvoy, findHouseholds, type ConvoyRow } from '../scheduling/rows.js';
import { SeatLedger } from '../scheduling/seat-ledger.js';
import { TransportErrors } from '../transport.errors.js';
import { convoyView, listConvoys, type ConvoyView } from './convoy-view.js';
import { assemblyPointTextsOf, type AddVehicleDto, type CancelConvoyDto, type ConvoyQueryDto, type CreateConvoyDto } from './dto/convoy.dto.js';

const KIND_BY_TYPE: Record<string, 'seats' | 'cargo' | 'stretcher'> = {
  bus: 'seats',
  minibus: 'seats',
  cargo_truck: 'cargo',
  ambulance: 'stretcher',
};

/** Convoys made by hand, their vehicles, and the planned → confirmed and → cancelled steps. */
@Injectable()
export class ConvoysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly corridors: CorridorsService,
    private readonly ledger: SeatLedger,
    private readonly outbox: Outbox,
    private readonly areas: AreaChains,
    private readonly clock: CampClock,
  ) {}

  async create(user: AuthUser, dto: CreateConvoyDto): Promise<ConvoyView> {
    if (!canAccessCamp(user, dto.campId)) throw TransportErrors.campNotAllowed(dto.campId);
    this.clock.refuseBeforeToday(dto.departureDate);
    const corridor = (await this.corridors.list(this.dataSource.manager)).find((candidate) => candidate.id === dto.corridorId);
    if (!corridor) throw TransportErrors.corridorUnknown(dto.corridorId);
    // A destination (any level) is on the corridor when the corridor names it or an area above it.
    const chains = await this.areas.chainsOf(this.dataSource.manager, dto.destinations);
    for (const destination of dto.destinations) {
      if (!reaches(corridor.areaCodes, chains.get(destination) ?? [destination])) {
        throw TransportErrors.destinationOffCorridor(destination, corridor.id);
      }
    }
    const id = uuidv7();
    await this.dataSource.query(
      `INSERT INTO convoys (id, camp_id, corridor_id, departure_date, departure_time, assembly_point, destinations, escort_notes, status, created_by,
                            assembly_point_texts)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, 'planned', $9, $10::jsonb)`,
      [
        id, dto.campId, dto.corridorId, dto.departureDate, dto.departureTime, dto.assemblyPoint, [...new Set(dto.destinations)], dto.escortNotes ?? null, user.sub,
        jsonOrNull(assemblyPointTextsOf(dto.assemblyPointTexts)),
      ],
    );
    return this.get(user, id);
  }

  addVehicle(user: AuthUser, convoyId: string, dto: AddVehicleDto): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.convoyFor(manager, user, convoyId, 'FOR SHARE');
      if (!isOpen(convoy)) throw TransportErrors.convoyStatus(convoy.status, 'take more vehicles');
      const rows: {
        type: string;
        plate: string;
        campId: string;
        seats: number | null;
        cargo: number | null;
        stretchers: number | null;
        seated: number | null;
        available: boolean;
      }[] =
        await manager.query(
          `SELECT type, plate, camp_id AS "campId", seats, cargo_capacity::float8 AS cargo, stretcher_places AS stretchers, seated_places AS seated,
                  EXISTS (SELECT 1 FROM vehicle_availability a WHERE a.vehicle_id = v.id AND a.available_on = $2::date) AS available
             FROM vehicles v WHERE id = $1 FOR SHARE`,
          [dto.vehicleId, convoy.departureDate],
        );
      const vehicle = rows[0];
      if (!vehicle || vehicle.campId !== convoy.campId) throw TransportErrors.vehicleNotFound();
      if (!vehicle.available) throw TransportErrors.vehicleUnavailable(vehicle.plate, convoy.departureDate);
      const kind = KIND_BY_TYPE[vehicle.type] ?? 'seats';
      const capacity = kind === 'cargo' ? Math.round((vehicle.cargo ?? 1) * CARGO_MILLIS_PER_SHARE) : kind === 'stretcher' ? (vehicle.stretchers ?? 0) : (vehicle.seats ?? 0);
      // An ambulance brings its stretchers and, on a second row, its seats for patients who travel seated.
      const places: [string, number][] = [[kind, capacity], ['ambulance_seats', kind === 'stretcher' ? (vehicle.seated ?? 0) : 0]];
      try {
        for (const [placeKind, placeCapacity] of places.filter(([, count]) => count > 0)) {
          await manager.query(
            `INSERT INTO convoy_vehicles (id, convoy_id, vehicle_id, departure_date, kind, capacity) VALUES ($1, $2, $3, $4::date, $5, $6)`,
            [uuidv7(), convoy.id, dto.vehicleId, convoy.departureDate, placeKind, placeCapacity],
          );
        }
      } catch (error) {
        if (isUniqueViolation(error, 'convoy_vehicles_one_convoy_a_day')) throw TransportErrors.vehicleUnavailable(vehicle.plate, convoy.departureDate);
        throw error;
      }
      return convoyView(manager, convoy);
    });
  }

  async get(user: AuthUser, convoyId: string): Promise<ConvoyView> {
    const manager = this.dataSource.manager;
    return convoyView(manager, await this.convoyFor(manager, user, convoyId, ''));
  }

  async list(user: AuthUser, query: ConvoyQueryDto): Promise<ConvoyRow[]> {
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) throw TransportErrors.campNotAllowed(query.campId);
    return listConvoys(this.dataSource.manager, query.campId !== undefined ? [query.campId] : campScope(user), query.date);
  }

  confirm(user: AuthUser, convoyId: string): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.convoyFor(manager, user, convoyId, 'FOR UPDATE');
      if (convoy.status !== 'planned') throw TransportErrors.convoyStatus(convoy.status, 'be confirmed');
      await manager.query(`UPDATE convoys SET status = 'confirmed', updated_at = now() WHERE id = $1`, [convoy.id]);
      const assignments = await activeAssignmentsOf(manager, convoy.id);
      await this.outbox.enqueue(manager, CONVOY_CONFIRMED_V1, {
        convoyId: convoy.id,
        campId: convoy.campId,
        departureDate: convoy.departureDate,
        departureTime: convoy.departureTime,
        assemblyPoint: convoy.assemblyPoint,
        ...(convoy.assemblyPointTexts ? { assemblyPointTexts: convoy.assemblyPointTexts } : {}),
        departsAt: this.clock.departsAt(convoy),
        destinations: convoy.destinations,
        householdIds: assignments.map((assignment) => assignment.householdId),
      });
      return convoyView(manager, { ...convoy, status: 'confirmed' });
    });
  }

  cancel(user: AuthUser, convoyId: string, dto: CancelConvoyDto): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.convoyFor(manager, user, convoyId, 'FOR UPDATE');
      if (!isOpen(convoy)) throw TransportErrors.convoyStatus(convoy.status, 'be cancelled');
      const assignments = await activeAssignmentsOf(manager, convoy.id);
      // Convoy locked first, then its families in id order: the lock order every writer follows.
      await findHouseholds(manager, assignments.map((assignment) => assignment.householdId), 'FOR UPDATE');
      for (const assignment of assignments) {
        await this.ledger.unschedule(manager, assignment, convoy.campId, 'convoy_cancelled', { note: dto.reason });
      }
      await manager.query(`UPDATE convoy_vehicles SET released_at = now() WHERE convoy_id = $1 AND released_at IS NULL`, [convoy.id]);
      await manager.query(`UPDATE convoys SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`, [convoy.id, dto.reason]);
      await this.outbox.enqueue(manager, CONVOY_CANCELLED_V1, {
        convoyId: convoy.id,
        campId: convoy.campId,
        reason: dto.reason,
        householdIds: assignments.map((assignment) => assignment.householdId),
        departsAt: this.clock.departsAt(convoy),
      });
      return convoyView(manager, { ...convoy, status: 'cancelled', cancelReason: dto.reason });
    });
  }

  private async convoyFor(manager: EntityManager, user: AuthUser, convoyId: string, lock: '' | 'FOR SHARE' | 'FOR UPDATE'): Promise<ConvoyRow> {
    const convoy = await findConvoy(manager, convoyId, lock);
    if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
    return convoy;
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
