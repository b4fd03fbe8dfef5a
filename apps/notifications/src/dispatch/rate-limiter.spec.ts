import { describe, expect, it } from '@jest/globals';
import { ClockOffset } from './rate-limiter.js';

describe(ClockOffset.name, () => {
  it('should bound the offset by one round trip, then narrow it with each reading', () => {
    const clock = new ClockOffset();
    // The database is 100 ms ahead; round trips of 20 ms, read at different points.
    expect(clock.sample(1_110, 1_000, 1_020)).toEqual({ low: 90, high: 110 });
    expect(clock.sample(2_102, 2_000, 2_020)).toEqual({ low: 90, high: 102 });
    expect(clock.sample(3_115, 3_000, 3_020)).toEqual({ low: 95, high: 102 });
  });

  it('should start over when a reading contradicts the bounds (a clock was stepped), and forget old readings', () => {
    const clock = new ClockOffset();
    clock.sample(1_100, 1_000, 1_001);
    expect(clock.sample(2_500, 2_000, 2_010)).toEqual({ low: 490, high: 500 });
    expect(clock.sample(70_000 + 500, 70_000, 70_030)).toEqual({ low: 470, high: 500 });
    expect(clock.sample(200_000 + 480, 200_000, 200_040)).toEqual({ low: 440, high: 480 });
  });
});
