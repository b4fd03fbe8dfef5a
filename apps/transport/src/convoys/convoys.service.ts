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
import { CARGO_MILLIS_PER_SHARE, type ConvoyRow, SchedulingRepository } from '../scheduling/scheduling.repository.js';
import { SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { TransportErrors } from '../transport.errors.js';
import { convoyView, type ConvoyView } from './convoy-view.js';
import { ConvoysRepository } from './convoys.repository.js';
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
    private readonly scheduling: SchedulingRepository,
    private readonly convoys: ConvoysRepository,
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
    await this.convoys.insertConvoy(
      this.dataSource.manager,
      {
        id,
        campId: dto.campId,
        corridorId: dto.corridorId,
        departureDate: dto.departureDate,
        departureTime: dto.departureTime,
        assemblyPoint: dto.assemblyPoint,
        assemblyPointTexts: assemblyPointTextsOf(dto.assemblyPointTexts),
        destinations: [...new Set(dto.destinations)],
        escortNotes: dto.escortNotes ?? null,
      },
      null,
      user.sub,
    );
    return this.get(user, id);
  }

  addVehicle(user: AuthUser, convoyId: string, dto: AddVehicleDto): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.convoyFor(manager, user, convoyId, 'FOR SHARE');
      if (!isOpen(convoy)) throw TransportErrors.convoyStatus(convoy.status, 'take more vehicles');
      const vehicle = await this.convoys.vehicleToAttach(manager, dto.vehicleId, convoy.departureDate);
      if (!vehicle || vehicle.campId !== convoy.campId) throw TransportErrors.vehicleNotFound();
      if (!vehicle.available) throw TransportErrors.vehicleUnavailable(vehicle.plate, convoy.departureDate);
      const kind = KIND_BY_TYPE[vehicle.type] ?? 'seats';
      const capacity = kind === 'cargo' ? Math.round((vehicle.cargo ?? 1) * CARGO_MILLIS_PER_SHARE) : kind === 'stretcher' ? (vehicle.stretchers ?? 0) : (vehicle.seats ?? 0);
      // An ambulance brings its stretchers and, on a second row, its seats for patients who travel seated.
      const places: [string, number][] = [[kind, capacity], ['ambulance_seats', kind === 'stretcher' ? (vehicle.seated ?? 0) : 0]];
      try {
        for (const [placeKind, placeCapacity] of places.filter(([, count]) => count > 0)) {
          await this.convoys.insertConvoyVehicle(manager, {
            id: uuidv7(),
            convoyId: convoy.id,
            vehicleId: dto.vehicleId,
            departureDate: convoy.departureDate,
            kind: placeKind,
            capacity: placeCapacity,
          });
        }
      } catch (error) {
        if (isUniqueViolation(error, 'convoy_vehicles_one_convoy_a_day')) throw TransportErrors.vehicleUnavailable(vehicle.plate, convoy.departureDate);
        throw error;
      }
      return convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, convoy);
    });
  }

  async get(user: AuthUser, convoyId: string): Promise<ConvoyView> {
    const manager = this.dataSource.manager;
    return convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, await this.convoyFor(manager, user, convoyId, ''));
  }

  async list(user: AuthUser, query: ConvoyQueryDto): Promise<ConvoyRow[]> {
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) throw TransportErrors.campNotAllowed(query.campId);
    return this.convoys.listConvoys(this.dataSource.manager, query.campId !== undefined ? [query.campId] : campScope(user), query.date);
  }

  confirm(user: AuthUser, convoyId: string): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.convoyFor(manager, user, convoyId, 'FOR UPDATE');
      if (convoy.status !== 'planned') throw TransportErrors.convoyStatus(convoy.status, 'be confirmed');
      await this.convoys.setConvoyStatus(manager, convoy.id, 'confirmed');
      const assignments = await this.scheduling.activeAssignmentsOf(manager, convoy.id);
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
      return convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, { ...convoy, status: 'confirmed' });
    });
  }

  cancel(user: AuthUser, convoyId: string, dto: CancelConvoyDto): Promise<ConvoyView> {
    return this.dataSource.transaction(async (manager) => {
      const convoy = await this.convoyFor(manager, user, convoyId, 'FOR UPDATE');
      if (!isOpen(convoy)) throw TransportErrors.convoyStatus(convoy.status, 'be cancelled');
      const assignments = await this.scheduling.activeAssignmentsOf(manager, convoy.id);
      // Convoy locked first, then its families in id order: the lock order every writer follows.
      await this.scheduling.findHouseholds(manager, assignments.map((assignment) => assignment.householdId), 'FOR UPDATE');
      for (const assignment of assignments) {
        await this.ledger.unschedule(manager, assignment, convoy.campId, 'convoy_cancelled', { note: dto.reason });
      }
      await this.convoys.releaseConvoyVehicles(manager, convoy.id);
      await this.convoys.setConvoyStatus(manager, convoy.id, 'cancelled', { cancelReason: dto.reason });
      await this.outbox.enqueue(manager, CONVOY_CANCELLED_V1, {
        convoyId: convoy.id,
        campId: convoy.campId,
        reason: dto.reason,
        householdIds: assignments.map((assignment) => assignment.householdId),
        departsAt: this.clock.departsAt(convoy),
      });
      return convoyView({ convoys: this.convoys, scheduling: this.scheduling }, manager, { ...convoy, status: 'cancelled', cancelReason: dto.reason });
    });
  }

  private async convoyFor(manager: EntityManager, user: AuthUser, convoyId: string, lock: '' | 'FOR SHARE' | 'FOR UPDATE'): Promise<ConvoyRow> {
    const convoy = await this.scheduling.findConvoy(manager, convoyId, lock);
    if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
    return convoy;
  }
}
