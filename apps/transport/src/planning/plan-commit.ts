import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { PlannedConvoy, UnplacedHousehold } from '@awda/convoy-planner';
import { assemblyPointTextsOf } from '../convoys/dto/convoy.dto.js';
import type { ConvoysRepository } from '../convoys/convoys.repository.js';
import { isSchedulable } from '../scheduling/household-lock.js';
import {
  CARGO_MILLIS_PER_SHARE,
  type ConvoyRow,
  type HouseholdRow,
  type SchedulingRepository,
} from '../scheduling/scheduling.repository.js';
import type { Booking, SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { TransportErrors } from '../transport.errors.js';
import type { PlanProposal } from './planning.service.js';
import type { PlanningRepository } from './planning.repository.js';

/** The repositories a commit writes through, in the caller's transaction. */
export interface PlanCommitRepositories {
  convoys: ConvoysRepository;
  scheduling: SchedulingRepository;
  planning: PlanningRepository;
}

/** A household as the dry run saw it; commit refuses if it has changed since. */
export interface PlannedHousehold {
  householdId: string;
  /** Registration's case number when transport has it (absent from proposals stored before it was kept). */
  caseNumber?: string | null;
  destinationArea: string;
  corridorId: string | null;
  priority: number;
  seatUnits: number;
  ambulancePlaces: number;
  /** Absent in proposals stored before seated ambulance places: 0. */
  ambulanceSeats?: number;
  /** Belongings in truck shares, from the family's size (absent from proposals made before it was derived). */
  cargoShares?: number;
  householdVersion: number;
}

export interface CommittedConvoy {
  convoyId: string;
  corridorId: string;
  destinations: string[];
  householdIds: string[];
  vehicleIds: string[];
}

export interface CommittedPlan {
  planId: string;
  convoys: CommittedConvoy[];
  unplaced: readonly UnplacedHousehold[];
}

/**
 * Turns a proposal into convoys, vehicles and booked seats in the caller's transaction, exactly as
 * proposed, or not at all: anything changed since the dry run (a family withdrew, a bus was taken)
 * makes it TRANSPORT.PLAN_STALE and nothing is written. Set-based: a fixed number of statements per
 * plan (plus one per convoy), not a few round trips per household.
 */
export async function commitPlan(
  repositories: PlanCommitRepositories,
  manager: EntityManager,
  ledger: SeatLedger,
  proposal: PlanProposal,
  by: string,
): Promise<CommittedPlan> {
  const planned = proposal.plan.convoys;
  const households = await lockUnchangedHouseholds(repositories, manager, proposal);
  await checkVehiclesStillAvailable(repositories, manager, proposal);
  const convoys: { row: ConvoyRow; planned: PlannedConvoy; onBoard: HouseholdRow[] }[] = [];
  for (const plannedConvoy of planned) {
    const onBoard = plannedConvoy.householdIds.map((householdId) => {
      const household = households.get(householdId);
      if (!household) throw TransportErrors.planStale({ householdIds: [householdId] });
      return household;
    });
    convoys.push({ row: await insertConvoy(repositories, manager, proposal, plannedConvoy, by), planned: plannedConvoy, onBoard });
  }
  const attached = await attachVehicles(repositories, manager, proposal, convoys);
  const assignments = await ledger.createAssignments(
    manager,
    convoys.flatMap(({ row, onBoard }) => onBoard.map((household) => ({ household, convoyId: row.id }))),
    by,
  );
  const bookings = convoys.flatMap(({ planned: plannedConvoy, onBoard }) =>
    onBoard.flatMap((household) => {
      const assignmentId = assignments.get(household.householdId);
      if (assignmentId === undefined) throw new Error(`no assignment for ${household.householdId}`);
      return bookingsOf(plannedConvoy, household.householdId, attached).map((booking) => ({ ...booking, assignmentId }));
    }),
  );
  const stale = await ledger.bookPlannedMany(manager, bookings);
  if (stale.length > 0) throw TransportErrors.planStale({ vehicleIds: stale.map((id) => vehicleOf(attached, id)) });
  await ledger.announceScheduledMany(
    manager,
    convoys.flatMap(({ row, onBoard }) => onBoard.map((household) => ({ convoy: row, household }))),
  );
  return {
    planId: proposal.planId,
    convoys: convoys.map(({ row, planned: plannedConvoy }) => ({
      convoyId: row.id,
      corridorId: row.corridorId,
      destinations: row.destinations,
      householdIds: [...plannedConvoy.householdIds],
      vehicleIds: vehicleIdsOf(plannedConvoy),
    })),
    unplaced: proposal.plan.unplaced,
  };
}

async function lockUnchangedHouseholds(repositories: PlanCommitRepositories, manager: EntityManager, proposal: PlanProposal): Promise<Map<string, HouseholdRow>> {
  const placedIds = proposal.plan.convoys.flatMap((convoy) => convoy.householdIds);
  const then = new Map(proposal.households.map((household) => [household.householdId, household]));
  const now = new Map((await repositories.scheduling.findHouseholds(manager, placedIds, 'FOR UPDATE')).map((household) => [household.householdId, household]));
  // Read after the row locks, as before: a seat taken meanwhile is seen.
  const seated = await repositories.scheduling.householdsWithActiveAssignment(manager, placedIds);
  const changed: string[] = [];
  for (const id of placedIds) {
    const current = now.get(id);
    const proposed = then.get(id);
    const same =
      current !== undefined &&
      proposed !== undefined &&
      isSchedulable(current) &&
      current.campId === proposal.request.campId &&
      current.seatUnits === proposed.seatUnits &&
      current.ambulancePlaces === proposed.ambulancePlaces &&
      current.ambulanceSeats === (proposed.ambulanceSeats ?? 0) &&
      (proposed.cargoShares === undefined || current.cargoMillis === Math.round(proposed.cargoShares * CARGO_MILLIS_PER_SHARE)) &&
      current.destinationArea === proposed.destinationArea &&
      !seated.has(id);
    if (!same) changed.push(id);
  }
  if (changed.length > 0) throw TransportErrors.planStale({ householdIds: changed });
  return now;
}

async function checkVehiclesStillAvailable(repositories: PlanCommitRepositories, manager: EntityManager, proposal: PlanProposal): Promise<void> {
  const wanted = proposal.plan.convoys.flatMap((convoy) => vehicleIdsOf(convoy));
  const available = await repositories.planning.availableVehicleIds(manager, wanted, proposal.request.departureDate);
  const missing = wanted.filter((id) => !available.has(id));
  if (missing.length > 0) throw TransportErrors.planStale({ vehicleIds: missing });
}

async function insertConvoy(repositories: PlanCommitRepositories, manager: EntityManager, proposal: PlanProposal, planned: PlannedConvoy, by: string): Promise<ConvoyRow> {
  const { request } = proposal;
  const convoy: ConvoyRow = {
    id: uuidv7(),
    campId: request.campId,
    corridorId: planned.corridorId,
    departureDate: request.departureDate,
    departureTime: request.departureTime,
    assemblyPoint: request.assemblyPoint,
    assemblyPointTexts: assemblyPointTextsOf(request.assemblyPointTexts),
    destinations: [...planned.destinations],
    escortNotes: request.escortNotes ?? null,
    status: 'planned',
    cancelReason: null,
    departedAt: null,
    arrivedAt: null,
  };
  await repositories.convoys.insertConvoy(manager, convoy, proposal.planId, by);
  return convoy;
}

/**
 * Attaches every planned vehicle to its convoy in one INSERT; vehicle id → convoy_vehicles id.
 * Bus capacity is the physical seat count; the spare share is the planner's policy. A vehicle
 * already on another live convoy that day is skipped by the unique index and makes the plan stale.
 */
async function attachVehicles(
  repositories: PlanCommitRepositories,
  manager: EntityManager,
  proposal: PlanProposal,
  convoys: readonly { row: ConvoyRow; planned: PlannedConvoy }[],
): Promise<Map<string, string>> {
  const fleet = new Map(proposal.vehicles.map((vehicle) => [vehicle.id, vehicle]));
  const rows = { id: [] as string[], convoy: [] as string[], vehicle: [] as string[], kind: [] as string[], capacity: [] as number[] };
  const attached = new Map<string, string>();
  for (const { row, planned } of convoys) {
    for (const vehicleId of vehicleIdsOf(planned)) {
      const vehicle = fleet.get(vehicleId);
      if (!vehicle) throw TransportErrors.planStale({ vehicleIds: [vehicleId] });
      for (const [kind, capacity] of convoyVehicleRowsOf(vehicle)) {
        const id = uuidv7();
        rows.id.push(id);
        rows.convoy.push(row.id);
        rows.vehicle.push(vehicleId);
        rows.kind.push(kind);
        rows.capacity.push(capacity);
        attached.set(kind === 'ambulance_seats' ? seatedKey(vehicleId) : vehicleId, id);
      }
    }
  }
  if (rows.id.length === 0) return attached;
  const inserted = await repositories.convoys.insertConvoyVehicles(manager, proposal.request.departureDate, rows);
  if (inserted.length !== rows.id.length) {
    const done = new Set(inserted);
    throw TransportErrors.planStale({ vehicleIds: rows.vehicle.filter((id) => !done.has(id)) });
  }
  return attached;
}

/** The key of an ambulance's seated-places row among the attached convoy_vehicles rows. */
function seatedKey(vehicleId: string): string {
  return `${vehicleId}:seated`;
}

/**
 * The convoy_vehicles rows a vehicle brings: buses their seats, trucks their cargo in thousandths, an
 * ambulance its stretchers and, on a second row, its seats for patients who travel seated.
 */
export function convoyVehicleRowsOf(vehicle: PlanProposal['vehicles'][number]): [string, number][] {
  if (vehicle.type === 'cargo_truck') return [['cargo', Math.round((vehicle.cargoCapacity ?? 1) * CARGO_MILLIS_PER_SHARE)]];
  if (vehicle.type !== 'ambulance') return [['seats', vehicle.seats ?? 0]];
  const rows: [string, number][] = [];
  // Proposals stored before seated places had neither field for an ambulance without stretchers.
  const stretchers = vehicle.stretcherPlaces ?? (vehicle.seatedPlaces ? 0 : 1);
  if (stretchers > 0) rows.push(['stretcher', stretchers]);
  if ((vehicle.seatedPlaces ?? 0) > 0) rows.push(['ambulance_seats', vehicle.seatedPlaces ?? 0]);
  return rows;
}

function vehicleOf(attached: ReadonlyMap<string, string>, convoyVehicleId: string): string {
  for (const [key, id] of attached) if (id === convoyVehicleId) return key.replace(/:seated$/, '');
  return convoyVehicleId;
}

function vehicleIdsOf(convoy: PlannedConvoy): string[] {
  return [...convoy.buses, ...convoy.cargoTrucks, ...convoy.ambulances].map((vehicle) => vehicle.vehicleId);
}

function bookingsOf(convoy: PlannedConvoy, householdId: string, attached: ReadonlyMap<string, string>): Booking[] {
  const bookings: Booking[] = [];
  const at = (vehicleId: string): string => {
    const id = attached.get(vehicleId);
    if (id === undefined) throw new Error(`vehicle ${vehicleId} of the plan was not attached`);
    return id;
  };
  for (const bus of convoy.buses) {
    for (const passenger of bus.households) {
      if (passenger.householdId === householdId) bookings.push({ convoyVehicleId: at(bus.vehicleId), units: passenger.seatUnits });
    }
  }
  for (const truck of convoy.cargoTrucks) {
    for (const share of truck.households) {
      if (share.householdId === householdId) bookings.push({ convoyVehicleId: at(truck.vehicleId), units: Math.round(share.cargoUnits * CARGO_MILLIS_PER_SHARE) });
    }
  }
  for (const ambulance of convoy.ambulances) {
    for (const places of ambulance.households) {
      if (places.householdId !== householdId) continue;
      if (places.places > 0) bookings.push({ convoyVehicleId: at(ambulance.vehicleId), units: places.places });
      if ((places.seats ?? 0) > 0) bookings.push({ convoyVehicleId: at(seatedKey(ambulance.vehicleId)), units: places.seats });
    }
  }
  return bookings;
}
