import { describe, expect, it } from '@jest/globals';
import { Backoff, backoffDelayMs } from './backoff.js';

describe('backoff', () => {
  it('should double from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, 250, 5000))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('should start again from the base after a success', () => {
    const backoff = new Backoff(100, 1000);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
