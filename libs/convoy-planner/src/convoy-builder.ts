// Convoys grow one household (or one pre-packed bus) at a time. Every need of a household (seats, cargo,
// ambulance places) must fit in the same convoy, or the household is not placed there.
import type { PlannableHousehold } from './household-intake.js';
import { placeAmbulanceNeeds, type AmbulanceBin } from './ambulance-bins.js';
import { addPart, openBin, placeLoad, UndoLog, VehiclePool, type LoadBin, type LoadLimits } from './load-bins.js';
import type { PlannerContext } from './planner-context.js';
import type { UnplacedReasonCode } from './planner-output.js';

export interface ConvoyState {
  readonly corridorId: string;
  readonly households: PlannableHousehold[];
  readonly buses: LoadBin[];
  readonly trucks: LoadBin[];
  readonly ambulances: AmbulanceBin[];
}

export interface PlanState {
  readonly context: PlannerContext;
  /** Convoys per corridor in the order they were opened. */
  readonly convoysByCorridor: Map<string, ConvoyState[]>;
  readonly busPool: VehiclePool;
  readonly truckPool: VehiclePool;
  readonly ambulancePool: VehiclePool;
  readonly busLimits: LoadLimits;
  readonly truckLimits: LoadLimits;
}

export type InsertOutcome = { readonly placed: true } | { readonly placed: false; readonly code: UnplacedReasonCode };

// The need that failed, in the order they are tried; the furthest one reached names the reason.
const FAILED_NEED: readonly UnplacedReasonCode[] = ['NO_BUS_SEATS', 'NO_CARGO_TRUCK', 'NO_AMBULANCE_PLACE'];

export function createPlanState(context: PlannerContext): PlanState {
  return {
    context,
    convoysByCorridor: new Map(),
    busPool: new VehiclePool(context.buses),
    truckPool: new VehiclePool(context.trucks),
    ambulancePool: new VehiclePool(context.ambulances),
    busLimits: { largestInFleet: context.buses[0]?.capacity ?? 0, maxBins: context.maxBusesPerConvoy },
    truckLimits: { largestInFleet: context.trucks[0]?.capacity ?? 0, maxBins: Number.POSITIVE_INFINITY },
  };
}

function addHousehold(convoy: ConvoyState, household: PlannableHousehold, undo: UndoLog): void {
  convoy.households.push(household);
  undo.record(() => convoy.households.pop());
}

/** Cargo and ambulance places of a household already seated in `convoy`; -1 when both fit, else the failed need. */
function placeEscortedNeeds(state: PlanState, convoy: ConvoyState, household: PlannableHousehold, undo: UndoLog): number {
  if (!placeLoad(convoy.trucks, state.truckPool, household.id, household.cargoMillis, state.truckLimits, undo)) return 1;
  const patients = { stretcher: household.ambulancePlaces, seated: household.ambulanceSeats };
  if (!placeAmbulanceNeeds(convoy.ambulances, state.ambulancePool, household.id, patients, undo)) return 2;
  addHousehold(convoy, household, undo);
  return -1;
}

function tryHousehold(
  state: PlanState,
  convoy: ConvoyState,
  household: PlannableHousehold,
  mayOpenBus: boolean,
  undo: UndoLog,
): number {
  if (convoy.households.length >= state.context.maxFamiliesPerConvoy) return 0;
  const busLimits = mayOpenBus ? state.busLimits : { ...state.busLimits, maxBins: convoy.buses.length };
  if (!placeLoad(convoy.buses, state.busPool, household.id, household.seatUnits, busLimits, undo)) return 0;
  return placeEscortedNeeds(state, convoy, household, undo);
}

function convoysOf(state: PlanState, corridorId: string): ConvoyState[] {
  let convoys = state.convoysByCorridor.get(corridorId);
  if (convoys === undefined) {
    convoys = [];
    state.convoysByCorridor.set(corridorId, convoys);
  }
  return convoys;
}

function emptyConvoy(corridorId: string): ConvoyState {
  return { corridorId, households: [], buses: [], trucks: [], ambulances: [] };
}

/**
 * Opens convoys up front when a corridor is known to need several, so that new buses can be spread over
 * them: filled one after the other, the last convoys would get all the small families and run into the
 * family limit with seats still free.
 */
export function openConvoys(state: PlanState, corridorId: string, count: number): void {
  const convoys = convoysOf(state, corridorId);
  while (convoys.length < count) convoys.push(emptyConvoy(corridorId));
}

type Attempt = (convoy: ConvoyState, mayOpenBus: boolean, undo: UndoLog) => number;

/**
 * First fit over the seats already on the corridor's buses, in convoy order; else a new bus in the convoy
 * with the fewest buses (then families); else a new convoy. The first attempt that works is kept.
 */
function insertInto(state: PlanState, corridorId: string, attempt: Attempt): InsertOutcome {
  const convoys = convoysOf(state, corridorId);
  let furthest = 0;
  const works = (convoy: ConvoyState, mayOpenBus: boolean): boolean => {
    const undo = new UndoLog();
    const failed = attempt(convoy, mayOpenBus, undo);
    if (failed < 0) return true;
    undo.rollback();
    furthest = Math.max(furthest, failed);
    return false;
  };
  if (convoys.some((convoy) => works(convoy, false))) return { placed: true };
  // Array sort is stable, so equally loaded convoys keep their order.
  const leastLoaded = [...convoys].sort((a, b) => a.buses.length - b.buses.length || a.households.length - b.households.length);
  if (leastLoaded.some((convoy) => works(convoy, true))) return { placed: true };
  const fresh = emptyConvoy(corridorId);
  if (works(fresh, true)) {
    convoys.push(fresh);
    return { placed: true };
  }
  return { placed: false, code: FAILED_NEED[furthest] ?? 'NO_BUS_SEATS' };
}

/** Places one household whole in one convoy of its corridor, or says which need could not be met. */
export function insertHousehold(state: PlanState, household: PlannableHousehold): InsertOutcome {
  return insertInto(state, household.corridorId, (convoy, mayOpenBus, undo) => tryHousehold(state, convoy, household, mayOpenBus, undo));
}

/** Places a bus load packed elsewhere (the exact solver) on one free bus of one convoy, with its cargo and patients. */
export function insertBusLoad(state: PlanState, corridorId: string, households: readonly PlannableHousehold[]): InsertOutcome {
  const seatUnits = households.reduce((sum, household) => sum + household.seatUnits, 0);
  return insertInto(state, corridorId, (convoy, mayOpenBus, undo) => {
    if (!mayOpenBus || convoy.buses.length >= state.context.maxBusesPerConvoy) return 0;
    if (convoy.households.length + households.length > state.context.maxFamiliesPerConvoy) return 0;
    const index = state.busPool.largestFree();
    if (index < 0 || state.busPool.capacityAt(index) < seatUnits) return 0;
    const bus = openBin(convoy.buses, state.busPool, index, undo);
    for (const household of households) addPart(bus, household.id, household.seatUnits, undo);
    for (const household of households) {
      const failed = placeEscortedNeeds(state, convoy, household, undo);
      if (failed >= 0) return failed;
    }
    return -1;
  });
}

export function busesUsed(state: PlanState, corridorId?: string): number {
  let count = 0;
  for (const [corridor, convoys] of state.convoysByCorridor) {
    if (corridorId !== undefined && corridor !== corridorId) continue;
    for (const convoy of convoys) count += convoy.buses.length;
  }
  return count;
}
