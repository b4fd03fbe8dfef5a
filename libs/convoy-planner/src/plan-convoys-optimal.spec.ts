import { describe, expect, it } from '@jest/globals';
import { ambulances, buses, CORRIDORS, household, planViolations, tripletItems, trucks, withoutTiming } from '../test/planner-fixtures.js';
import { planConvoys } from './plan-convoys.js';
import { planConvoysOptimal } from './plan-convoys-optimal.js';
import type { ConvoyPlanInput, HouseholdToPlan } from './planner-input.js';

// 80 seat units for 45-seat buses (40 usable): two buses are enough, {12, 12, 10, 5, 1} and {12, 9, 7, 5, 5, 2},
// but FFD puts 12 + 12 + 12 on the first bus and then needs a third.
const FFD_TRAP = [12, 12, 12, 10, 9, 7, 5, 5, 5, 2, 1];

function trapInput(extra: Partial<ConvoyPlanInput['options']> = {}): ConvoyPlanInput {
  const households: HouseholdToPlan[] = FFD_TRAP.map((seatUnits, index) => household(`hh-${index + 1}`, seatUnits, { ambulancePlaces: index === 3 ? 1 : 0 }));
  return {
    households,
    vehicles: [...buses(5), ...trucks(11), ...ambulances(1)],
    options: { corridors: CORRIDORS, exact: { enabled: true, timeLimitMs: 10_000, search: false }, ...extra },
  };
}

describe(planConvoysOptimal.name, () => {
  it('should reach the optimum on a small case where FFD does not', async () => {
    const input = trapInput();
    const ffd = planConvoys(input);
    expect(ffd.quality).toMatchObject({ busesUsed: 3, lowerBound: 2, method: 'ffd' });

    const plan = await planConvoysOptimal(input);
    expect(plan.quality).toMatchObject({ busesUsed: 2, lowerBound: 2, method: 'exact', seatUtilisation: 1 });
    expect(plan.quality.corridors[0]).toMatchObject({ exactStatus: 'optimal', lpBound: 2, method: 'exact' });
    expect(plan.convoys[0]?.buses.map((bus) => bus.seatUnits)).toEqual([40, 40]);
    expect(plan.unusedVehicleIds).toEqual(['bus-003', 'bus-004', 'bus-005']);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should give the same plan on a second run', async () => {
    const [first, second] = await Promise.all([planConvoysOptimal(trapInput()), planConvoysOptimal(trapInput())]);
    expect(withoutTiming(second)).toEqual(withoutTiming(first));
  });

  it('should not call the solver when FFD already meets the lower bound', async () => {
    const input: ConvoyPlanInput = {
      households: [household('a', 40), household('b', 20), household('c', 20)],
      vehicles: [...buses(3), ...trucks(3)],
      options: { corridors: CORRIDORS },
    };
    const plan = await planConvoysOptimal(input);
    expect(plan.quality).toMatchObject({ busesUsed: 2, method: 'ffd' });
    expect(plan.quality.corridors[0]?.exactStatus).toBe('bound_reached');
  });

  it('should keep the FFD plan when the exact phase is switched off', async () => {
    const plan = await planConvoysOptimal(trapInput({ exact: { enabled: false } }));
    expect(withoutTiming(plan)).toEqual(withoutTiming(planConvoys(trapInput())));
  });

  it('should keep the FFD plan when the exact packing no longer fits the fleet with ambulances added', async () => {
    // One bus per convoy and one ambulance: FFD seats both patients (hh-1 and hh-3) on one bus; the two-bus
    // packing seats same-size households by priority, which parts them, and two convoys would need two ambulances.
    const households = FFD_TRAP.map((seatUnits, index) =>
      household(`hh-${index + 1}`, seatUnits, { priority: 20 - index, ambulancePlaces: index === 0 || index === 2 ? 1 : 0 }),
    );
    const input: ConvoyPlanInput = {
      households,
      vehicles: [...buses(5), ...trucks(11), ...ambulances(1)],
      options: { corridors: CORRIDORS, maxBusesPerConvoy: 1, exact: { search: false } },
    };
    const plan = await planConvoysOptimal(input);
    expect(plan.quality).toMatchObject({ busesUsed: 3, method: 'ffd' });
    expect(plan.quality.corridors[0]?.exactStatus).toBe('rebuild_failed');
    expect(plan.unplaced).toEqual([]);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should keep the FFD plan when the time cap stops the solver first', async () => {
    const items = tripletItems(83, 249);
    const input: ConvoyPlanInput = {
      households: items.map((seatUnits, index) => household(`item-${index}`, seatUnits, { cargoUnits: 0 })),
      vehicles: buses(items.length, 1000),
      options: { corridors: CORRIDORS, spareShare: 0, maxBusesPerConvoy: 1000, maxFamiliesPerConvoy: 1000, exact: { timeLimitMs: 100, search: false } },
    };
    const ffd = planConvoys(input);
    expect(ffd.quality.busesUsed).toBeGreaterThan(83);
    const plan = await planConvoysOptimal(input);
    expect(plan.quality.corridors[0]?.exactStatus).toBe('time_limit');
    expect(plan.quality.busesUsed).toBeLessThanOrEqual(ffd.quality.busesUsed);
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should reach the optimum by the packing search, without the solver, where FFD does not', async () => {
    const input = trapInput({ exact: { enabled: true, timeLimitMs: 10_000 } });
    const plan = await planConvoysOptimal(input);
    expect(plan.quality).toMatchObject({ busesUsed: 2, lowerBound: 2, method: 'heuristic', seatUtilisation: 1 });
    expect(plan.quality.corridors[0]).toMatchObject({ exactStatus: 'heuristic_at_bound', method: 'heuristic' });
    expect(plan.quality.corridors[0]?.lpBound).toBeUndefined();
    expect(planViolations(plan, input)).toEqual([]);
  });

  it('should reach one bus per triplet on 249 Falkenauer-style items by the search, families whole', async () => {
    const items = tripletItems(83, 249);
    const input: ConvoyPlanInput = {
      households: items.map((seatUnits, index) => household(`item-${index}`, seatUnits, { cargoUnits: 0 })),
      vehicles: buses(items.length, 1000),
      options: { corridors: CORRIDORS, spareShare: 0, maxBusesPerConvoy: 1000, maxFamiliesPerConvoy: 1000, exact: { timeLimitMs: 100 } },
    };
    const plan = await planConvoysOptimal(input);
    expect(plan.quality.busesUsed).toBe(83);
    expect(plan.quality.corridors[0]).toMatchObject({ exactStatus: 'heuristic_at_bound', method: 'heuristic' });
    expect(plan.convoys.flatMap((convoy) => convoy.buses).every((bus) => bus.seatUnits === 1000)).toBe(true);
    expect(planViolations(plan, input)).toEqual([]);
  });
});
