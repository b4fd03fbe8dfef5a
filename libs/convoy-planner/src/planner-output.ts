import type { BusType } from './planner-input.js';

export interface BusPassengers {
  readonly householdId: string;
  readonly seatUnits: number;
}

export interface PlannedBus {
  readonly vehicleId: string;
  readonly type: BusType;
  readonly seats: number;
  /** floor(seats × (1 − spareShare)): the most seat units this bus is given. */
  readonly capacity: number;
  readonly seatUnits: number;
  readonly households: readonly BusPassengers[];
}

export interface CargoShare {
  readonly householdId: string;
  readonly cargoUnits: number;
}

export interface PlannedCargoTruck {
  readonly vehicleId: string;
  readonly cargoCapacity: number;
  readonly cargoUnits: number;
  readonly households: readonly CargoShare[];
}

export interface AmbulancePlaces {
  readonly householdId: string;
  /** Stretcher places taken. */
  readonly places: number;
  /** Seated places taken. */
  readonly seats: number;
}

export interface PlannedAmbulance {
  readonly vehicleId: string;
  readonly stretcherPlaces: number;
  readonly seatedPlaces: number;
  /** Stretcher places taken. */
  readonly places: number;
  /** Seated places taken. */
  readonly seats: number;
  readonly households: readonly AmbulancePlaces[];
}

export interface PlannedConvoy {
  /** `<corridorId>-<n>`, numbered from 1 within the corridor. */
  readonly id: string;
  readonly corridorId: string;
  /** Destination codes of the households on board, sorted. */
  readonly destinations: readonly string[];
  /** Sorted. */
  readonly householdIds: readonly string[];
  readonly seatUnits: number;
  readonly buses: readonly PlannedBus[];
  readonly cargoTrucks: readonly PlannedCargoTruck[];
  readonly ambulances: readonly PlannedAmbulance[];
}

export type UnplacedReasonCode =
  | 'INVALID_HOUSEHOLD'
  | 'DUPLICATE_HOUSEHOLD_ID'
  | 'DESTINATION_OFF_CORRIDOR'
  | 'HOUSEHOLD_LARGER_THAN_ANY_BUS'
  | 'HOUSEHOLD_LARGER_THAN_CONVOY'
  | 'NO_BUS_SEATS'
  | 'NO_CARGO_TRUCK'
  | 'NO_AMBULANCE_PLACE'
  /** Taken out of the proposal by the officer before commit (applyPlanEdits). */
  | 'TAKEN_OUT';

export interface UnplacedHousehold {
  readonly householdId: string;
  readonly reason: {
    readonly code: UnplacedReasonCode;
    /** A sentence a case worker understands. */
    readonly message: string;
  };
}

/** How the exact solver ended for one corridor. */
export type ExactStatus =
  /** FFD already used as many buses as the simple lower bound (or Martello–Toth's L2): nothing to prove. */
  | 'bound_reached'
  /** The packing search (reduction, MBS', bin completion, tabu) reached the L2 bound: optimal, no solver. */
  | 'heuristic_at_bound'
  /** The arc-flow LP bound equals FFD's bus count: FFD is optimal. */
  | 'lp_bound_reached'
  /** The solver proved an optimum; the plan uses it when it saves buses. */
  | 'optimal'
  /** The time cap was hit; a better packing found before that is used, else the FFD plan stays. */
  | 'time_limit'
  /** Households larger than one bus: the exact model does not cover split households. */
  | 'skipped_split_households'
  /** The solver could not be loaded or failed; the FFD plan stays. */
  | 'solver_error'
  /** The exact packing did not fit the fleet once cargo and ambulances were added; the FFD plan stays. */
  | 'rebuild_failed';

export interface CorridorQuality {
  readonly corridorId: string;
  readonly seatUnits: number;
  readonly busesUsed: number;
  readonly lowerBound: number;
  /** ⌈arc-flow LP relaxation⌉, when the exact solver computed it. */
  readonly lpBound?: number;
  /** Martello–Toth L2 raised by the reduction, when the packing search ran and it is above `lowerBound`. */
  readonly packingBound?: number;
  /** Where the corridor's bus loads come from: FFD, the packing search, or the exact solver. */
  readonly method: 'ffd' | 'heuristic' | 'exact';
  readonly exactStatus?: ExactStatus;
}

export interface PlanQuality {
  readonly busesUsed: number;
  /**
   * Σ over corridors of the fewest buses whose capacities can hold the corridor's seat units, taking the
   * largest buses of the fleet first. With one bus size this is ⌈seatUnits / capacity⌉ per corridor.
   */
  readonly lowerBound: number;
  /** Σ over corridors of max(lowerBound, ⌈LP⌉); present only when the solver ran and it is higher. */
  readonly lpBound?: number;
  /** Seat units carried ÷ Σ capacity of the buses used (1 = every seat not kept spare is taken). */
  readonly seatUtilisation: number;
  /** Wall-clock time; the only field that differs between two runs on the same input. */
  readonly elapsedMs: number;
  /** `exact` when any corridor uses the solver's packing, else `heuristic` when any uses the search's. */
  readonly method: 'ffd' | 'heuristic' | 'exact';
  readonly corridors: readonly CorridorQuality[];
}

export interface ConvoyPlan {
  readonly convoys: readonly PlannedConvoy[];
  /** Highest priority first, then by id. */
  readonly unplaced: readonly UnplacedHousehold[];
  /** Sorted. */
  readonly unusedVehicleIds: readonly string[];
  readonly quality: PlanQuality;
}
