import { describe, expect, it } from '@jest/globals';
import { cargoSharesOf, DEFAULT_CARGO_SHARE_RULE } from './cargo-share.js';
import { planConvoys } from './plan-convoys.js';

describe(cargoSharesOf.name, () => {
  it('should give a base share plus one tenth per person, bounded', () => {
    expect(cargoSharesOf(1)).toBe(0.6);
    expect(cargoSharesOf(5)).toBe(1);
    expect(cargoSharesOf(8)).toBe(1.3);
    expect(cargoSharesOf(15)).toBe(2);
    expect(cargoSharesOf(40)).toBe(2);
  });

  it('should never go below the minimum, even for a family with no members recorded yet', () => {
    expect(cargoSharesOf(0)).toBe(DEFAULT_CARGO_SHARE_RULE.min);
    expect(cargoSharesOf(Number.NaN)).toBe(DEFAULT_CARGO_SHARE_RULE.min);
  });

  it('should follow a camp rule given instead of the default', () => {
    expect(cargoSharesOf(3, { base: 1, perPerson: 0.25, min: 1, max: 3 })).toBe(1.75);
  });

  it('should let the planner fit more small families than large ones on the same trucks', () => {
    const households = (size: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `h${size}-${i}`, destination: 'SY11', priority: 1, seatUnits: size, cargoUnits: cargoSharesOf(size) }));
    const fleet = [
      { id: 'bus-1', type: 'bus' as const, seats: 90 },
      { id: 'truck-1', type: 'cargo_truck' as const, cargoCapacity: 3 },
      { id: 'truck-2', type: 'cargo_truck' as const, cargoCapacity: 3 },
    ];
    const plan = (size: number) => planConvoys({ households: households(size, 8), vehicles: fleet, options: { corridors: { c: ['SY11'] } } });
    // Six trucks' worth of room: eight singles (0.6 each) fit, eight families of ten (1.5 each) do not.
    expect(plan(1).unplaced).toEqual([]);
    const large = plan(10);
    expect(large.convoys.flatMap((convoy) => convoy.householdIds)).toHaveLength(4);
    expect(new Set(large.unplaced.map((entry) => entry.reason.code))).toEqual(new Set(['NO_CARGO_TRUCK']));
    const truckLoads = large.convoys.flatMap((convoy) => convoy.cargoTrucks.map((truck) => truck.cargoUnits));
    expect(truckLoads).toEqual([3, 3]);
  });
});
