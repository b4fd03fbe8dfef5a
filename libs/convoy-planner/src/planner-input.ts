// What the transport service hands the planner. Plain data, validated here because the planner is also
// called from scripts and benchmarks, not only behind the HTTP edge.

export interface Member {
  /** Age in years on the day of travel; fractions are allowed. */
  readonly age: number;
}

export interface HouseholdToPlan {
  readonly id: string;
  /** Area code of the destination, e.g. "SY0801". */
  readonly destination: string;
  /** Higher travels first when capacity is short. */
  readonly priority: number;
  /** Members, from which bus seat units are computed. Give either `members` or `seatUnits`. */
  readonly members?: readonly Member[];
  /** Bus seat units already computed by the caller (ambulance riders excluded); rounded up. */
  readonly seatUnits?: number;
  /** Belongings in truck shares (1 = one full truck of capacity 1). Default 1; `cargoSharesOf(people)` derives it from family size. */
  readonly cargoUnits?: number;
  /** People who must travel lying on an ambulance stretcher; they take no bus seat. Default 0. */
  readonly ambulancePlaces?: number;
  /** People who travel seated in an ambulance; they take no bus seat and no stretcher. Default 0. */
  readonly ambulanceSeats?: number;
  /** Corridor to use when the destination lies on several; it must list the destination. */
  readonly corridor?: string;
}

export type BusType = 'bus' | 'minibus';

export interface BusToPlan {
  readonly id: string;
  readonly type: BusType;
  /** Passenger seats, driver excluded. */
  readonly seats: number;
}

export interface CargoTruckToPlan {
  readonly id: string;
  readonly type: 'cargo_truck';
  /** In cargo units. Default 1. */
  readonly cargoCapacity?: number;
}

export interface AmbulanceToPlan {
  readonly id: string;
  readonly type: 'ambulance';
  /** Default 1, or 0 when `seatedPlaces` is given. */
  readonly stretcherPlaces?: number;
  /** Seats for patients who travel seated (not the crew's). Default 0. */
  readonly seatedPlaces?: number;
}

export type VehicleToPlan = BusToPlan | CargoTruckToPlan | AmbulanceToPlan;

/** Seat units per member by age. Ages are compared as `age < infantUnderAge`, then `age < childUnderAge`. */
export interface SeatWeights {
  readonly infantUnderAge: number;
  readonly childUnderAge: number;
  readonly infant: number;
  readonly child: number;
  readonly adult: number;
}

export interface ExactSolverOptions {
  /** Default true in `planConvoysOptimal`; `planConvoys` never runs the solver. */
  readonly enabled?: boolean;
  /** Wall-clock cap for the whole exact phase. Default 10 000 ms. */
  readonly timeLimitMs?: number;
  /**
   * The packing search before the solver (L2 bound, reduction, MBS', bin completion, tabu search; bounded
   * by a step count, so deterministic). Default true; false goes from FFD straight to the solver.
   */
  readonly search?: boolean;
}

export interface PlannerOptions {
  /** Destination codes per corridor id; households of one corridor may share buses and convoys. */
  readonly corridors: Readonly<Record<string, readonly string[]>>;
  /** Share of seats kept free on every bus: a bus carries at most floor(seats × (1 − spareShare)). Default 0.10. */
  readonly spareShare?: number;
  /** Default 240. */
  readonly maxFamiliesPerConvoy?: number;
  /** Default 20. */
  readonly maxBusesPerConvoy?: number;
  /** Defaults: infants under 2 → 0, children 2–11 → 1, adults → 1. */
  readonly seatWeights?: Partial<SeatWeights>;
  /**
   * A household larger than the largest bus rides on several buses of one convoy (default true).
   * When false it is left unplaced with HOUSEHOLD_LARGER_THAN_ANY_BUS.
   */
  readonly splitLargeHouseholds?: boolean;
  readonly exact?: ExactSolverOptions;
}

export interface ConvoyPlanInput {
  readonly households: readonly HouseholdToPlan[];
  readonly vehicles: readonly VehicleToPlan[];
  readonly options: PlannerOptions;
}

export const DEFAULT_SEAT_WEIGHTS: SeatWeights = {
  infantUnderAge: 2,
  childUnderAge: 12,
  infant: 0,
  child: 1,
  adult: 1,
};

export const DEFAULT_SPARE_SHARE = 0.1;
export const DEFAULT_MAX_FAMILIES_PER_CONVOY = 240;
export const DEFAULT_MAX_BUSES_PER_CONVOY = 20;
export const DEFAULT_EXACT_TIME_LIMIT_MS = 10_000;

/** Thrown for input the planner cannot work with at all (bad options or fleet), never for one bad household. */
export class ConvoyPlanInputError extends Error {
  readonly code = 'CONVOY_PLANNER.INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = ConvoyPlanInputError.name;
  }
}
