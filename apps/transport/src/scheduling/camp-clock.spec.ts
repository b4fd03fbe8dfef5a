import { describe, expect, it } from '@jest/globals';
import { departureInstant } from './camp-clock.js';

describe(departureInstant.name, () => {
  it('should read a convoy’s date and time on the camp’s clock (Damascus is UTC+3 all year)', () => {
    expect(departureInstant('2027-01-05', '07:00', 'Asia/Damascus')).toBe('2027-01-05T04:00:00Z');
    expect(departureInstant('2027-07-05', '01:30', 'Asia/Damascus')).toBe('2027-07-04T22:30:00Z');
  });

  it('should follow daylight saving time where a zone has it', () => {
    expect(departureInstant('2027-01-15', '07:00', 'Europe/Berlin')).toBe('2027-01-15T06:00:00Z');
    expect(departureInstant('2027-07-15', '07:00', 'Europe/Berlin')).toBe('2027-07-15T05:00:00Z');
  });

  it('should refuse a date that is no date rather than emit a wrong instant', () => {
    expect(() => departureInstant('2027-02-30', '07:00', 'Asia/Damascus')).toThrow(/no instant/);
  });
});
