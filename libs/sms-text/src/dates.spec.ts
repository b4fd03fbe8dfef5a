import { describe, expect, it } from '@jest/globals';
import { formatDate, formatTime } from './dates.js';

describe(formatDate.name, () => {
  it('should write a date with weekday and month name in each language', () => {
    expect(formatDate('2025-06-12', 'ar')).toBe('الخميس، ١٢ حزيران ٢٠٢٥');
    expect(formatDate('2025-06-12', 'ckb')).toBe('پێنجشەممە، ١٢ی حوزەیرانی ٢٠٢٥');
    expect(formatDate('2025-06-12', 'kmr')).toBe('Pêncşem, 12 Hezîran 2025');
    expect(formatDate('2025-06-12', 'en')).toBe('Thursday 12 June 2025');
  });

  it('should use the Levantine month names, not the Egyptian ones', () => {
    expect(formatDate('2026-01-04', 'ar')).toBe('الأحد، ٤ كانون الثاني ٢٠٢٦');
    expect(formatDate('2025-10-31', 'ckb')).toBe('هەینی، ٣١ی تشرینی یەکەمی ٢٠٢٥');
    expect(formatDate('2025-12-01', 'kmr')).toBe('Duşem, 1 Kanûna Pêşîn 2025');
  });

  // ICU is the cross-check, not the source: only its weekday and month names are compared, so a change
  // in ICU's punctuation between Node versions does not break the test.
  it('should agree with ICU ar-SY on every Arabic month and weekday name', () => {
    const intl = new Intl.DateTimeFormat('ar-SY', { weekday: 'long', month: 'long', timeZone: 'UTC' });
    for (let month = 0; month < 12; month += 1) {
      for (const day of [1, 9, 17, 25]) {
        const date = new Date(Date.UTC(2025, month, day));
        const parts = intl.formatToParts(date);
        const weekday = parts.find((p) => p.type === 'weekday')?.value;
        const monthName = parts.find((p) => p.type === 'month')?.value;
        const expected = new RegExp(`^${weekday}، \\S+ ${monthName} `);
        expect(formatDate(date.toISOString().slice(0, 10), 'ar')).toMatch(expected);
      }
    }
  });

  it('should agree with ICU on the weekday of every day across a leap year', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
    for (let offset = 0; offset < 400; offset += 1) {
      const date = new Date(Date.UTC(2024, 0, 1 + offset));
      expect(formatDate(date.toISOString().slice(0, 10), 'en').split(' ')[0]).toBe(intl.format(date));
    }
  });

  it('should accept a leap day and refuse a date that does not exist', () => {
    expect(formatDate('2024-02-29', 'en')).toBe('Thursday 29 February 2024');
    expect(() => formatDate('2025-02-29', 'en')).toThrow(RangeError);
    expect(() => formatDate('2025-13-01', 'en')).toThrow(RangeError);
    expect(() => formatDate('2025-04-31', 'ar')).toThrow(RangeError);
  });

  it('should refuse anything but YYYY-MM-DD, so a UTC timestamp cannot shift the day', () => {
    expect(() => formatDate('2025-6-12', 'en')).toThrow(/YYYY-MM-DD/);
    expect(() => formatDate('2025-06-12T22:00:00Z', 'en')).toThrow(RangeError);
    expect(() => formatDate('12/06/2025', 'en')).toThrow(RangeError);
  });

  it('should not read years below 100 as the 1900s', () => {
    expect(formatDate('0044-03-15', 'en')).toBe('Tuesday 15 March 44');
  });

  it('should write Arabic for a language it does not know', () => {
    expect(formatDate('2025-06-12', 'de')).toBe(formatDate('2025-06-12', 'ar'));
  });
});

describe(formatTime.name, () => {
  it('should write a morning departure with the part of the day in each language', () => {
    expect(formatTime('06:30', 'ar')).toBe('٦:٣٠ صباحاً');
    expect(formatTime('06:30', 'ckb')).toBe('٦:٣٠ بەیانی');
    expect(formatTime('06:30', 'kmr')).toBe('6:30 sibê');
    expect(formatTime('06:30', 'en')).toBe('6:30 am');
  });

  it('should tell 6 in the evening from 6 in the morning', () => {
    expect(formatTime('18:00', 'ar')).toBe('٦:٠٠ مساءً');
    expect(formatTime('18:00', 'kmr')).toBe('6:00 êvarê');
    expect(formatTime('18:00', 'en')).toBe('6:00 pm');
  });

  it('should write midnight, noon and afternoon hours on a 12-hour clock', () => {
    expect(formatTime('00:15', 'en')).toBe('12:15 am');
    expect(formatTime('00:15', 'ar')).toBe('١٢:١٥ ليلاً');
    expect(formatTime('12:00', 'en')).toBe('12:00 pm');
    expect(formatTime('12:00', 'ar')).toBe('١٢:٠٠ ظهراً');
    expect(formatTime('13:45', 'ckb')).toBe('١:٤٥ پاش نیوەڕۆ');
    expect(formatTime('23:59', 'ar')).toBe('١١:٥٩ مساءً');
  });

  it('should accept the seconds a database time column carries', () => {
    expect(formatTime('07:05:00', 'en')).toBe('7:05 am');
  });

  it('should refuse a time that is not HH:MM', () => {
    for (const bad of ['24:00', '6:30', '06:60', '0630', '06:30 am', '']) {
      expect(() => formatTime(bad, 'en')).toThrow(RangeError);
    }
  });
});
