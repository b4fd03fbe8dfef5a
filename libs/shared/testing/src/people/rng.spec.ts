import { describe, expect, it } from '@jest/globals';
import { createRng } from './rng.js';

function draws(seed: number | string, count = 5): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.next());
}

describe(createRng.name, () => {
  it('should repeat its sequence for the same seed, numeric or text', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws('mahmoudli')).toEqual(draws('mahmoudli'));
  });

  it('should give another sequence for another seed', () => {
    expect(draws(42)).not.toEqual(draws(43));
    expect(draws('camp-a')).not.toEqual(draws('camp-b'));
  });

  it('should stay within the bounds it is given', () => {
    const rng = createRng(1);
    const values = Array.from({ length: 2000 }, () => rng.int(1, 12));
    expect(Math.min(...values)).toBe(1);
    expect(Math.max(...values)).toBe(12);
    expect(values.every(Number.isInteger)).toBe(true);
    expect(Array.from({ length: 2000 }, () => rng.next()).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('should draw weighted values in proportion to their weights', () => {
    const rng = createRng(7);
    const picks = Array.from({ length: 10_000 }, () => rng.weighted([['ar', 9], ['kmr', 1]] as const));
    const share = picks.filter((p) => p === 'kmr').length / picks.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
  });

  it('should refuse to pick from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow(RangeError);
  });
});
