import { describe, expect, it } from '@jest/globals';
import { ambulances, buses, CORRIDORS, household, planViolations, trucks } from '../test/planner-fixtures.js';
import { planConvoys } from './plan-convoys.js';
import { applyPlanEdits } from './plan-edits.js';
import type { ConvoyPlanInput } from './planner-input.js';
import type { ConvoyPlan, PlannedConvoy } from './planner-output.js';

const input: ConvoyPlanInput = {
  households: [
    household('a', 20),
    household('b', 10),
    household('c', 5),
    household('d', 10, { destination: 'TABQA' }),
    household('e', 20, { destination: 'DEZ-CITY' }),
    household('medic', 0, { destination: 'DEZ-CITY', ambulancePlaces: 1 }),
  ],
  vehicles: [...buses(4), ...trucks(6), ...ambulances(1)],
  options: { corridors: CORRIDORS },
};
const plan = planConvoys(input);
const destinations = new Map(input.households.map((entry) => [entry.id, entry.destination]));
const destinationOf = (id: string) => destinations.get(id);

function convoyOf(edited: ConvoyPlan, householdId: string): PlannedConvoy | undefined {
  return edited.convoys.find((convoy) => convoy.householdIds.includes(householdId));
}

function busOf(edited: ConvoyPlan, householdId: string): string[] {
  return edited.convoys.flatMap((convoy) => convoy.buses.filter((bus) => bus.households.some((part) => part.householdId === householdId)).map((bus) => bus.vehicleId));
}

/** Another bus of the family's convoy, with the family's current bus. */
function otherBus(householdId: string): string {
  const convoy = convoyOf(plan, householdId);
  const mine = busOf(plan, householdId);
  const other = convoy?.buses.find((bus) => !mine.includes(bus.vehicleId));
  if (!other) throw new Error(`the fixture plan gives ${householdId}'s convoy one bus`);
  return other.vehicleId;
}

describe(applyPlanEdits.name, () => {
  it('should start from a plan with two buses for the Raqqa convoy and one for Deir ez-Zor', () => {
    expect(plan.unplaced).toEqual([]);
    expect(convoyOf(plan, 'a')?.buses).toHaveLength(2);
    expect(convoyOf(plan, 'e')?.householdIds).toEqual(['e', 'medic']);
  });

  it('should give back the plan unchanged without edits', () => {
    expect(applyPlanEdits(plan, {}, destinationOf)).toEqual({ ok: true, plan });
  });

  it('should move a whole family to another bus of its convoy and keep the plan valid', () => {
    const target = otherBus('d');
    const result = applyPlanEdits(plan, { moves: [{ householdId: 'd', toVehicleId: target }] }, destinationOf);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(busOf(result.plan, 'd')).toEqual([target]);
    expect(convoyOf(result.plan, 'd')?.householdIds).toEqual(convoyOf(plan, 'd')?.householdIds);
    expect(planViolations(result.plan, input)).toEqual([]);
  });

  it('should take a family out: off its bus, truck and convoy, listed as taken out, the plan still valid', () => {
    const result = applyPlanEdits(plan, { takenOut: ['a'] }, destinationOf);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(convoyOf(result.plan, 'a')).toBeUndefined();
    expect(result.plan.convoys.flatMap((convoy) => convoy.cargoTrucks.flatMap((truck) => truck.households.map((share) => share.householdId)))).not.toContain('a');
    expect(result.plan.unplaced).toEqual([{ householdId: 'a', reason: expect.objectContaining({ code: 'TAKEN_OUT' }) }]);
    expect(planViolations(result.plan, input)).toEqual([]);
  });

  it('should drop an emptied convoy and its ambulance, and free its vehicles', () => {
    const deir = convoyOf(plan, 'e');
    const result = applyPlanEdits(plan, { takenOut: ['e', 'medic'] }, destinationOf);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.convoys).toHaveLength(plan.convoys.length - 1);
    const freed = [...(deir?.buses ?? []), ...(deir?.cargoTrucks ?? []), ...(deir?.ambulances ?? [])].map((vehicle) => vehicle.vehicleId);
    expect(freed.length).toBeGreaterThan(2);
    for (const id of freed) expect(result.plan.unusedVehicleIds).toContain(id);
    expect(result.plan.quality.busesUsed).toBe(plan.quality.busesUsed - 1);
    expect(planViolations(result.plan, input)).toEqual([]);
  });

  it('should drop a bus emptied by the moves and set its destinations from the families left', () => {
    const raqqa = convoyOf(plan, 'd');
    const onD = busOf(plan, 'd')[0];
    const others = raqqa?.buses.find((bus) => bus.vehicleId === onD)?.households.map((part) => part.householdId).filter((id) => id !== 'd') ?? [];
    const result = applyPlanEdits(plan, { takenOut: ['d', ...others.filter((id) => id !== 'd')] }, destinationOf);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(convoyOf(result.plan, 'a') ?? convoyOf(result.plan, 'b') ?? convoyOf(result.plan, 'c')).toBeDefined();
    expect(result.plan.convoys.flatMap((convoy) => convoy.buses.map((bus) => bus.vehicleId))).not.toContain(onD);
    expect(result.plan.convoys.flatMap((convoy) => convoy.destinations)).not.toContain('TABQA');
    expect(planViolations(result.plan, input)).toEqual([]);
  });

  it('should refuse a bus of another convoy: a family never changes convoy here', () => {
    const deirBus = convoyOf(plan, 'e')?.buses[0]?.vehicleId ?? '';
    const result = applyPlanEdits(plan, { moves: [{ householdId: 'a', toVehicleId: deirBus }] }, destinationOf);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'OTHER_CONVOY', field: 'moves[0].toVehicleId' })] });
  });

  it('should refuse a move that fills a bus beyond its capacity', () => {
    // a (20), b (10), c (5) and d (10) cannot all ride one bus of 40.
    const target = busOf(plan, 'a')[0] ?? '';
    const moves = ['b', 'c'].filter((id) => busOf(plan, id)[0] !== target).map((householdId) => ({ householdId, toVehicleId: target }));
    const result = applyPlanEdits(plan, { moves: [...moves, ...(moves.length < 2 ? [{ householdId: 'd', toVehicleId: target }] : [])] }, destinationOf);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ code: 'BUS_FULL', field: 'moves[0].toVehicleId' })]);
  });

  it('should refuse unknown families and buses, a family named twice, and a move of a family with no bus seat', () => {
    const result = applyPlanEdits(
      plan,
      {
        moves: [
          { householdId: 'nobody', toVehicleId: otherBus('a') },
          { householdId: 'a', toVehicleId: 'truck-0001' },
          { householdId: 'medic', toVehicleId: convoyOf(plan, 'e')?.buses[0]?.vehicleId ?? '' },
        ],
        takenOut: ['b', 'b'],
      },
      destinationOf,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ code: 'UNKNOWN_FAMILY', field: 'moves[0].householdId' }),
        expect.objectContaining({ code: 'UNKNOWN_BUS', field: 'moves[1].toVehicleId' }),
        expect.objectContaining({ code: 'NO_BUS_SEAT', field: 'moves[2].householdId' }),
        expect.objectContaining({ code: 'FAMILY_TWICE', field: 'takenOut[1]' }),
      ],
    });
  });

  it('should refuse a family both moved and taken out', () => {
    const result = applyPlanEdits(plan, { moves: [{ householdId: 'd', toVehicleId: otherBus('d') }], takenOut: ['d'] }, destinationOf);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'FAMILY_TWICE', field: 'takenOut[0]' })] });
  });
});
