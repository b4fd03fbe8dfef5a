import { describe, expect, it } from '@jest/globals';
import { fitsRate, retryDelayMs, segmentsInLastSecond } from './throttle.js';

const at = (ms: number) => new Date(1_800_000_000_000 + ms);

describe('throttle math', () => {
  it('should count only the segments of the sliding second ending now', () => {
    const entries = [
      { at: at(0), segments: 2 },
      { at: at(500), segments: 1 },
      { at: at(1000), segments: 3 },
    ];
    expect(segmentsInLastSecond(entries, at(1000))).toBe(4);
    expect(segmentsInLastSecond(entries, at(1499))).toBe(4);
    expect(segmentsInLastSecond(entries, at(1500))).toBe(3);
  });

  it('should admit segments up to the rate and no further', () => {
    expect(fitsRate(3, 2, 5)).toBe(true);
    expect(fitsRate(4, 2, 5)).toBe(false);
  });

  it('should let a message longer than the rate go alone into an empty second', () => {
    expect(fitsRate(0, 4, 3)).toBe(true);
    expect(fitsRate(1, 4, 3)).toBe(false);
  });

  it('should back off exponentially up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 100, 500))).toEqual([100, 200, 400, 500]);
  });
});
