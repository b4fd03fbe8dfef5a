// The officer's changes to a proposal before commit, as the planning page keeps them: families moved to
// another bus of their convoy and families taken out. Transport applies and checks them at commit
// (the planner library's applyPlanEdits); the page only shows their effect on each bus's load.
import { shortId, type PlannedConvoy } from './api';

export interface PlanEditsState {
  /** household id → the bus of its convoy it moves to (the whole family). */
  moves: ReadonlyMap<string, string>;
  takenOut: ReadonlySet<string>;
}

export const NO_EDITS: PlanEditsState = { moves: new Map(), takenOut: new Set() };

/** The commit request's body: the edits, or nothing to commit the proposal as proposed. */
export function editsBody(edits: PlanEditsState): { moves?: { householdId: string; toVehicleId: string }[]; takenOut?: string[] } {
  return {
    ...(edits.moves.size > 0 ? { moves: [...edits.moves].map(([householdId, toVehicleId]) => ({ householdId, toVehicleId })) } : {}),
    ...(edits.takenOut.size > 0 ? { takenOut: [...edits.takenOut] } : {}),
  };
}

/** Seat units and families on each bus of a convoy once the edits are applied. */
export function editedBusLoads(convoy: PlannedConvoy, edits: PlanEditsState): Map<string, { seatUnits: number; families: number }> {
  const totals = new Map<string, number>();
  for (const bus of convoy.buses) for (const part of bus.households) totals.set(part.householdId, (totals.get(part.householdId) ?? 0) + part.seatUnits);
  const loads = new Map(convoy.buses.map((bus) => [bus.vehicleId, { seatUnits: 0, families: 0 }]));
  const add = (vehicleId: string, seatUnits: number) => {
    const load = loads.get(vehicleId);
    if (load) {
      load.seatUnits += seatUnits;
      load.families += 1;
    }
  };
  for (const bus of convoy.buses) {
    for (const part of bus.households) {
      if (!edits.takenOut.has(part.householdId) && !edits.moves.has(part.householdId)) add(bus.vehicleId, part.seatUnits);
    }
  }
  for (const [householdId, vehicleId] of edits.moves) {
    if (convoy.householdIds.includes(householdId) && !edits.takenOut.has(householdId)) add(vehicleId, totals.get(householdId) ?? 0);
  }
  return loads;
}

/** How a family is named on logistics screens: its case number, else the end of its id. */
export function familyLabel(householdId: string, caseNumber: string | null | undefined): string {
  return caseNumber ?? shortId(householdId);
}
