import { describe, expect, it } from '@jest/globals';
import { localDate } from './camp-clock.js';

describe(localDate.name, () => {
  it('should give the camp’s date, three hours ahead of UTC in Damascus', () => {
    expect(localDate(new Date('2026-03-14T20:59:00Z'), 'Asia/Damascus')).toBe('2026-03-14');
    expect(localDate(new Date('2026-03-14T21:00:00Z'), 'Asia/Damascus')).toBe('2026-03-15');
    expect(localDate(new Date('2026-03-14T21:00:00Z'), 'UTC')).toBe('2026-03-14');
  });
});
