import { describe, expect, it } from '@jest/globals';
import { formatLocalDate, formatNumber, formatPhone, toLatinDigits, withDigits } from './format';
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
