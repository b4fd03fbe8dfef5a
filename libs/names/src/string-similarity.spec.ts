import { describe, expect, it } from '@jest/globals';
import { editDistance, jaroWinkler, tokenSimilarity } from './string-similarity.js';

describe(jaroWinkler.name, () => {
  it('should give the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('should give 1 for equal and 0 for disjoint or empty strings', () => {
    expect(jaroWinkler('حسن', 'حسن')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
});

describe(editDistance.name, () => {
  it('should count insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('حسن', 'حسين')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe(tokenSimilarity.name, () => {
  it('should forgive one letter in a long name more than in a short one', () => {
    const long = tokenSimilarity('عبدالرحمن', 'عبدالرحمان');
    const short = tokenSimilarity('حسن', 'حسين');
    expect(long).toBeGreaterThan(0.9);
    expect(short).toBeLessThan(0.9);
  });
});
