import { describe, expect, it } from '@jest/globals';
import { isLanguage, resolveLanguage } from './language.js';

describe(resolveLanguage.name, () => {
  it('should keep the four supported codes', () => {
    expect(['ar', 'ckb', 'kmr', 'en'].map(resolveLanguage)).toEqual(['ar', 'ckb', 'kmr', 'en']);
  });

  it('should read capitals, regions and spaces', () => {
    expect(resolveLanguage(' KMR ')).toBe('kmr');
    expect(resolveLanguage('ar-SY')).toBe('ar');
    expect(resolveLanguage('ckb_IQ')).toBe('ckb');
  });

  it('should resolve unknown, empty and missing codes to Arabic', () => {
    expect([resolveLanguage('fr'), resolveLanguage(''), resolveLanguage(null), resolveLanguage(undefined)]).toEqual([
      'ar',
      'ar',
      'ar',
      'ar',
    ]);
  });
});

describe(isLanguage.name, () => {
  it('should accept only the exact codes', () => {
    const answers = [isLanguage('ckb'), isLanguage('CKB'), isLanguage('ku'), isLanguage(1)];
    expect(answers).toEqual([true, false, false, false]);
  });
});
