import { describe, expect, it } from '@jest/globals';
import { nameSimilarity } from './name-similarity.js';
import { nameSkeleton } from './name-tokens.js';

// Generated combinations of common names, not real individuals.
const FULL = 'محمد أحمد خالد الحسن';

describe(nameSimilarity.name, () => {
  it('should give 1 to the same name however it is spelt in Arabic', () => {
    expect(nameSimilarity(FULL, 'مُحَمَّد احمد خالد آل حسن')).toBe(1);
    expect(nameSimilarity('عبد الله إبراهيم الخلف', 'عبدالله ابراهيم الخلف')).toBe(1);
    expect(nameSimilarity('فاطمة مصطفى العلي', 'فاطمه مصطفي العلي')).toBe(1);
  });

  it('should give 1 to Latin transliteration variants of the same name', () => {
    expect(nameSimilarity('Mohammed Ahmed Khaled Al-Hassan', 'Muhammad Ahmad Khalid Alhassan')).toBe(1);
    expect(nameSimilarity('Yousef Abdullah Al-Ali', 'Yusuf Abd Allah El Ali')).toBe(1);
  });

  it('should match an Arabic name with its Latin transliteration', () => {
    expect(nameSimilarity(FULL, 'Mohammed Ahmad Khaled Al-Hassan')).toBe(1);
    expect(nameSimilarity('حسين عبد الرحمن العيسى', 'Hussein Abdel Rahman Al-Issa')).toBe(1);
    expect(nameSimilarity('روجين آزاد شيخو', 'Rojin Azad Sheikho')).toBe(1);
  });

  it('should stay high when the grandfather is missing, and lower when more is missing', () => {
    const noGrandfather = nameSimilarity(FULL, 'محمد أحمد الحسن');
    const givenAndFamily = nameSimilarity(FULL, 'محمد الحسن');
    const givenOnly = nameSimilarity(FULL, 'محمد');
    expect(noGrandfather).toBeGreaterThan(0.9);
    expect(givenAndFamily).toBeLessThan(noGrandfather);
    expect(givenAndFamily).toBeGreaterThan(0.75);
    expect(givenOnly).toBeLessThan(0.75);
  });

  it('should tolerate another word order, at a lower score', () => {
    const familyFirst = nameSimilarity('محمد أحمد الحسن', 'الحسن محمد أحمد');
    expect(familyFirst).toBeGreaterThanOrEqual(0.85);
    expect(familyFirst).toBeLessThan(1);
  });

  it('should tolerate a typing slip in a long word', () => {
    expect(nameSimilarity('عبد الرحمن خالد الجاسم', 'عبد الرحمان خالد الجاسم')).toBeGreaterThan(0.95);
  });

  it('should keep apart different people who share a common given name', () => {
    expect(nameSimilarity('محمد أحمد الحسن', 'محمد خالد العلي')).toBeLessThan(0.5);
    expect(nameSimilarity('Mohammed Ahmed Al-Hassan', 'Mohammed Khaled Al-Ali')).toBeLessThan(0.5);
    expect(nameSimilarity('محمد أحمد الحسن', 'Mohammed Khaled Al-Ali')).toBeLessThan(0.5);
  });

  it('should score brothers (same father, grandfather and family) well below the same person', () => {
    expect(nameSimilarity('عمر أحمد خالد الحسن', 'علي أحمد خالد الحسن')).toBeLessThan(0.7);
  });

  it('should not take a son for his father, whose names he carries in other places', () => {
    expect(nameSimilarity('خالد محمد أحمد العلي', 'محمد خالد محمد العلي')).toBeLessThan(0.8);
  });

  it('should tell محمد from محمود within Arabic although their skeletons are equal', () => {
    expect(nameSkeleton('محمد')).toBe(nameSkeleton('محمود'));
    expect(nameSimilarity('محمد', 'محمود')).toBeLessThan(0.95);
  });

  it('should be symmetric and give 0 for an empty name', () => {
    const a = 'خالد عمر الشيخ';
    const b = 'Khalid Umar Al-Sheikh';
    expect(nameSimilarity(a, b)).toBeCloseTo(nameSimilarity(b, a), 10);
    expect(nameSimilarity('', FULL)).toBe(0);
  });
});
