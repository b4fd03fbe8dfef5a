import { describe, expect, it } from '@jest/globals';
import { bruteForceOptimum, seededRandom, tripletItems } from '../test/planner-fixtures.js';
import { continuousBound, lowerBoundL2, packBins } from './bin-packing.js';

function expectValidPacking(sizes: readonly number[], capacity: number, bins: readonly (readonly number[])[]): void {
  const seen = bins.flat();
  expect([...seen].sort((a, b) => a - b)).toEqual(sizes.map((_, index) => index));
  for (const bin of bins) expect(bin.reduce((sum, index) => sum + (sizes[index] ?? 0), 0)).toBeLessThanOrEqual(capacity);
}

function randomInstance(seed: number, count: number, capacity: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => 1 + Math.floor(random() * capacity * 0.7));
}

describe(lowerBoundL2.name, () => {
  it('should count items that cannot share a bin where the continuous bound does not', () => {
    expect(continuousBound([60, 60, 60], 100)).toBe(2);
    expect(lowerBoundL2([60, 60, 60], 100)).toBe(3);
    // Three items above half, and small ones that fit only partly in what those leave free.
    expect(lowerBoundL2([70, 70, 70, 40, 40, 40], 100)).toBe(5);
  });

  it('should never exceed the optimum on 200 small random instances', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const sizes = randomInstance(seed, 3 + (seed % 7), 40);
      const optimum = bruteForceOptimum(sizes, 40);
      expect(lowerBoundL2(sizes, 40)).toBeLessThanOrEqual(optimum);
      expect(lowerBoundL2(sizes, 40)).toBeGreaterThanOrEqual(continuousBound(sizes, 40));
    }
  });
});

describe(packBins.name, () => {
  it('should find the optimum of 200 small random instances (checked by brute force)', () => {
    let aboveContinuous = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const sizes = randomInstance(1000 + seed, 4 + (seed % 7), 40);
      const optimum = bruteForceOptimum(sizes, 40);
      const result = packBins(sizes, 40);
      expectValidPacking(sizes, 40, result.bins);
      expect(result.bins.length).toBe(optimum);
      expect(result.lowerBound).toBeLessThanOrEqual(optimum);
      if (optimum > continuousBound(sizes, 40)) aboveContinuous += 1;
    }
    // The instances include ones where ⌈Σ/C⌉ is not enough, so the bound and the search both matter.
    expect(aboveContinuous).toBeGreaterThan(10);
  });

  it('should find the optimum where first fit decreasing does not', () => {
    // FFD: 12+12+12, then 10+9+7+5+5 … needs 3 bins of 40; two are enough.
    const sizes = [12, 12, 12, 10, 9, 7, 5, 5, 5, 2, 1];
    const result = packBins(sizes, 40);
    expectValidPacking(sizes, 40, result.bins);
    expect(result.bins).toHaveLength(2);
    expect(result.lowerBound).toBe(2);
  });

  it('should fix bins by reduction when an item fills a bin with its largest partner exactly', () => {
    const sizes = [60, 40, 55, 45, 30, 30, 30];
    const result = packBins(sizes, 100);
    expectValidPacking(sizes, 100, result.bins);
    expect(result.reducedBins).toBeGreaterThanOrEqual(2);
    expect(result.bins).toHaveLength(3);
  });

  it.each([
    [20, 7],
    // The benchmark's t60 instance 4: the tabu search stops one bin above; the last bin completion finds it.
    [20, 6004],
    [40, 120],
    [83, 249],
    // The benchmark's t501 instances 0 and 3 (167 triplets), one bin above the optimum before the tabu runs doubled.
    [167, 50100],
    [167, 50103],
  ])('should pack Falkenauer-style triplets (%i triplets, seed %i) into exactly one bin per triplet', (triplets, seed) => {
    const sizes = tripletItems(triplets, seed);
    const result = packBins(sizes, 1000);
    expectValidPacking(sizes, 1000, result.bins);
    expect(result.lowerBound).toBe(triplets);
    expect(result.bins).toHaveLength(triplets);
    expect(result.searchSteps).toBeGreaterThanOrEqual(0);
  });

  it('should give the same bins on a second run', () => {
    const sizes = tripletItems(40, 120);
    expect(packBins(sizes, 1000).bins).toEqual(packBins(sizes, 1000).bins);
  });
});
