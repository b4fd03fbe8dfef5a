import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { IsLocalDate, IsLocalTime, localDateProblem, todayIn } from './local-date.js';

class Form {
  @IsLocalDate({ notBefore: '1900-01-01', notAfter: 'today' }) bornOn!: string;
  @IsLocalDate({ notBefore: '2000-01-01', notAfter: { yearsFromToday: 10 } }, { each: true }) dates!: string[];
  @IsLocalTime() at!: string;
}

function messages(values: Partial<Form>): string[] {
  const form = Object.assign(new Form(), { bornOn: '1980-05-01', dates: ['2026-01-01'], at: '07:30', ...values });
  return validateSync(form).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe(IsLocalDate.name, () => {
  it('should accept real dates within the bounds (the control)', () => {
    expect(messages({})).toEqual([]);
    expect(messages({ bornOn: todayIn() })).toEqual([]);
  });

  it('should name the format instead of a regular expression', () => {
    expect(messages({ bornOn: '01/05/1980' })).toEqual(['bornOn must be a date: use YYYY-MM-DD']);
    expect(messages({ at: '7h30' })).toEqual(['at must be a time of day: use HH:MM (24-hour, e.g. 07:30)']);
  });

  it('should refuse impossible calendar dates, the future and dates before the floor, saying which', () => {
    expect(messages({ bornOn: '1984-02-30' })).toEqual(['bornOn is not a real calendar date (use YYYY-MM-DD)']);
    expect(messages({ bornOn: '1899-12-31' })).toEqual(['bornOn cannot be before 1900-01-01']);
    expect(messages({ bornOn: '9999-01-01' })[0]).toMatch(/^bornOn cannot be in the future \(today is \d{4}-\d{2}-\d{2} in Asia\/Damascus\)$/);
    expect(messages({ dates: ['2026-01-01', '1970-01-01'] })).toEqual(['each value in dates cannot be before 2000-01-01']);
    expect(messages({ dates: ['9999-12-31'] })[0]).toContain('cannot be after 10 years from today');
  });

  it("should take today in the camps' time zone, not UTC", () => {
    // 22:30 UTC on 31 December is already 1 January in Damascus (UTC+3).
    const late = new Date('2025-12-31T22:30:00Z');
    expect(todayIn('Asia/Damascus', late)).toBe('2026-01-01');
    expect(todayIn('UTC', late)).toBe('2025-12-31');
    expect(localDateProblem('2025-12-31', { notAfter: 'today', timeZone: 'UTC' })).toBeUndefined();
  });

  it('should keep each time zone its own day when zones alternate (one cached formatter per zone)', () => {
    const late = new Date('2025-12-31T22:30:00Z');
    const days = ['Asia/Damascus', 'UTC', 'Asia/Damascus', 'America/New_York', 'UTC'].map((zone) => todayIn(zone, late));
    expect(days).toEqual(['2026-01-01', '2025-12-31', '2026-01-01', '2025-12-31', '2025-12-31']);
    expect(() => todayIn('Mars/Olympus_Mons', late)).toThrow(RangeError);
  });
});
