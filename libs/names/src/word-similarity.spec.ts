import { describe, expect, it } from '@jest/globals';
import { arabicWordSimilarity, isDerivedForm, latinWordSimilarity, spellingDistance } from './word-similarity.js';
import { normaliseArabic, normaliseLatin } from './index.js';

// Words as the tokens hold them: folded Arabic (normaliseArabic), Latin keys (normaliseLatin).
const ar = (word: string) => normaliseArabic(word).replace(/^ال(?=...)/, '');
const la = (word: string) => normaliseLatin(word);

describe(arabicWordSimilarity.name, () => {
  it('should give 0 to two short names a letter or a long vowel apart', () => {
    for (const [a, b] of [['كمال', 'جمال'], ['عادل', 'عابد'], ['حسن', 'حسين'], ['محمد', 'محمود'], ['عمر', 'عمار'], ['باسل', 'باسم'], ['حلا', 'هلا'], ['لين', 'لينا']]) {
      expect([a, b, arabicWordSimilarity(ar(a), ar(b))]).toEqual([a, b, 0]);
    }
  });

  it('should compare compounds on the part they do not share', () => {
    expect(arabicWordSimilarity(ar('عبدالحكيم'), ar('عبدالحليم'))).toBe(0);
    expect(arabicWordSimilarity(ar('نورالدين'), ar('عزالدين'))).toBe(0);
    expect(arabicWordSimilarity(ar('عبدالرحمن'), ar('عبدالرحمان'))).toBe(1);
  });

  it('should keep a spelling or a typing slip close to 1', () => {
    for (const [a, b] of [['داود', 'داوود'], ['ابراهيم', 'ابرهيم'], ['محمد', 'محممد'], ['جاسم', 'جاشم'], ['جاسم', 'جاسن'], ['مصطفى', 'مصطفا']]) {
      expect([a, b, arabicWordSimilarity(ar(a), ar(b)) > 0.85]).toEqual([a, b, true]);
    }
  });
});

describe(isDerivedForm.name, () => {
  it('should recognise feminine and nisba forms in both scripts', () => {
    expect(isDerivedForm(ar('سعيد'), ar('سعيدة'), 'arabic')).toBe(true);
    expect(isDerivedForm(ar('الحسن'), ar('الحسني'), 'arabic')).toBe(true);
    expect(isDerivedForm(ar('العلي'), ar('العلوي'), 'arabic')).toBe(true);
    expect(isDerivedForm(ar('العيسى'), ar('العيساوي'), 'arabic')).toBe(true);
    expect(isDerivedForm(la('Said'), la('Saida'), 'latin')).toBe(true);
    expect(isDerivedForm(la('Hassan'), la('Hassani'), 'latin')).toBe(true);
    expect(isDerivedForm(ar('فاطمة'), ar('فاطمه'), 'arabic')).toBe(false);
    expect(isDerivedForm(la('Fatima'), la('Fatimah'), 'latin')).toBe(false);
  });
});

describe(latinWordSimilarity.name, () => {
  it('should give 0 to a feminine or nisba ending and keep transliterations alike', () => {
    expect(latinWordSimilarity(la('Karim'), la('Karima'))).toBe(0);
    expect(latinWordSimilarity(la('Mohammed'), la('Muhammad'))).toBe(1);
  });
});

describe(spellingDistance.name, () => {
  it('should make a dotted twin cheaper than a neighbouring key, and both cheaper than another letter', () => {
    const dot = spellingDistance('جاسم', 'جاشم');
    const key = spellingDistance('جاسم', 'جاسن');
    const other = spellingDistance('كمال', 'جمال');
    expect(dot).toBeLessThan(key);
    expect(key).toBeLessThan(other);
    expect(other).toBe(1);
  });
});
