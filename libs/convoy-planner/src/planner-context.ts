// Options and fleet checked once and turned into the integer capacities the packing works with.
import {
  ConvoyPlanInputError,
  DEFAULT_EXACT_TIME_LIMIT_MS,
  DEFAULT_MAX_BUSES_PER_CONVOY,
  DEFAULT_MAX_FAMILIES_PER_CONVOY,
  DEFAULT_SEAT_WEIGHTS,
  DEFAULT_SPARE_SHARE,
  type ConvoyPlanInput,
  type SeatWeights,
  type VehicleToPlan,
} from './planner-input.js';
import { effectiveCapacity } from './seat-units.js';

/** Cargo is packed in thousandths of a truck share so that 0.1 + 0.2 trucks add up exactly. */
export const CARGO_SCALE = 1000;

export function toCargoMillis(units: number): number {
  return Math.round(units * CARGO_SCALE);
}

export function fromCargoMillis(millis: number): number {
  return millis / CARGO_SCALE;
}

export interface FleetVehicle {
  readonly id: string;
  readonly type: VehicleToPlan['type'];
  /** Seats, cargo capacity or stretcher places as given. */
  readonly nominal: number;
  /** What the packing uses: seats after the spare share, cargo in thousandths, stretcher places. */
  readonly capacity: number;
  /** Ambulances only: places for patients who travel seated. */
  readonly seated?: number;
}

export interface PlannerContext {
  readonly corridorsByDestination: ReadonlyMap<string, readonly string[]>;
  readonly corridorDestinations: ReadonlyMap<string, ReadonlySet<string>>;
  readonly spareShare: number;
  readonly maxFamiliesPerConvoy: number;
  readonly maxBusesPerConvoy: number;
  readonly seatWeights: SeatWeights;
  readonly splitLargeHouseholds: boolean;
  readonly exactEnabled: boolean;
  readonly exactTimeLimitMs: number;
  readonly searchEnabled: boolean;
  /** Each list sorted by capacity, largest first, then by id. */
  readonly buses: readonly FleetVehicle[];
  readonly trucks: readonly FleetVehicle[];
  readonly ambulances: readonly FleetVehicle[];
}

/** Code-point order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byCapacityThenId(a: FleetVehicle, b: FleetVehicle): number {
  return b.capacity - a.capacity || compareText(a.id, b.id);
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1) {
    throw new ConvoyPlanInputError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return resolved;
}

function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 0) {
    throw new ConvoyPlanInputError(`${name} must be a whole number, got ${String(value)}`);
  }
  return resolved;
}

function positiveNumber(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!Number.isFinite(resolved) || resolved <= 0) {
    throw new ConvoyPlanInputError(`${name} must be a positive number, got ${String(value)}`);
  }
  return resolved;
}

function resolveSeatWeights(partial: Partial<SeatWeights> | undefined): SeatWeights {
  const weights = { ...DEFAULT_SEAT_WEIGHTS, ...partial };
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new ConvoyPlanInputError(`seatWeights.${name} must be a non-negative number, got ${String(value)}`);
    }
  }
  if (weights.childUnderAge < weights.infantUnderAge) {
    throw new ConvoyPlanInputError('seatWeights.childUnderAge must not be below seatWeights.infantUnderAge');
  }
  return weights;
}

function resolveFleet(vehicles: readonly VehicleToPlan[], spareShare: number): Pick<PlannerContext, 'buses' | 'trucks' | 'ambulances'> {
  const seen = new Set<string>();
  const buses: FleetVehicle[] = [];
  const trucks: FleetVehicle[] = [];
  const ambulances: FleetVehicle[] = [];
  for (const vehicle of vehicles) {
    if (typeof vehicle.id !== 'string' || vehicle.id === '') throw new ConvoyPlanInputError('every vehicle needs an id');
    if (seen.has(vehicle.id)) throw new ConvoyPlanInputError(`vehicle id ${vehicle.id} appears twice`);
    seen.add(vehicle.id);
    const where = `vehicle ${vehicle.id}`;
    switch (vehicle.type) {
      case 'bus':
      case 'minibus': {
        const seats = positiveInteger(vehicle.seats, 0, `${where} seats`);
        buses.push({ id: vehicle.id, type: vehicle.type, nominal: seats, capacity: effectiveCapacity(seats, spareShare) });
        break;
      }
      case 'cargo_truck': {
        const cargoCapacity = positiveNumber(vehicle.cargoCapacity, 1, `${where} cargoCapacity`);
        trucks.push({ id: vehicle.id, type: vehicle.type, nominal: cargoCapacity, capacity: toCargoMillis(cargoCapacity) });
        break;
      }
      case 'ambulance': {
        const seated = nonNegativeInteger(vehicle.seatedPlaces, 0, `${where} seatedPlaces`);
        const places = nonNegativeInteger(vehicle.stretcherPlaces, vehicle.seatedPlaces === undefined ? 1 : 0, `${where} stretcherPlaces`);
        if (places + seated === 0) throw new ConvoyPlanInputError(`${where} has neither stretcher nor seated places`);
        ambulances.push({ id: vehicle.id, type: vehicle.type, nominal: places, capacity: places, seated });
        break;
      }
      default:
        throw new ConvoyPlanInputError(`${where} has an unknown type ${JSON.stringify((vehicle as { type: unknown }).type)}`);
    }
  }
  return {
    buses: buses.sort(byCapacityThenId),
    trucks: trucks.sort(byCapacityThenId),
    ambulances: ambulances.sort(byCapacityThenId),
  };
}

/** Checks options and fleet; throws ConvoyPlanInputError naming the first bad value. */
export function resolvePlannerContext(input: ConvoyPlanInput): PlannerContext {
  const { options } = input;
  const spareShare = options.spareShare ?? DEFAULT_SPARE_SHARE;
  if (!Number.isFinite(spareShare) || spareShare < 0 || spareShare >= 1) {
    throw new ConvoyPlanInputError(`spareShare must be at least 0 and below 1, got ${String(options.spareShare)}`);
  }
  const corridorsByDestination = new Map<string, string[]>();
  const corridorDestinations = new Map<string, Set<string>>();
  // Sorted so that a destination on several corridors resolves the same way whatever the key order.
  for (const corridorId of Object.keys(options.corridors).sort(compareText)) {
    const destinations = options.corridors[corridorId];
    if (!Array.isArray(destinations) || destinations.some((code) => typeof code !== 'string')) {
      throw new ConvoyPlanInputError(`corridor ${corridorId} must list destination codes`);
    }
    corridorDestinations.set(corridorId, new Set(destinations));
    for (const code of destinations) {
      const onCorridors = corridorsByDestination.get(code) ?? [];
      if (!onCorridors.includes(corridorId)) onCorridors.push(corridorId);
      corridorsByDestination.set(code, onCorridors);
    }
  }
  const exactTimeLimitMs = options.exact?.timeLimitMs ?? DEFAULT_EXACT_TIME_LIMIT_MS;
  if (!Number.isFinite(exactTimeLimitMs) || exactTimeLimitMs < 0) {
    throw new ConvoyPlanInputError(`exact.timeLimitMs must be a non-negative number, got ${String(exactTimeLimitMs)}`);
  }
  return {
    corridorsByDestination,
    corridorDestinations,
    spareShare,
    maxFamiliesPerConvoy: positiveInteger(options.maxFamiliesPerConvoy, DEFAULT_MAX_FAMILIES_PER_CONVOY, 'maxFamiliesPerConvoy'),
    maxBusesPerConvoy: positiveInteger(options.maxBusesPerConvoy, DEFAULT_MAX_BUSES_PER_CONVOY, 'maxBusesPerConvoy'),
    seatWeights: resolveSeatWeights(options.seatWeights),
    splitLargeHouseholds: options.splitLargeHouseholds ?? true,
    exactEnabled: options.exact?.enabled ?? true,
    exactTimeLimitMs,
    searchEnabled: options.exact?.search ?? true,
    ...resolveFleet(input.vehicles, spareShare),
  };
}
