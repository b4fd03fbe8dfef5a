// Ambulances carry two kinds of patient place: stretchers and seats. A household's patients go into the
// ambulances of its convoy, several if need be, but never into another convoy than its family.
import type { UndoLog, VehiclePool } from './load-bins.js';
import type { FleetVehicle } from './planner-context.js';

export interface AmbulancePart {
  readonly householdId: string;
  readonly stretchers: number;
  readonly seats: number;
}

export interface AmbulanceBin {
  readonly vehicle: FleetVehicle;
  stretchers: number;
  seats: number;
  readonly parts: AmbulancePart[];
}

export interface AmbulanceNeeds {
  readonly stretcher: number;
  readonly seated: number;
}

function freeStretchers(vehicle: FleetVehicle, used = 0): number {
  return vehicle.capacity - used;
}

function freeSeats(vehicle: FleetVehicle, used = 0): number {
  return (vehicle.seated ?? 0) - used;
}

function load(bin: AmbulanceBin, householdId: string, stretchers: number, seats: number, undo: UndoLog): void {
  if (stretchers + seats === 0) return;
  bin.stretchers += stretchers;
  bin.seats += seats;
  bin.parts.push({ householdId, stretchers, seats });
  undo.record(() => {
    bin.parts.pop();
    bin.stretchers -= stretchers;
    bin.seats -= seats;
  });
}

/**
 * Puts a household's stretcher and seated patients into the convoy's ambulances: first the room left
 * on those already in the convoy, then free ambulances, the most useful one first (ties in fleet
 * order). A stretcher patient takes a stretcher, a seated one a seat. False when the need cannot be met;
 * the caller rolls back with `undo`.
 */
export function placeAmbulanceNeeds(
  bins: AmbulanceBin[],
  pool: VehiclePool,
  householdId: string,
  needs: AmbulanceNeeds,
  undo: UndoLog,
): boolean {
  let stretcher = needs.stretcher;
  let seated = needs.seated;
  for (const bin of bins) {
    if (stretcher + seated === 0) break;
    const stretchers = Math.min(stretcher, freeStretchers(bin.vehicle, bin.stretchers));
    const seats = Math.min(seated, freeSeats(bin.vehicle, bin.seats));
    load(bin, householdId, stretchers, seats, undo);
    stretcher -= stretchers;
    seated -= seats;
  }
  while (stretcher + seated > 0) {
    const index = pool.bestFree((vehicle) => Math.min(stretcher, freeStretchers(vehicle)) + Math.min(seated, freeSeats(vehicle)));
    if (index < 0) return false;
    const bin: AmbulanceBin = { vehicle: pool.take(index, undo), stretchers: 0, seats: 0, parts: [] };
    bins.push(bin);
    undo.record(() => bins.pop());
    const stretchers = Math.min(stretcher, freeStretchers(bin.vehicle));
    const seats = Math.min(seated, freeSeats(bin.vehicle));
    load(bin, householdId, stretchers, seats, undo);
    stretcher -= stretchers;
    seated -= seats;
  }
  return true;
}
