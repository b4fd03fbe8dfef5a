import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SEAT_WEIGHTS } from './planner-input.js';
import { effectiveCapacity, roundSeatUnits, seatUnitsOf } from './seat-units.js';

describe(seatUnitsOf.name, () => {
  it('should count infants under 2 as 0 and children and adults as 1', () => {
    expect(seatUnitsOf([{ age: 34 }, { age: 30 }, { age: 1.5 }, { age: 2 }, { age: 11 }])).toBe(4);
  });

  it('should round half-seat children up per household, not per member', () => {
    const halfSeatChildren = { ...DEFAULT_SEAT_WEIGHTS, child: 0.5 };
    expect(seatUnitsOf([{ age: 40 }, { age: 5 }, { age: 7 }], halfSeatChildren)).toBe(2);
    expect(seatUnitsOf([{ age: 40 }, { age: 5 }, { age: 7 }, { age: 9 }], halfSeatChildren)).toBe(3);
  });

  it('should take ambulance riders off the lightest members so no seat is missing', () => {
    // A toddler and an adult: if the adult were taken off, the toddler would still need a seat.
    expect(seatUnitsOf([{ age: 40 }, { age: 3 }, { age: 0.5 }], DEFAULT_SEAT_WEIGHTS, 1)).toBe(2);
    expect(seatUnitsOf([{ age: 40 }, { age: 35 }], DEFAULT_SEAT_WEIGHTS, 1)).toBe(1);
  });
});

describe(roundSeatUnits.name, () => {
  it('should not add a seat for binary rounding noise', () => {
    expect(roundSeatUnits(0.1 + 0.2 + 0.7)).toBe(1);
    expect(roundSeatUnits(1.2)).toBe(2);
  });
});

describe(effectiveCapacity.name, () => {
  it('should keep the spare share free, rounding seats down', () => {
    expect(effectiveCapacity(45, 0.1)).toBe(40);
    expect(effectiveCapacity(50, 0.1)).toBe(45);
    expect(effectiveCapacity(14, 0.1)).toBe(12);
    expect(effectiveCapacity(45, 0)).toBe(45);
    // 90 × 0.7 is 62.99999999999999 in binary floating point.
    expect(effectiveCapacity(90, 0.3)).toBe(63);
  });
});
