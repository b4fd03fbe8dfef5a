import { describe, expect, it } from '@jest/globals';
import { dateInputText, formatLocalDate, formatNumber, formatPhone, parseDateInput, toLatinDigits, withDigits } from './format';
import { LOCALE_INFO, directionOf, intlLocale } from './locales';

describe('formatPhone', () => {
  it('should write a Syrian number in its national form', () => {
    expect(formatPhone('+963944123456', 'latin')).toBe('0944 123 456');
  });

  it('should write it with Arabic-Indic digits when the user chose them', () => {
    expect(formatPhone('+963944123456', 'arabic')).toBe('٠٩٤٤ ١٢٣ ٤٥٦');
  });

  it('should group a foreign number after its country code', () => {
    expect(formatPhone('+9647501234567', 'latin')).toBe('+964 750 123 4567');
  });
});

describe('toLatinDigits', () => {
  it('should turn Arabic-Indic and Persian digits into Latin ones', () => {
    expect(toLatinDigits('٠٩٤٤ ۱۲۳')).toBe('0944 123');
    expect(withDigits(toLatinDigits('٠١٢٣٤٥٦٧٨٩'), 'arabic')).toBe('٠١٢٣٤٥٦٧٨٩');
  });
});

describe('formatLocalDate', () => {
  it('should keep a calendar date whatever the time zone (no shift to the day before)', () => {
    expect(formatLocalDate('1984-03-01', { locale: 'en', digits: 'latin' })).toBe('1 Mar 1984');
  });

  it('should write Arabic dates with the digits the user chose', () => {
    expect(formatLocalDate('1984-03-01', { locale: 'ar', digits: 'arabic' })).toContain('١٩٨٤');
    expect(formatLocalDate('1984-03-01', { locale: 'ar', digits: 'latin' })).toContain('1984');
  });
});

describe('formatNumber', () => {
  it('should use Latin digits in Arabic unless Arabic-Indic ones were chosen', () => {
    expect(formatNumber(1234, { locale: 'ar', digits: 'latin' })).toMatch(/1.?234/);
    expect(formatNumber(12, { locale: 'ar', digits: 'arabic' })).toBe('١٢');
  });
});

describe('LOCALE_INFO', () => {
  it('should write Sorani right to left and Kurmanji left to right (never "Kurdish is RTL")', () => {
    expect(directionOf('ckb')).toBe('rtl');
    expect(directionOf('kmr')).toBe('ltr');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('should fall back first to a language of the same direction', () => {
    expect(LOCALE_INFO.ckb.fallback[0]).toBe('ar');
    expect(LOCALE_INFO.kmr.fallback[0]).toBe('en');
  });

  it('should give Intl the numbering system of the user', () => {
    expect(intlLocale('ar', 'arabic')).toBe('ar-SY-u-nu-arab');
    expect(intlLocale('kmr', 'latin')).toBe('ku-u-nu-latn');
  });
});

describe('date fields', () => {
  it('should show a date as day/month/year in the user digits', () => {
    expect(dateInputText('2026-12-25', 'latin')).toBe('25/12/2026');
    expect(dateInputText('2026-03-07', 'arabic')).toBe('٠٧/٠٣/٢٠٢٦');
    expect(dateInputText('', 'arabic')).toBe('');
  });

  it('should read what was typed, in any digits and separators', () => {
    expect(parseDateInput('25/12/2026')).toBe('2026-12-25');
    expect(parseDateInput('٧/٣/٢٠٢٦')).toBe('2026-03-07');
    expect(parseDateInput('۷-۳-۲۰۲۶')).toBe('2026-03-07');
    expect(parseDateInput(' 1.2.2020 ')).toBe('2020-02-01');
    expect(parseDateInput('2026-12-25')).toBe('2026-12-25');
    expect(parseDateInput('')).toBe('');
  });

  it('should refuse what is not a date of the calendar', () => {
    expect(parseDateInput('31/02/2026')).toBeNull();
    expect(parseDateInput('29/02/2025')).toBeNull();
    expect(parseDateInput('29/02/2024')).toBe('2024-02-29');
    expect(parseDateInput('12/2026')).toBeNull();
    expect(parseDateInput('25/12/26')).toBeNull();
    expect(parseDateInput('aa/bb/cccc')).toBeNull();
    expect(parseDateInput('13/13/2026')).toBeNull();
  });
});
