import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@awda/bootstrap';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { AreaChains } from '../areas/area-chains.js';
import { TransportErrors } from '../transport.errors.js';
import type { AssignHouseholdDto, MoveHouseholdDto } from './dto/seat.dto.js';
import { goesTo, isOpen, isSchedulable, lockHouseholdWithSeat } from './household-lock.js';
import { unitsOut } from '../convoys/convoy-view.js';
import { AuditLog } from './audit-log.js';
import { CARGO_MILLIS_PER_SHARE, type ConvoyRow, type ConvoyStatus, type HouseholdRow, SchedulingRepository } from './scheduling.repository.js';
import { SeatLedger } from './seat-ledger.repository.js';

export interface SeatVehicleView {
  vehicleId: string;
  plate: string;
  type: string;
  // convoy_vehicles also holds 'ambulance_seats' rows, answered as they are (the row schema showed it;
  // the OpenAPI enum of SeatVehicleDto does not list it yet).
  kind: 'seats' | 'cargo' | 'stretcher' | 'ambulance_seats';
  /** Seats, truck shares (as a truck's cargoCapacity is given) or stretcher places taken on this vehicle. */
  units: number;
}

export interface SeatView {
  householdId: string;
  convoyId: string;
  convoyStatus: ConvoyStatus;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  assignmentId: string;
  seatUnits: number;
  ambulancePlaces: number;
  /** Truck shares of the family's belongings. */
  cargoShares: number;
  scheduleVersion: number;
  /** When the family confirmed the seat by SMS reply; null until then. */
  seatConfirmedAt: string | null;
  /** 'unanswered' when no reply came by the deadline and the convoy keeps such seats. */
  confirmationFlag: string | null;
  vehicles: SeatVehicleView[];
}

/** Manual seat changes by logistics officers: assign, move, unassign. */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly scheduling: SchedulingRepository,
    private readonly dataSource: DataSource,
    private readonly ledger: SeatLedger,
    private readonly areas: AreaChains,
    private readonly audit: AuditLog,
  ) {}

  assign(user: AuthUser, convoyId: string, dto: AssignHouseholdDto): Promise<SeatView> {
    return this.dataSource.transaction(async (manager) => {
      // Convoy first, then household: the lock order every writer follows.
      const convoy = await this.openConvoy(manager, user, convoyId, 'take passengers');
      const household = await this.checkBookable(manager, user, convoy, await this.scheduling.findHousehold(manager, dto.householdId, 'FOR UPDATE'));
      const assignment = await this.ledger.createAssignment(manager, household, convoy.id, user.sub);
      await this.ledger.bookFamily(manager, assignment, dto.vehicleId);
      await this.ledger.announceScheduled(manager, convoy, [household]);
      return seatView(this.scheduling, manager, household.householdId);
    });
  }

  move(user: AuthUser, householdId: string, dto: MoveHouseholdDto): Promise<SeatView> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockHouseholdWithSeat(this.scheduling, manager, householdId);
      if (!locked || !canAccessCamp(user, locked.household.campId)) throw TransportErrors.householdNotFound();
      const { household, assignment, convoy: from } = locked;
      if (!assignment || !from) throw TransportErrors.notScheduled();
      if (!isOpen(from)) throw TransportErrors.convoyStatus(from.status, 'give up passengers');
      const to = from.id === dto.convoyId ? from : await this.openConvoy(manager, user, dto.convoyId, 'take passengers');
      await this.checkBookable(manager, user, to, household);
      await this.ledger.releaseBookings(manager, assignment.id);
      await this.scheduling.releaseMovedAssignment(manager, assignment.id);
      const next = await this.ledger.createAssignment(manager, household, to.id, user.sub);
      await this.ledger.bookFamily(manager, next, dto.vehicleId);
      // A move is a new schedule for the family: tell them again, with a higher scheduleVersion.
      await this.ledger.announceScheduled(manager, to, [household]);
      return seatView(this.scheduling, manager, householdId);
    });
  }

  unassign(user: AuthUser, householdId: string): Promise<{ householdId: string; scheduled: false }> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await lockHouseholdWithSeat(this.scheduling, manager, householdId);
      if (!locked || !canAccessCamp(user, locked.household.campId)) throw TransportErrors.householdNotFound();
      if (!locked.assignment || !locked.convoy) throw TransportErrors.notScheduled();
      if (!isOpen(locked.convoy)) throw TransportErrors.convoyStatus(locked.convoy.status, 'give up passengers');
      await this.ledger.unschedule(manager, locked.assignment, locked.household.campId, 'manual');
      return { householdId, scheduled: false as const };
    });
  }

  /** Read by logistics, supervisors and case workers (the ones a family asks) of the household's camp; audited. */
  async seat(user: AuthUser, householdId: string): Promise<SeatView> {
    const household = await this.scheduling.findHousehold(this.dataSource.manager, householdId);
    if (!household) throw TransportErrors.householdNotFound();
    if (!canAccessCamp(user, household.campId)) {
      await this.audit.record(user.sub, householdId, 'GET /households/:householdId/seat', 'denied');
      throw TransportErrors.householdNotFound();
    }
    await this.audit.record(user.sub, householdId, 'GET /households/:householdId/seat', 'read');
    return seatView(this.scheduling, this.dataSource.manager, householdId);
  }

  private async openConvoy(manager: EntityManager, user: AuthUser, convoyId: string, action: string): Promise<ConvoyRow> {
    const convoy = await this.scheduling.findConvoy(manager, convoyId, 'FOR SHARE');
    if (!convoy || !canAccessCamp(user, convoy.campId)) throw TransportErrors.convoyNotFound();
    if (!isOpen(convoy)) throw TransportErrors.convoyStatus(convoy.status, action);
    return convoy;
  }

  private async checkBookable(
    manager: EntityManager,
    user: AuthUser,
    convoy: ConvoyRow,
    household: HouseholdRow | undefined,
  ): Promise<HouseholdRow> {
    if (!household || !canAccessCamp(user, household.campId)) throw TransportErrors.householdNotFound();
    if (household.campId !== convoy.campId) {
      throw new DomainError('TRANSPORT.HOUSEHOLD_OTHER_CAMP', 'This household lives in another camp than the convoy leaves from.', 422);
    }
    if (!isSchedulable(household)) throw TransportErrors.notEligible();
    const destination = household.destinationArea ?? '';
    if (!goesTo(convoy, await this.areas.chainOf(manager, destination))) throw TransportErrors.destinationNotOnConvoy(destination);
    return household;
  }
}

/** Where a family sits now; 409 when it has no seat. */
export async function seatView(scheduling: SchedulingRepository, manager: EntityManager, householdId: string): Promise<SeatView> {
  const rows = await scheduling.seatLines(manager, householdId);
  const first = rows[0];
  if (!first) throw TransportErrors.notScheduled();
  return {
    householdId: first.householdId,
    convoyId: first.convoyId,
    convoyStatus: first.convoyStatus,
    departureDate: first.departureDate,
    departureTime: first.departureTime,
    assemblyPoint: first.assemblyPoint,
    assignmentId: first.assignmentId,
    seatUnits: first.seatUnits,
    ambulancePlaces: first.ambulancePlaces,
    cargoShares: first.cargoMillis / CARGO_MILLIS_PER_SHARE,
    scheduleVersion: first.scheduleVersion,
    seatConfirmedAt: first.seatConfirmedAt ? new Date(first.seatConfirmedAt).toISOString() : null,
    confirmationFlag: first.confirmationFlag,
    // Internal thousandths of a truck share become shares here, at the API edge.
    vehicles: rows.flatMap((row) =>
      row.vehicleId && row.plate && row.type && row.kind && row.units !== null
        ? [{ vehicleId: row.vehicleId, plate: row.plate, type: row.type, kind: row.kind, units: unitsOut(row.kind, row.units) }]
        : [],
    ),
  };
}
