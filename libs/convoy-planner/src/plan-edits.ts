// An officer's changes to a proposal before it is committed: a family moved to another bus of its
// convoy, or taken out of the plan. Pure: the stored proposal and the edits in, the edited plan or
// the reasons it cannot be out. Cargo and ambulance places stay as the planner gave them (a family
// keeps its convoy, so its belongings and its patients ride with it).
import type {
  ConvoyPlan,
  PlannedAmbulance,
  PlannedBus,
  PlannedCargoTruck,
  PlannedConvoy,
  UnplacedHousehold,
  UnplacedReasonCode,
} from './planner-output.js';

export interface PlanMove {
  readonly householdId: string;
  /** A bus of the same convoy: the whole family rides it (all its seat units). */
  readonly toVehicleId: string;
}

export interface PlanEdits {
  readonly moves?: readonly PlanMove[];
  /** Families left out of this plan: they stay in the pool for another date. */
  readonly takenOut?: readonly string[];
}

export type PlanEditErrorCode =
  /** The family is not placed in this proposal. */
  | 'UNKNOWN_FAMILY'
  /** The family is named by more than one move or take-out. */
  | 'FAMILY_TWICE'
  /** The vehicle is not a bus of this proposal. */
  | 'UNKNOWN_BUS'
  /** The bus belongs to another convoy than the family's: a family never changes convoy here. */
  | 'OTHER_CONVOY'
  /** The family has no bus seat to move (everyone rides the ambulance). */
  | 'NO_BUS_SEAT'
  /** After the moves the bus would carry more seat units than its capacity. */
  | 'BUS_FULL';

export interface PlanEditError {
  readonly code: PlanEditErrorCode;
  /** The request field at fault, e.g. `moves[2].toVehicleId`, `takenOut[0]`. */
  readonly field: string;
  readonly message: string;
}

export type PlanEditResult = { readonly ok: true; readonly plan: ConvoyPlan } | { readonly ok: false; readonly errors: readonly PlanEditError[] };

/** The reason code of a family taken out of a proposal by the officer. */
export const TAKEN_OUT: UnplacedReasonCode = 'TAKEN_OUT';

/**
 * Applies moves and take-outs to a plan. Promises: every family stays whole in the convoy it was
 * planned in; no bus carries more than its capacity; each family is named at most once; an empty
 * bus, truck, ambulance or convoy is dropped (its vehicles become unused); families taken out are
 * listed as unplaced with the reason TAKEN_OUT. No edits: the plan unchanged.
 */
export function applyPlanEdits(plan: ConvoyPlan, edits: PlanEdits, destinationOf: (householdId: string) => string | undefined): PlanEditResult {
  const moves = edits.moves ?? [];
  const takenOut = edits.takenOut ?? [];
  if (moves.length === 0 && takenOut.length === 0) return { ok: true, plan };
  const convoyOfFamily = new Map<string, PlannedConvoy>();
  for (const convoy of plan.convoys) for (const id of convoy.householdIds) convoyOfFamily.set(id, convoy);
  const convoyOfBus = new Map<string, PlannedConvoy>();
  for (const convoy of plan.convoys) for (const bus of convoy.buses) convoyOfBus.set(bus.vehicleId, convoy);

  const errors: PlanEditError[] = [];
  const named = new Set<string>();
  const name = (householdId: string, field: string): boolean => {
    if (!convoyOfFamily.has(householdId)) {
      errors.push({ code: 'UNKNOWN_FAMILY', field, message: 'This family is not placed in this proposal.' });
      return false;
    }
    if (named.has(householdId)) {
      errors.push({ code: 'FAMILY_TWICE', field, message: 'This family is moved or taken out more than once.' });
      return false;
    }
    named.add(householdId);
    return true;
  };
  moves.forEach((move, index) => {
    if (!name(move.householdId, `moves[${index}].householdId`)) return;
    const busConvoy = convoyOfBus.get(move.toVehicleId);
    if (busConvoy === undefined) {
      errors.push({ code: 'UNKNOWN_BUS', field: `moves[${index}].toVehicleId`, message: 'This vehicle is not a bus of this proposal.' });
    } else if (busConvoy !== convoyOfFamily.get(move.householdId)) {
      errors.push({ code: 'OTHER_CONVOY', field: `moves[${index}].toVehicleId`, message: 'A family can only move to another bus of its own convoy.' });
    } else if (seatUnitsOnBuses(busConvoy, move.householdId) === 0) {
      errors.push({ code: 'NO_BUS_SEAT', field: `moves[${index}].householdId`, message: 'This family has no bus seat to move: it rides the ambulance.' });
    }
  });
  takenOut.forEach((householdId, index) => name(householdId, `takenOut[${index}]`));
  if (errors.length > 0) return { ok: false, errors };

  const out = new Set(takenOut);
  const moving = new Map(moves.map((move) => [move.householdId, move.toVehicleId]));
  const convoys: PlannedConvoy[] = [];
  for (const convoy of plan.convoys) {
    const edited = editConvoy(convoy, out, moving, destinationOf);
    for (const bus of edited.buses) {
      if (bus.seatUnits > bus.capacity) {
        const index = moves.findIndex((move) => move.toVehicleId === bus.vehicleId);
        errors.push({
          code: 'BUS_FULL',
          field: `moves[${Math.max(index, 0)}].toVehicleId`,
          message: `This bus would carry ${bus.seatUnits} seat units; it takes ${bus.capacity}.`,
        });
      }
    }
    if (edited.householdIds.length > 0) convoys.push(edited);
  }
  if (errors.length > 0) return { ok: false, errors };

  const used = new Set(convoys.flatMap((convoy) => [...convoy.buses, ...convoy.cargoTrucks, ...convoy.ambulances].map((vehicle) => vehicle.vehicleId)));
  const released = plan.convoys
    .flatMap((convoy) => [...convoy.buses, ...convoy.cargoTrucks, ...convoy.ambulances].map((vehicle) => vehicle.vehicleId))
    .filter((id) => !used.has(id));
  const unplaced: UnplacedHousehold[] = [
    ...plan.unplaced,
    ...takenOut.map((householdId) => ({
      householdId,
      reason: { code: TAKEN_OUT, message: 'Taken out of this plan by the logistics officer; the family stays in the pool.' },
    })),
  ];
  const buses = convoys.flatMap((convoy) => convoy.buses);
  const capacity = buses.reduce((sum, bus) => sum + bus.capacity, 0);
  const carried = buses.reduce((sum, bus) => sum + bus.seatUnits, 0);
  return {
    ok: true,
    plan: {
      convoys,
      unplaced,
      unusedVehicleIds: [...plan.unusedVehicleIds, ...released].sort(),
      quality: {
        ...plan.quality,
        busesUsed: buses.length,
        seatUtilisation: capacity === 0 ? 0 : Math.round((carried / capacity) * 10_000) / 10_000,
      },
    },
  };
}

function seatUnitsOnBuses(convoy: PlannedConvoy, householdId: string): number {
  return convoy.buses.reduce((sum, bus) => sum + bus.households.filter((part) => part.householdId === householdId).reduce((units, part) => units + part.seatUnits, 0), 0);
}

function editConvoy(
  convoy: PlannedConvoy,
  out: ReadonlySet<string>,
  moving: ReadonlyMap<string, string>,
  destinationOf: (householdId: string) => string | undefined,
): PlannedConvoy {
  const householdIds = convoy.householdIds.filter((id) => !out.has(id));
  const arriving = new Map<string, { householdId: string; seatUnits: number }[]>();
  for (const [householdId, vehicleId] of moving) {
    if (!convoy.householdIds.includes(householdId)) continue;
    arriving.set(vehicleId, [...(arriving.get(vehicleId) ?? []), { householdId, seatUnits: seatUnitsOnBuses(convoy, householdId) }]);
  }
  const buses: PlannedBus[] = convoy.buses
    .map((bus) => {
      const households = [
        ...bus.households.filter((part) => !out.has(part.householdId) && !moving.has(part.householdId)),
        ...(arriving.get(bus.vehicleId) ?? []),
      ];
      return { ...bus, households, seatUnits: households.reduce((sum, part) => sum + part.seatUnits, 0) };
    })
    .filter((bus) => bus.households.length > 0);
  const cargoTrucks: PlannedCargoTruck[] = convoy.cargoTrucks
    .map((truck) => {
      const households = truck.households.filter((share) => !out.has(share.householdId));
      // Shares are tenths of a truck: round away the float sum's noise.
      const cargoUnits = Math.round(households.reduce((sum, share) => sum + share.cargoUnits, 0) * 1000) / 1000;
      return { ...truck, households, cargoUnits };
    })
    .filter((truck) => truck.households.length > 0);
  const ambulances: PlannedAmbulance[] = convoy.ambulances
    .map((ambulance) => {
      const households = ambulance.households.filter((share) => !out.has(share.householdId));
      return {
        ...ambulance,
        households,
        places: households.reduce((sum, share) => sum + share.places, 0),
        seats: households.reduce((sum, share) => sum + share.seats, 0),
      };
    })
    .filter((ambulance) => ambulance.households.length > 0);
  const destinations =
    out.size === 0 || householdIds.some((id) => destinationOf(id) === undefined)
      ? convoy.destinations
      : [...new Set(householdIds.map((id) => destinationOf(id) ?? ''))].sort();
  return {
    ...convoy,
    householdIds,
    destinations,
    seatUnits: buses.reduce((sum, bus) => sum + bus.seatUnits, 0),
    buses,
    cargoTrucks,
    ambulances,
  };
}
