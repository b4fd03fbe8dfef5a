import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DomainError } from '@awda/bootstrap';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { applyPlanEdits, ConvoyPlanInputError, planConvoysOptimal, type ConvoyPlan, type HouseholdToPlan, type VehicleToPlan } from '@awda/convoy-planner';
import { priorityAt } from '@awda/eligibility-rules';
import { AreaChains } from '../areas/area-chains.js';
import { corridorOf } from '../corridors/corridors.js';
import { CorridorsService } from '../corridors/corridors.service.js';
import { VehiclesRepository, type VehicleView } from '../fleet/vehicles.repository.js';
import { CampClock } from '../scheduling/camp-clock.js';
import { isSchedulable } from '../scheduling/household-lock.js';
import { CARGO_MILLIS_PER_SHARE, type HouseholdRow, SchedulingRepository } from '../scheduling/scheduling.repository.js';
import { TransportErrors } from '../transport.errors.js';
import type { CommitPlanDto } from './dto/commit-plan.dto.js';
import type { ProposePlanDto } from './dto/plan.dto.js';
import { PlanningRepository } from './planning.repository.js';
import { commitPlan, type CommittedPlan, type PlannedHousehold } from './plan-commit.js';
import { SeatLedger } from '../scheduling/seat-ledger.repository.js';
import { ConvoysRepository } from '../convoys/convoys.repository.js';

export interface PlanProposal {
  planId: string;
  status: 'proposed' | 'committed';
  request: ProposePlanDto;
  households: PlannedHousehold[];
  vehicles: Pick<VehicleView, 'id' | 'type' | 'plate' | 'seats' | 'cargoCapacity' | 'stretcherPlaces' | 'seatedPlaces'>[];
  plan: ConvoyPlan;
}

export interface PoolHousehold {
  householdId: string;
  /** Registration's case number; null until transport has received a snapshot carrying it. */
  caseNumber: string | null;
  destinationArea: string;
  priority: number;
  seatUnits: number;
  /** Stretcher places. */
  ambulancePlaces: number;
  /** Seated ambulance places. */
  ambulanceSeats: number;
  /** Truck shares the family's belongings take (from its size: see README, "Cargo by family size"). */
  cargoShares: number;
  members: number;
}

/** Dry run (a stored proposal nobody is bound by), then commit (seats booked, families told). */
@Injectable()
export class PlanningService {
  constructor(
    private readonly convoys: ConvoysRepository,
    private readonly vehicles: VehiclesRepository,
    private readonly scheduling: SchedulingRepository,
    private readonly planning: PlanningRepository,
    private readonly dataSource: DataSource,
    private readonly corridors: CorridorsService,
    private readonly ledger: SeatLedger,
    private readonly areas: AreaChains,
    private readonly clock: CampClock,
  ) {}

  async propose(user: AuthUser, dto: ProposePlanDto): Promise<PlanProposal> {
    if (!canAccessCamp(user, dto.campId)) throw TransportErrors.campNotAllowed(dto.campId);
    this.clock.refuseBeforeToday(dto.departureDate);
    const manager = this.dataSource.manager;
    const corridors = await this.corridors.list(manager);
    const selected = dto.corridorIds ?? corridors.map((corridor) => corridor.id);
    for (const id of selected) if (!corridors.some((corridor) => corridor.id === id)) throw TransportErrors.corridorUnknown(id);
    const households: PlannedHousehold[] = [];
    const destinationsByCorridor: Record<string, string[]> = Object.fromEntries(selected.map((id) => [id, []]));
    const pool = await poolOf({ scheduling: this.scheduling, planning: this.planning }, manager, dto.campId, new Date(), dto.departureDate);
    // Each destination with every area above it: a community is on the corridor of its district.
    const chains = await this.areas.chainsOf(manager, pool.map((household) => household.destinationArea ?? ''));
    for (const household of pool) {
      const destination = household.destinationArea ?? '';
      const corridorId = corridorOf(corridors, chains.get(destination) ?? [destination])?.id ?? null;
      // Households bound for another corridor wait for that corridor's plan.
      if (corridorId !== null && !selected.includes(corridorId)) continue;
      if (corridorId !== null) destinationsByCorridor[corridorId]?.push(destination);
      households.push({
        householdId: household.householdId,
        caseNumber: household.caseNumber,
        destinationArea: destination,
        corridorId,
        priority: household.priority,
        seatUnits: household.seatUnits,
        ambulancePlaces: household.ambulancePlaces,
        ambulanceSeats: household.ambulanceSeats,
        cargoShares: household.cargoMillis / CARGO_MILLIS_PER_SHARE,
        householdVersion: household.householdVersion,
      });
    }
    const fleet = await this.vehicles.freeVehiclesOn(manager, dto.campId, dto.departureDate);
    const plan = await this.plan(households, fleet, destinationsByCorridor, dto.spareShare);
    const proposal: PlanProposal = {
      planId: uuidv7(),
      status: 'proposed',
      request: dto,
      households,
      vehicles: fleet.map(({ id, type, plate, seats, cargoCapacity, stretcherPlaces, seatedPlaces }) => ({
        id,
        type,
        plate,
        seats,
        cargoCapacity,
        stretcherPlaces,
        seatedPlaces,
      })),
      plan,
    };
    await this.planning.insertProposal(manager, proposal, user.sub);
    return proposal;
  }

  /** Eligible families without a seat, highest priority first. */
  async pool(user: AuthUser, campId: string): Promise<PoolHousehold[]> {
    if (!canAccessCamp(user, campId)) throw TransportErrors.campNotAllowed(campId);
    return (await poolOf({ scheduling: this.scheduling, planning: this.planning }, this.dataSource.manager, campId)).map((household) => ({
      householdId: household.householdId,
      caseNumber: household.caseNumber,
      destinationArea: household.destinationArea ?? '',
      priority: household.priority,
      seatUnits: household.seatUnits,
      ambulancePlaces: household.ambulancePlaces,
      ambulanceSeats: household.ambulanceSeats,
      cargoShares: household.cargoMillis / CARGO_MILLIS_PER_SHARE,
      members: household.members.length,
    }));
  }

  async get(user: AuthUser, planId: string): Promise<PlanProposal> {
    const proposal = await this.planning.findProposal(this.dataSource.manager, planId, '');
    if (!proposal || !canAccessCamp(user, proposal.request.campId)) throw TransportErrors.planNotFound();
    return proposal;
  }

  /**
   * Books the proposal, with the officer's moves and take-outs applied first (the planner library
   * decides whether they hold); the stored proposal then shows what was committed.
   */
  commit(user: AuthUser, planId: string, edits: CommitPlanDto = {}): Promise<CommittedPlan> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.planning.findProposal(manager, planId, 'FOR UPDATE');
      if (!proposal || !canAccessCamp(user, proposal.request.campId)) throw TransportErrors.planNotFound();
      if (proposal.status === 'committed') throw TransportErrors.planCommitted();
      // A proposal left overnight may have a date that has passed since.
      this.clock.refuseBeforeToday(proposal.request.departureDate);
      const destinations = new Map(proposal.households.map((household) => [household.householdId, household.destinationArea]));
      const edited = applyPlanEdits(proposal.plan, edits, (householdId) => destinations.get(householdId));
      if (!edited.ok) throw TransportErrors.planEditRefused(edited.errors);
      const repositories = { convoys: this.convoys, scheduling: this.scheduling, planning: this.planning };
      const committed = await commitPlan(repositories, manager, this.ledger, { ...proposal, plan: edited.plan }, user.sub);
      await this.planning.markProposalCommitted(manager, planId, edited.plan);
      return committed;
    });
  }

  /**
   * First Fit Decreasing, then, for a corridor where FFD uses more buses than the lower bound, the
   * exact arc-flow model (HiGHS in a worker, capped; the FFD plan is kept if the cap is hit).
   */
  private async plan(
    households: readonly PlannedHousehold[],
    fleet: readonly VehicleView[],
    corridors: Record<string, string[]>,
    spareShare: number | undefined,
  ): Promise<ConvoyPlan> {
    const toPlan: HouseholdToPlan[] = households.map((household) => ({
      id: household.householdId,
      destination: household.destinationArea,
      priority: household.priority,
      seatUnits: household.seatUnits,
      ambulancePlaces: household.ambulancePlaces,
      ambulanceSeats: household.ambulanceSeats ?? 0,
      ...(household.cargoShares !== undefined ? { cargoUnits: household.cargoShares } : {}),
      ...(household.corridorId !== null ? { corridor: household.corridorId } : {}),
    }));
    const vehicles: VehicleToPlan[] = fleet.map((vehicle) =>
      vehicle.type === 'cargo_truck'
        ? { id: vehicle.id, type: 'cargo_truck', cargoCapacity: vehicle.cargoCapacity ?? 1 }
        : vehicle.type === 'ambulance'
          ? { id: vehicle.id, type: 'ambulance', stretcherPlaces: vehicle.stretcherPlaces ?? 0, seatedPlaces: vehicle.seatedPlaces ?? 0 }
          : { id: vehicle.id, type: vehicle.type, seats: vehicle.seats ?? 0 },
    );
    const uniqueCorridors = Object.fromEntries(Object.entries(corridors).map(([id, codes]) => [id, [...new Set(codes)].sort()]));
    try {
      return await planConvoysOptimal({
        households: toPlan,
        vehicles,
        options: { corridors: uniqueCorridors, spareShare, exact: { enabled: true, timeLimitMs: EXACT_TIME_LIMIT_MS } },
      });
    } catch (error) {
      if (error instanceof ConvoyPlanInputError) throw new DomainError('TRANSPORT.PLAN_INPUT', error.message, 422);
      throw error;
    }
  }
}

/** A dry run waits at most this long for the exact solver (a person is waiting for the proposal). */
const EXACT_TIME_LIMIT_MS = 5000;

/**
 * The planning pool: eligible, known, not withdrawn and without a seat, highest priority first. Waiting
 * time is counted up to `at` (now) from each household's priority basis, so a family whose record has
 * not changed since registration ranks by how long it has really waited, not by the day it was last
 * assessed; a household assessed by an older eligibility (no basis) keeps its assessed priority.
 */
export async function poolOf(
  repositories: { scheduling: SchedulingRepository; planning: PlanningRepository },
  manager: EntityManager,
  campId: string,
  at = new Date(),
  departureDate?: string,
): Promise<HouseholdRow[]> {
  // A family that gave up a date by SMS reply is not planned on that date again (it stays in the pool for others).
  const households = await repositories.scheduling.findHouseholds(manager, await repositories.planning.poolHouseholdIds(manager, campId, departureDate));
  return households
    .filter(isSchedulable)
    .map((household) => (household.priorityBasis ? { ...household, priority: priorityAt(household.priorityBasis, at) } : household))
    .sort((a, b) => b.priority - a.priority || (a.householdId < b.householdId ? -1 : 1));
}
