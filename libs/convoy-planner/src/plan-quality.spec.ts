import { describe, expect, it } from '@jest/globals';
import { ambulances, buses, CORRIDORS, household, realisticHouseholds, trucks } from '../test/planner-fixtures.js';
import { planConvoys } from './plan-convoys.js';
import type { BusToPlan } from './planner-input.js';

const minibus = (id: string): BusToPlan => ({ id, type: 'minibus', seats: 23 });

describe(planConvoys.name, () => {
  describe('quality', () => {
    it('should bound the buses by ⌈seat units / capacity⌉ summed over corridors', () => {
      const households = [
        household('r1', 40),
        household('r2', 40),
        household('r3', 1, { destination: 'TABQA' }),
        household('d1', 25, { destination: 'DEZ-CITY' }),
        household('d2', 15, { destination: 'DEZ-HAJIN' }),
      ];
      const plan = planConvoys({ households, vehicles: [...buses(6), ...trucks(5)], options: { corridors: CORRIDORS } });
      expect(plan.quality).toMatchObject({ busesUsed: 4, lowerBound: 4, seatUtilisation: 0.7563, method: 'ffd' });
      expect(plan.quality.corridors.map((corridor) => [corridor.corridorId, corridor.seatUnits, corridor.lowerBound])).toEqual([
        ['deir', 40, 1],
        ['raqqa', 81, 3],
      ]);
      expect(plan.quality.lpBound).toBeUndefined();
    });

    it('should bound mixed bus sizes by the fewest of the largest buses that hold the seat units', () => {
      // ⌈85 / 40⌉ would say 3, but the fleet's three largest buses hold only 40 + 20 + 20 = 80.
      const households = [household('a', 40), household('b', 15), household('c', 15), household('d', 15)];
      const vehicles = [...buses(1), minibus('mini-1'), minibus('mini-2'), minibus('mini-3'), ...trucks(4)];
      const plan = planConvoys({ households, vehicles, options: { corridors: CORRIDORS } });
      expect(plan.quality.lowerBound).toBe(4);
      expect(plan.quality.busesUsed).toBe(4);
    });

    it('should reach the lower bound with FFD on a realistic mix of households', () => {
      const destinations = [...CORRIDORS.raqqa, ...CORRIDORS.deir];
      const households = realisticHouseholds(2400, 5, destinations);
      const plan = planConvoys({ households, vehicles: [...buses(400), ...trucks(3000), ...ambulances(60)], options: { corridors: CORRIDORS } });
      expect(plan.unplaced).toEqual([]);
      expect(plan.quality.lowerBound).toBeGreaterThan(250);
      expect(plan.quality.busesUsed).toBe(plan.quality.lowerBound);
    });
  });
});
