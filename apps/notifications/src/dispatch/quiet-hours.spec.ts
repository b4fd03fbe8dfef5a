import { describe, expect, it } from '@jest/globals';
import { addDays, fromLocal, toLocal } from './local-time.js';
import { beforeQuiet, isQuietMinute, releaseTime, reminderSchedule } from './quiet-hours.js';

const damascus = { start: '21:00', end: '08:00', timeZone: 'Asia/Damascus' };

describe('quiet hours', () => {
  it('should treat a period across midnight as quiet on both sides of it', () => {
    expect(isQuietMinute(22 * 60, 21 * 60, 8 * 60)).toBe(true);
    expect(isQuietMinute(3 * 60, 21 * 60, 8 * 60)).toBe(true);
    expect(isQuietMinute(8 * 60, 21 * 60, 8 * 60)).toBe(false);
    expect(isQuietMinute(12 * 60, 21 * 60, 8 * 60)).toBe(false);
  });

  it('should treat equal start and end as no quiet hours', () => {
    expect(isQuietMinute(3 * 60, 0, 0)).toBe(false);
  });

  it('should handle a quiet period within one day', () => {
    expect(isQuietMinute(13 * 60, 12 * 60, 14 * 60)).toBe(true);
    expect(isQuietMinute(14 * 60, 12 * 60, 14 * 60)).toBe(false);
  });

  it('should release a message due at 23:00 Damascus time at 08:00 the next morning', () => {
    // Damascus is UTC+3 all year since 2022: 23:00 local = 20:00Z.
    const release = releaseTime(new Date('2026-03-10T20:00:00Z'), damascus);
    expect(release.toISOString()).toBe('2026-03-11T05:00:00.000Z');
  });

  it('should release a message due at 03:00 local at 08:00 the same morning', () => {
    const release = releaseTime(new Date('2026-03-11T00:00:00Z'), damascus);
    expect(release.toISOString()).toBe('2026-03-11T05:00:00.000Z');
  });

  it('should send at once outside quiet hours', () => {
    const noon = new Date('2026-03-10T09:00:00Z');
    expect(releaseTime(noon, damascus)).toBe(noon);
  });

  it('should put the reminder on the day before departure at the reminder time, expiring at departure', () => {
    const { dueAt, departureAt } = reminderSchedule('2026-03-01', '07:30', '10:00', 'Asia/Damascus');
    expect(dueAt.toISOString()).toBe('2026-02-28T07:00:00.000Z');
    expect(departureAt.toISOString()).toBe('2026-03-01T04:30:00.000Z');
  });

  it('should convert wall-clock times across a daylight-saving change', () => {
    // Berlin leaves winter time on 2026-03-29: 12:00 local is 11:00Z before and 10:00Z after.
    expect(fromLocal('2026-03-28', 720, 'Europe/Berlin').toISOString()).toBe('2026-03-28T11:00:00.000Z');
    expect(fromLocal('2026-03-30', 720, 'Europe/Berlin').toISOString()).toBe('2026-03-30T10:00:00.000Z');
    expect(toLocal(new Date('2026-03-30T10:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-30', minutes: 720 });
  });

  it('should move a skipped time forward by the gap and take the first of a time that happens twice', () => {
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 → 03:00): 03:30 summer time.
    expect(fromLocal('2026-03-29', 150, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25 (03:00 → 02:00): the first, still summer time (+02).
    expect(fromLocal('2026-10-25', 150, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe(beforeQuiet.name, () => {
  const quiet = { start: '21:00', end: '08:00', timeZone: 'Asia/Damascus' };
  it('should keep an instant outside quiet hours', () => {
    const noon = new Date('2026-03-02T09:00:00Z');
    expect(beforeQuiet(noon, quiet)).toEqual(noon);
  });
  it('should move a night-time instant to 20:59 of the evening before', () => {
    // 01:30 Damascus on 3 March → 20:59 on 2 March (17:59 UTC).
    expect(beforeQuiet(new Date('2026-03-02T22:30:00Z'), quiet)).toEqual(new Date('2026-03-02T17:59:00Z'));
  });
  it('should move a late-evening instant to 20:59 of the same evening', () => {
    expect(beforeQuiet(new Date('2026-03-02T19:00:00Z'), quiet)).toEqual(new Date('2026-03-02T17:59:00Z'));
  });
});
