import { describe, expect, it } from '@jest/globals';
import { fitsRate, nextSlot, retryDelayMs, segmentsInWindow, type RateEntry } from './throttle.js';

/** Reserves `sizes` one after another from `earliest`, as the dispatcher does under its lock. */
function reserveAll(sizes: readonly number[], rate: number, marginMs: number, earliest = 0, reserved: RateEntry[] = []): RateEntry[] {
  for (const segments of sizes) reserved.push({ at: nextSlot(reserved, { earliest, segments, rate, marginMs }), segments });
  return reserved;
}

/** Busiest window of `widthMs` over hand-offs made `delay(i)` ms after each slot. */
function busiest(entries: readonly RateEntry[], widthMs: number, delay: (i: number) => number = () => 0): number {
  const handed = entries.map((e, i) => ({ at: e.at + delay(i), segments: e.segments }));
  return Math.max(...handed.map((e) => segmentsInWindow(handed, e.at, widthMs)));
}

describe('throttle math', () => {
  it('should count only the segments of the window ending at a time', () => {
    const entries = [
      { at: 0, segments: 2 },
      { at: 500, segments: 1 },
      { at: 1000, segments: 3 },
    ];
    expect(segmentsInWindow(entries, 1000)).toBe(4);
    expect(segmentsInWindow(entries, 1499)).toBe(4);
    expect(segmentsInWindow(entries, 1500)).toBe(3);
    expect(segmentsInWindow(entries, 1500, 1025)).toBe(4);
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

describe(nextSlot.name, () => {
  it('should give the first message the earliest instant and pace the next ones over the second', () => {
    const slots = reserveAll([1, 1, 2, 1], 10, 25, 5000).map((e) => e.at);
    expect(slots).toEqual([5000, 5100, 5200, 5400]);
  });

  it('should never go before the last reserved slot, even when asked for an earlier instant', () => {
    const reserved = [{ at: 9000, segments: 1 }];
    expect(nextSlot(reserved, { earliest: 1000, segments: 1, rate: 100, marginMs: 25 })).toBe(9010);
  });

  it('should wait for the oldest reservation to leave the widened window when the rate is used up', () => {
    const reserved = [
      { at: 0, segments: 2 },
      { at: 10, segments: 2 },
    ];
    // 4 of 4 used: the next slot is when the first leaves (0 + 1 s + 25 ms).
    expect(nextSlot(reserved, { earliest: 20, segments: 1, rate: 4, marginMs: 25 })).toBe(1025);
    // Two segments need both gone.
    expect(nextSlot(reserved, { earliest: 20, segments: 3, rate: 4, marginMs: 25 })).toBe(1035);
  });

  it('should send a message longer than the rate alone into an empty window, and nothing with it', () => {
    const reserved = reserveAll([1, 5, 1], 3, 25, 0);
    expect(reserved.map((e) => e.at)).toEqual([0, 1025, 2050]);
  });

  it('should keep every sliding second within the rate even when each hand-off is up to the margin late', () => {
    const rate = 50;
    const margin = 25;
    const sizes = Array.from({ length: 2000 }, (_, i) => [1, 2, 2, 2][i % 4] ?? 1);
    const reserved = reserveAll(sizes, rate, margin, 0);
    // Slots spaced at most to the rate in a window widened by the margin…
    expect(busiest(reserved, 1000 + margin)).toBeLessThanOrEqual(rate);
    // …so hand-offs anywhere in [slot, slot + margin] never put more than the rate in one second,
    expect(busiest(reserved, 1000, (i) => ((i * 7919) % (margin + 1)))).toBeLessThanOrEqual(rate);
    expect(busiest(reserved, 1000, (i) => (i % 2 === 0 ? margin : 0))).toBeLessThanOrEqual(rate);
    // …and the rate is used: at least 95 % of it once the first second is past,
    // with no pause between hand-offs much longer than the pacing (no bursts then silence).
    const total = sizes.reduce((a, b) => a + b, 0);
    const last = reserved[reserved.length - 1]?.at ?? 0;
    expect((total - rate) / ((last - 1000) / 1000)).toBeGreaterThanOrEqual(0.95 * rate);
    expect(Math.max(...reserved.slice(1).map((e, i) => e.at - (reserved[i]?.at ?? 0)))).toBeLessThanOrEqual(2 * (1000 / rate) + margin);
  });

  it('should break the rate if hand-offs were later than the margin (why late hand-offs are given back)', () => {
    const reserved = reserveAll(Array.from({ length: 200 }, () => 1), 50, 25, 0);
    // The first second's hand-offs half a second late bunch with the next second's.
    expect(busiest(reserved, 1000, (i) => (i < 50 ? 500 : 0))).toBeGreaterThan(50);
  });
});
