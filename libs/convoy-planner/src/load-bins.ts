// Vehicles as bins: a free pool per vehicle kind, loads with parts per household, and an undo log so a
// household can be tried in a convoy and taken out again when one of its needs does not fit.
import type { FleetVehicle } from './planner-context.js';

export class UndoLog {
  private readonly steps: (() => void)[] = [];

  record(step: () => void): void {
    this.steps.push(step);
  }

  rollback(): void {
    for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) step();
  }
}

/** Free vehicles of one kind, largest first; `take` marks one used. */
export class VehiclePool {
  private readonly taken: boolean[];
  private head = 0;

  constructor(readonly vehicles: readonly FleetVehicle[]) {
    this.taken = vehicles.map(() => false);
  }

  /** Index of the largest free vehicle, or -1. */
  largestFree(): number {
    while (this.head < this.vehicles.length && this.taken[this.head] === true) this.head += 1;
    return this.head < this.vehicles.length ? this.head : -1;
  }

  capacityAt(index: number): number {
    return this.vehicles[index]?.capacity ?? 0;
  }

  take(index: number, undo: UndoLog): FleetVehicle {
    const vehicle = this.vehicles[index];
    if (vehicle === undefined || this.taken[index] === true) throw new Error(`vehicle ${index} is not free`);
    this.taken[index] = true;
    undo.record(() => {
      this.taken[index] = false;
      this.head = Math.min(this.head, index);
    });
    return vehicle;
  }

  /** Index of the free vehicle with the highest positive score (the first on ties), or -1. */
  bestFree(score: (vehicle: FleetVehicle) => number): number {
    let best = -1;
    let bestScore = 0;
    this.vehicles.forEach((vehicle, index) => {
      if (this.taken[index] === true) return;
      const value = score(vehicle);
      if (value > bestScore) {
        best = index;
        bestScore = value;
      }
    });
    return best;
  }

  freeVehicles(): FleetVehicle[] {
    return this.vehicles.filter((_, index) => this.taken[index] !== true);
  }
}

export interface LoadPart {
  readonly householdId: string;
  readonly amount: number;
}

export interface LoadBin {
  readonly vehicle: FleetVehicle;
  load: number;
  readonly parts: LoadPart[];
}

export function addPart(bin: LoadBin, householdId: string, amount: number, undo: UndoLog): void {
  bin.load += amount;
  bin.parts.push({ householdId, amount });
  undo.record(() => {
    bin.parts.pop();
    bin.load -= amount;
  });
}

export function openBin(bins: LoadBin[], pool: VehiclePool, index: number, undo: UndoLog): LoadBin {
  const bin: LoadBin = { vehicle: pool.take(index, undo), load: 0, parts: [] };
  bins.push(bin);
  undo.record(() => bins.pop());
  return bin;
}

export interface LoadLimits {
  /** Capacity of the largest vehicle of this kind in the whole fleet. */
  readonly largestInFleet: number;
  /** Most vehicles of this kind one convoy may have. */
  readonly maxBins: number;
}

function firstFit(bins: readonly LoadBin[], amount: number): LoadBin | undefined {
  return bins.find((bin) => bin.vehicle.capacity - bin.load >= amount);
}

/**
 * Puts `amount` of one household into a convoy's vehicles of one kind: whole into the first vehicle with
 * room, else into a new vehicle from the pool (the largest free). Only an amount larger than the largest
 * vehicle of the fleet is split: it fills the largest free vehicles whole and the rest goes first fit.
 * Returns false, with nothing to undo beyond `undo`, when it does not fit.
 */
export function placeLoad(
  bins: LoadBin[],
  pool: VehiclePool,
  householdId: string,
  amount: number,
  limits: LoadLimits,
  undo: UndoLog,
): boolean {
  if (amount === 0) return true;
  let remaining = amount;
  if (amount > limits.largestInFleet) {
    const splitInto = () => {
      const index = pool.largestFree();
      return index >= 0 && pool.capacityAt(index) > 0 && remaining > pool.capacityAt(index) ? index : -1;
    };
    for (let index = splitInto(); index >= 0; index = splitInto()) {
      if (bins.length >= limits.maxBins) return false;
      const bin = openBin(bins, pool, index, undo);
      addPart(bin, householdId, bin.vehicle.capacity, undo);
      remaining -= bin.vehicle.capacity;
    }
  }
  const fitting = firstFit(bins, remaining);
  if (fitting !== undefined) {
    addPart(fitting, householdId, remaining, undo);
    return true;
  }
  const index = pool.largestFree();
  if (index < 0 || pool.capacityAt(index) < remaining || bins.length >= limits.maxBins) return false;
  addPart(openBin(bins, pool, index, undo), householdId, remaining, undo);
  return true;
}
