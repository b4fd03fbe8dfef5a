import { describe, expect, it } from '@jest/globals';
import { cleanName } from './name-text.js';

describe(cleanName.name, () => {
  it('should drop bidi overrides, embeddings, isolates and marks', () => {
    expect(cleanName('\u202Eأحمد\u202C خالد')).toBe('أحمد خالد');
    expect(cleanName('Ahmad \u2066al-\u2067Khalaf\u2069\u2069')).toBe('Ahmad al-Khalaf');
    expect(cleanName('\u200Fمحمد\u200E \u061Cالعلي')).toBe('محمد العلي');
    expect(cleanName('\u202A\u202B\u202D\u2068')).toBe('');
  });

  it('should drop zero-width spaces and joiners, and the byte-order mark', () => {
    expect(cleanName('\uFEFFسا\u200Bمر\u200D')).toBe('سامر');
    expect(cleanName('Ri\u2060m')).toBe('Rim');
  });

  it('should keep a zero-width non-joiner between two letters (Persian and Sorani spelling), and drop it elsewhere', () => {
    expect(cleanName('علی\u200Cرضا')).toBe('علی\u200Cرضا');
    expect(cleanName('\u200Cئاکۆ \u200C\u200Cمحمد\u200C')).toBe('ئاکۆ محمد');
    expect(cleanName('علی\u200C\u200C\u200Cرضا')).toBe('علی\u200Cرضا');
  });

  it('should make every kind of space one plain space, and compose to NFC', () => {
    expect(cleanName(' فاطمة\t\u00A0\u2028حسن  ')).toBe('فاطمة حسن');
    expect(cleanName('\u0627\u0653حمد')).toBe('\u0622حمد');
  });
});
