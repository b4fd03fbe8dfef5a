// From the packing state to the plan the transport service reads.
import type { ConvoyState, PlanState } from './convoy-builder.js';
import type { PlannableHousehold } from './household-intake.js';
import { corridorLowerBound } from './lower-bound.js';
import type { LoadBin } from './load-bins.js';
import { compareText, fromCargoMillis } from './planner-context.js';
import type { HouseholdToPlan } from './planner-input.js';
import type {
  ConvoyPlan,
  CorridorQuality,
  ExactStatus,
  PlannedBus,
  PlannedConvoy,
  PlanQuality,
  UnplacedHousehold,
} from './planner-output.js';

export interface CorridorExactOutcome {
  readonly status: ExactStatus;
  readonly lpBound?: number;
  readonly packingBound?: number;
  /** True when the corridor's buses come from the solver's or the search's packing. */
  readonly used: boolean;
  /** Which packing is used (default the solver's). */
  readonly source?: 'heuristic' | 'solver';
}

function plannedBus(bin: LoadBin): PlannedBus {
  return {
    vehicleId: bin.vehicle.id,
    type: bin.vehicle.type === 'minibus' ? 'minibus' : 'bus',
    seats: bin.vehicle.nominal,
    capacity: bin.vehicle.capacity,
    seatUnits: bin.load,
    households: bin.parts.map((part) => ({ householdId: part.householdId, seatUnits: part.amount })),
  };
}

function plannedConvoy(convoy: ConvoyState, number: number): PlannedConvoy {
  const seatUnits = convoy.households.reduce((sum, household) => sum + household.seatUnits, 0);
  return {
    id: `${convoy.corridorId}-${number}`,
    corridorId: convoy.corridorId,
    destinations: [...new Set(convoy.households.map((household) => household.destination))].sort(compareText),
    householdIds: convoy.households.map((household) => household.id).sort(compareText),
    seatUnits,
    buses: convoy.buses.map(plannedBus),
    cargoTrucks: convoy.trucks.map((bin) => ({
      vehicleId: bin.vehicle.id,
      cargoCapacity: bin.vehicle.nominal,
      cargoUnits: fromCargoMillis(bin.load),
      households: bin.parts.map((part) => ({ householdId: part.householdId, cargoUnits: fromCargoMillis(part.amount) })),
    })),
    ambulances: convoy.ambulances.map((bin) => ({
      vehicleId: bin.vehicle.id,
      stretcherPlaces: bin.vehicle.capacity,
      seatedPlaces: bin.vehicle.seated ?? 0,
      places: bin.stretchers,
      seats: bin.seats,
      households: bin.parts.map((part) => ({ householdId: part.householdId, places: part.stretchers, seats: part.seats })),
    })),
  };
}

function seatUnitsByCorridor(placed: readonly PlannableHousehold[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const household of placed) totals.set(household.corridorId, (totals.get(household.corridorId) ?? 0) + household.seatUnits);
  return totals;
}

function corridorQualities(
  state: PlanState,
  placed: readonly PlannableHousehold[],
  exact: ReadonlyMap<string, CorridorExactOutcome>,
): CorridorQuality[] {
  return [...seatUnitsByCorridor(placed)]
    .sort(([a], [b]) => compareText(a, b))
    .map(([corridorId, seatUnits]) => {
      const outcome = exact.get(corridorId);
      const buses = (state.convoysByCorridor.get(corridorId) ?? []).reduce((sum, convoy) => sum + convoy.buses.length, 0);
      return {
        corridorId,
        seatUnits,
        busesUsed: buses,
        lowerBound: corridorLowerBound(seatUnits, state.context),
        ...(outcome?.lpBound === undefined ? {} : { lpBound: outcome.lpBound }),
        ...(outcome?.packingBound === undefined ? {} : { packingBound: outcome.packingBound }),
        method: outcome?.used !== true ? 'ffd' : outcome.source === 'heuristic' ? 'heuristic' : 'exact',
        ...(outcome === undefined ? {} : { exactStatus: outcome.status }),
      };
    });
}

function planQuality(
  state: PlanState,
  placed: readonly PlannableHousehold[],
  exact: ReadonlyMap<string, CorridorExactOutcome>,
  startedAt: number,
): PlanQuality {
  const corridors = corridorQualities(state, placed, exact);
  const busesUsed = corridors.reduce((sum, corridor) => sum + corridor.busesUsed, 0);
  const lowerBound = corridors.reduce((sum, corridor) => sum + corridor.lowerBound, 0);
  const lpBound = corridors.reduce((sum, corridor) => sum + Math.max(corridor.lowerBound, corridor.lpBound ?? 0), 0);
  let carried = 0;
  let capacity = 0;
  for (const convoys of state.convoysByCorridor.values()) {
    for (const bus of convoys.flatMap((convoy) => convoy.buses)) {
      carried += bus.load;
      capacity += bus.vehicle.capacity;
    }
  }
  return {
    busesUsed,
    lowerBound,
    ...(lpBound > lowerBound ? { lpBound } : {}),
    seatUtilisation: capacity === 0 ? 0 : Math.round((carried / capacity) * 10_000) / 10_000,
    elapsedMs: Math.round(performance.now() - startedAt),
    method: corridors.some((corridor) => corridor.method === 'exact')
      ? 'exact'
      : corridors.some((corridor) => corridor.method === 'heuristic')
        ? 'heuristic'
        : 'ffd',
    corridors,
  };
}

function sortUnplaced(unplaced: readonly UnplacedHousehold[], households: readonly HouseholdToPlan[]): UnplacedHousehold[] {
  const priorities = new Map<string, number>();
  for (const household of households) {
    if (typeof household.priority !== 'number' || !Number.isFinite(household.priority)) continue;
    priorities.set(household.id, Math.max(priorities.get(household.id) ?? Number.NEGATIVE_INFINITY, household.priority));
  }
  const priorityOf = (id: string) => priorities.get(id) ?? Number.NEGATIVE_INFINITY;
  return [...unplaced].sort((a, b) => {
    const byPriority = priorityOf(b.householdId) - priorityOf(a.householdId);
    return (Number.isNaN(byPriority) ? 0 : byPriority) || compareText(a.householdId, b.householdId);
  });
}

export interface AssemblyInput {
  readonly households: readonly HouseholdToPlan[];
  readonly state: PlanState;
  readonly placed: readonly PlannableHousehold[];
  readonly unplaced: readonly UnplacedHousehold[];
  readonly exact: ReadonlyMap<string, CorridorExactOutcome>;
  readonly startedAt: number;
}

export function assemblePlan(input: AssemblyInput): ConvoyPlan {
  const { state } = input;
  const convoys = [...state.convoysByCorridor]
    .sort(([a], [b]) => compareText(a, b))
    .flatMap(([, corridorConvoys]) =>
      // Convoys opened up front may have stayed empty.
      corridorConvoys.filter((convoy) => convoy.households.length > 0).map((convoy, index) => plannedConvoy(convoy, index + 1)),
    );
  const unusedVehicleIds = [state.busPool, state.truckPool, state.ambulancePool]
    .flatMap((pool) => pool.freeVehicles().map((vehicle) => vehicle.id))
    .sort(compareText);
  return {
    convoys,
    unplaced: sortUnplaced(input.unplaced, input.households),
    unusedVehicleIds,
    quality: planQuality(state, input.placed, input.exact, input.startedAt),
  };
}
