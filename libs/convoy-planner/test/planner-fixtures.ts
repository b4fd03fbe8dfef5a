// Households, fleets and plan checks shared by the planner's specs.
import type {
  AmbulanceToPlan,
  BusToPlan,
  CargoTruckToPlan,
  ConvoyPlan,
  ConvoyPlanInput,
  HouseholdToPlan,
  Member,
} from '../src/index.js';

export const CORRIDORS = {
  raqqa: ['RAQ-CITY', 'RAQ-KARAMA', 'TABQA'],
  deir: ['DEZ-CITY', 'DEZ-HAJIN', 'DEZ-BUSAYRAH'],
} as const;

export function household(id: string, seatUnits: number, extra: Partial<HouseholdToPlan> = {}): HouseholdToPlan {
  return { id, destination: 'RAQ-CITY', priority: 1, seatUnits, ...extra };
}

export function buses(count: number, seats = 45, prefix = 'bus'): BusToPlan[] {
  return Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${String(index + 1).padStart(3, '0')}`, type: 'bus', seats }));
}

export function trucks(count: number, cargoCapacity = 1): CargoTruckToPlan[] {
  return Array.from({ length: count }, (_, index) => ({ id: `truck-${String(index + 1).padStart(4, '0')}`, type: 'cargo_truck', cargoCapacity }));
}

export function ambulances(count: number, stretcherPlaces = 2, seatedPlaces?: number, prefix = 'amb'): AmbulanceToPlan[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${String(index + 1).padStart(3, '0')}`,
    type: 'ambulance',
    stretcherPlaces,
    ...(seatedPlaces === undefined ? {} : { seatedPlaces }),
  }));
}

/** mulberry32: a small seeded generator, so every run of a spec sees the same households. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

// Household sizes 1–12, mean about 5.4, as in the camps' registration data.
const SIZE_WEIGHTS = [4, 8, 12, 15, 16, 14, 11, 8, 5, 3, 2, 2];

function pickSize(random: () => number): number {
  let draw = random() * SIZE_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
  for (const [index, weight] of SIZE_WEIGHTS.entries()) {
    draw -= weight;
    if (draw < 0) return index + 1;
  }
  return SIZE_WEIGHTS.length;
}

function members(size: number, random: () => number): Member[] {
  const adults = size === 1 ? 1 : 2;
  return Array.from({ length: size }, (_, index) =>
    index < adults ? { age: 20 + Math.floor(random() * 45) } : { age: Math.floor(random() * 18) },
  );
}

export function realisticHouseholds(count: number, seed: number, destinations: readonly string[]): HouseholdToPlan[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const size = pickSize(random);
    return {
      id: `hh-${String(index + 1).padStart(5, '0')}`,
      destination: destinations[Math.floor(random() * destinations.length)] ?? 'RAQ-CITY',
      priority: Math.floor(random() * 100),
      members: members(size, random),
      cargoUnits: random() < 0.2 ? 1.5 : 1,
      ambulancePlaces: random() < 0.04 ? 1 : 0,
    };
  });
}

/** Every rule a plan must keep, as a list of broken ones (empty when the plan is sound). */
export function planViolations(plan: ConvoyPlan, input: ConvoyPlanInput): string[] {
  const problems: string[] = [];
  const byId = new Map(input.households.map((entry) => [entry.id, entry]));
  const largestBus = Math.max(0, ...plan.convoys.flatMap((convoy) => convoy.buses.map((bus) => bus.capacity)));
  const convoyOf = new Map<string, string>();
  for (const convoy of plan.convoys) {
    const corridor = input.options.corridors[convoy.corridorId] ?? [];
    const onBoard = new Set(convoy.householdIds);
    const seats = new Map<string, number[]>();
    for (const bus of convoy.buses) {
      if (bus.seatUnits > bus.capacity) problems.push(`bus ${bus.vehicleId} carries ${bus.seatUnits} > ${bus.capacity}`);
      for (const part of bus.households) seats.set(part.householdId, [...(seats.get(part.householdId) ?? []), part.seatUnits]);
    }
    const cargo = new Map<string, number>();
    for (const truck of convoy.cargoTrucks) {
      if (truck.cargoUnits > truck.cargoCapacity + 1e-9) problems.push(`truck ${truck.vehicleId} overloaded`);
      for (const share of truck.households) cargo.set(share.householdId, (cargo.get(share.householdId) ?? 0) + share.cargoUnits);
    }
    const places = new Map<string, number>();
    const ambulanceSeats = new Map<string, number>();
    for (const ambulance of convoy.ambulances) {
      if (ambulance.places > ambulance.stretcherPlaces) problems.push(`ambulance ${ambulance.vehicleId} overloaded`);
      if (ambulance.seats > ambulance.seatedPlaces) problems.push(`ambulance ${ambulance.vehicleId} has too many seated`);
      for (const share of ambulance.households) {
        places.set(share.householdId, (places.get(share.householdId) ?? 0) + share.places);
        ambulanceSeats.set(share.householdId, (ambulanceSeats.get(share.householdId) ?? 0) + share.seats);
      }
    }
    for (const id of [...seats.keys(), ...cargo.keys(), ...places.keys()]) {
      if (!onBoard.has(id)) problems.push(`household ${id} has a seat, cargo or stretcher in ${convoy.id} but is not on its list`);
    }
    for (const id of convoy.householdIds) {
      const previous = convoyOf.get(id);
      if (previous !== undefined) problems.push(`household ${id} is in ${previous} and ${convoy.id}`);
      convoyOf.set(id, convoy.id);
      const submitted = byId.get(id);
      if (submitted === undefined) continue;
      if (!corridor.includes(submitted.destination)) problems.push(`${id} (${submitted.destination}) rides off corridor ${convoy.corridorId}`);
      const parts = seats.get(id) ?? [];
      const seatTotal = parts.reduce((sum, part) => sum + part, 0);
      if (parts.length > 1 && seatTotal <= largestBus) problems.push(`household ${id} is split over buses although it fits in one`);
      if (submitted.seatUnits !== undefined && seatTotal !== Math.ceil(submitted.seatUnits)) problems.push(`household ${id} has ${seatTotal} seats`);
      const cargoTotal = cargo.get(id) ?? 0;
      if (Math.abs(cargoTotal - (submitted.cargoUnits ?? 1)) > 1e-9) problems.push(`household ${id} has ${cargoTotal} cargo in its convoy`);
      if ((places.get(id) ?? 0) !== (submitted.ambulancePlaces ?? 0)) problems.push(`household ${id} has the wrong ambulance places`);
      if ((ambulanceSeats.get(id) ?? 0) !== (submitted.ambulanceSeats ?? 0)) problems.push(`household ${id} has the wrong seated ambulance places`);
    }
  }
  for (const entry of plan.unplaced) {
    if (convoyOf.has(entry.householdId)) problems.push(`household ${entry.householdId} is both planned and unplaced`);
  }
  const accounted = convoyOf.size + new Set(plan.unplaced.map((entry) => entry.householdId)).size;
  if (accounted !== new Set(input.households.map((entry) => entry.id)).size) problems.push('some households are neither planned nor unplaced');
  return problems;
}

/** The plan without its wall-clock time, for comparing two runs. */
export function withoutTiming(plan: ConvoyPlan): unknown {
  return { ...plan, quality: { ...plan.quality, elapsedMs: 0 } };
}

/** Falkenauer-style triplets for bins of 1000: three items in (250, 500) that fill a bin exactly. */
export function tripletItems(triplets: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: triplets }, () => {
    const first = 380 + Math.floor(random() * 111);
    const rest = 1000 - first;
    const second = 250 + Math.floor(random() * (Math.floor(rest / 2) - 249));
    return [first, second, rest - second];
  }).flat();
}

/** Fewest bins by dynamic programming over subsets: (bins, load of the last bin) per set of items packed. */
export function bruteForceOptimum(sizes: readonly number[], capacity: number): number {
  const full = (1 << sizes.length) - 1;
  const best: [number, number][] = Array.from({ length: full + 1 }, () => [Number.POSITIVE_INFINITY, 0]);
  best[0] = [1, 0];
  for (let mask = 0; mask <= full; mask += 1) {
    const [bins, load] = best[mask] ?? [Number.POSITIVE_INFINITY, 0];
    if (!Number.isFinite(bins)) continue;
    sizes.forEach((size, item) => {
      if ((mask & (1 << item)) !== 0) return;
      const next: [number, number] = load + size <= capacity ? [bins, load + size] : [bins + 1, size];
      const known = best[mask | (1 << item)] ?? [Number.POSITIVE_INFINITY, 0];
      if (next[0] < known[0] || (next[0] === known[0] && next[1] < known[1])) best[mask | (1 << item)] = next;
    });
  }
  return best[full]?.[0] ?? Number.POSITIVE_INFINITY;
}
