import { describe, expect, it } from '@jest/globals';
import { areaNameFor, withAreaName, type AreaNames } from './area-name.js';

describe(areaNameFor.name, () => {
  const names = new Map<string, AreaNames>([
    ['SY0901', { nameAr: 'دير الزور', nameEn: 'Deir-ez-Zor' }],
    ['SY1101', { nameAr: '  ', nameEn: 'Ar-Raqqa' }],
  ]);

  it('should give the Arabic name to Arabic and Sorani readers', () => {
    expect(areaNameFor('SY0901', 'ar', names)).toBe('دير الزور');
    expect(areaNameFor('SY0901', 'ckb', names)).toBe('دير الزور');
  });

  it('should give the English name to English and Kurmanji readers', () => {
    expect(areaNameFor('SY0901', 'en', names)).toBe('Deir-ez-Zor');
    expect(areaNameFor('SY0901', 'kmr', names)).toBe('Deir-ez-Zor');
  });

  it('should read an unknown or regional language tag as the templates do', () => {
    expect(areaNameFor('SY0901', 'xx', names)).toBe('دير الزور');
    expect(areaNameFor('SY0901', 'en-GB', names)).toBe('Deir-ez-Zor');
  });

  it('should give the code when the area is unknown or its name is blank', () => {
    expect(areaNameFor('SY9999', 'ar', names)).toBe('SY9999');
    expect(areaNameFor('SY1101', 'ar', names)).toBe('SY1101');
    expect(areaNameFor('SY1101', 'kmr', names)).toBe('Ar-Raqqa');
  });
});

describe(withAreaName.name, () => {
  const names = new Map<string, AreaNames>([['SY0901', { nameAr: 'دير الزور', nameEn: 'Deir-ez-Zor' }]]);

  it('should name the destination and keep the other facts', () => {
    const params = { departureDate: '2026-03-04', departureTime: '07:30', assemblyPoint: 'Gate 2', destination: 'SY0901' };
    expect(withAreaName(params, 'kmr', names)).toEqual({ ...params, destination: 'Deir-ez-Zor' });
    expect(params.destination).toBe('SY0901');
  });

  it('should leave a message without a destination as it is', () => {
    const params = { reasons: [] };
    expect(withAreaName(params, 'ar', names)).toBe(params);
  });
});
