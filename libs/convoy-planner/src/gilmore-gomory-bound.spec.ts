import { describe, expect, it } from '@jest/globals';
import { bruteForceOptimum, seededRandom } from '../test/planner-fixtures.js';
import { continuousBound } from './bin-packing.js';
import { gilmoreGomoryBound } from './gilmore-gomory-bound.js';

function randomInstance(seed: number, count: number, capacity: number, smallest = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => smallest + Math.floor(random() * (capacity * 0.7 - smallest)));
}

describe(gilmoreGomoryBound.name, () => {
  it('should never exceed the optimum on 200 small random instances (checked by brute force), and converge on them', () => {
    let aboveContinuous = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const sizes = randomInstance(3000 + seed, 4 + (seed % 8), 40, seed % 2 === 0 ? 9 : 1);
      const optimum = bruteForceOptimum(sizes, 40);
      const result = gilmoreGomoryBound(sizes, 40);
      expect(result.bound).toBeLessThanOrEqual(optimum);
      expect(result.bound).toBeGreaterThanOrEqual(continuousBound(sizes, 40));
      expect(result.farley).toBeLessThanOrEqual(result.masterValue + 1e-6);
      expect(result.converged).toBe(true);
      if (result.bound > continuousBound(sizes, 40)) aboveContinuous += 1;
    }
    // Instances where the LP bound proves more than ⌈Σ/C⌉, so the test can tell a bound too low from a right one.
    expect(aboveContinuous).toBeGreaterThan(10);
  });

  it('should never exceed the optimum on large capacities, where pricing rounds sizes to grains', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const capacity = 100_000 + seed;
      const sizes = randomInstance(5000 + seed, 5 + (seed % 7), capacity, 15_000);
      const optimum = bruteForceOptimum(sizes, capacity);
      const result = gilmoreGomoryBound(sizes, capacity);
      expect(result.bound).toBeLessThanOrEqual(optimum);
      expect(result.bound).toBeGreaterThanOrEqual(continuousBound(sizes, capacity));
    }
  });

  it('should prove three bins for three items above half a bin, as L2 does', () => {
    expect(gilmoreGomoryBound([60, 60, 60], 100).bound).toBe(3);
    expect(gilmoreGomoryBound([], 100).bound).toBe(0);
  });
});
