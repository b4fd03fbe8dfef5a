import { describe, expect, it } from '@jest/globals';
import { nameSearchKeys, personSearchKeys } from './name-search-keys.js';

function overlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((k) => b.includes(k));
}

describe(nameSearchKeys.name, () => {
  it('should give one key per pair of words, from consonant skeletons', () => {
    expect(nameSearchKeys('محمد أحمد الحسن')).toEqual(['hmd.hsn', 'hmd.mhmd', 'hsn.mhmd']);
  });

  it('should give the same keys to Arabic and Latin spellings of a name', () => {
    expect(nameSearchKeys('Mohammed Ahmed Al-Hassan')).toEqual(nameSearchKeys('محمد أحمد الحسن'));
    expect(nameSearchKeys('Muhammad Ahmad Hassan')).toEqual(nameSearchKeys('مُحَمَّد احمد حسن'));
  });

  it('should overlap when the grandfather is missing, the order differs or one word is misspelt', () => {
    const full = nameSearchKeys('خالد عبد الله جاسم العلي');
    expect(overlap(full, nameSearchKeys('خالد عبدالله العلي'))).toBe(true);
    expect(overlap(full, nameSearchKeys('العلي خالد عبد الله جاسم'))).toBe(true);
    expect(overlap(full, nameSearchKeys('خالد عبد الله جاسم العلين'))).toBe(true);
  });

  it('should not overlap for people who share only their given name', () => {
    expect(overlap(nameSearchKeys('محمد أحمد الحسن'), nameSearchKeys('محمد خالد العلي'))).toBe(false);
  });

  it('should give a one-word name its single skeleton and a name without letters nothing', () => {
    expect(nameSearchKeys('محمد')).toEqual(['mhmd']);
    expect(nameSearchKeys('')).toEqual([]);
  });

  it('should keep keys short enough for an index', () => {
    const keys = nameSearchKeys('عبد الرحمن محمد عبد الكريم إبراهيم السليمان الخليل المحمد');
    expect(keys.length).toBeLessThanOrEqual(15);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(24);
  });
});

describe(personSearchKeys.name, () => {
  it('should join the keys of the Arabic and the Latin name', () => {
    const keys = personSearchKeys({ fullNameAr: 'شيرين آزاد حسو', fullNameLatin: 'Shirin Azad Hasso' });
    expect(keys).toEqual(nameSearchKeys('شيرين آزاد حسو'));
    const mismatched = personSearchKeys({ fullNameAr: 'شيرين آزاد حسو', fullNameLatin: 'Berivan Azad Hasso' });
    expect(mismatched.length).toBeGreaterThan(keys.length);
  });
});
