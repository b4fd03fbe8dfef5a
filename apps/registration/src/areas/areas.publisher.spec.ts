import { describe, expect, it } from '@jest/globals';
import { areaListHash } from './areas.publisher.js';
import type { Area } from './areas.service.js';

describe(areaListHash.name, () => {
  const aleppo: Area = { code: 'SY02', level: 'governorate', parentCode: null, nameEn: 'Aleppo', nameAr: 'حلب' };
  const alBab: Area = { code: 'SY0201', level: 'district', parentCode: 'SY02', nameEn: 'Al Bab', nameAr: 'الباب' };

  it('should not depend on the order of the list', () => {
    expect(areaListHash([alBab, aleppo])).toBe(areaListHash([aleppo, alBab]));
  });

  it('should change when a name, a parent or the membership changes', () => {
    const base = areaListHash([aleppo, alBab]);
    expect(areaListHash([aleppo, { ...alBab, nameAr: 'مدينة الباب' }])).not.toBe(base);
    expect(areaListHash([aleppo, { ...alBab, nameEn: 'Al-Bab' }])).not.toBe(base);
    expect(areaListHash([aleppo, { ...alBab, parentCode: null, level: 'governorate' }])).not.toBe(base);
    expect(areaListHash([aleppo])).not.toBe(base);
  });
});
