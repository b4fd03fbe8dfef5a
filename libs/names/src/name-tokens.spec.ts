import { describe, expect, it } from '@jest/globals';
import { nameSkeleton, nameTokens } from './name-tokens.js';

// Each row: an Arabic spelling and Latin spellings that must share its skeleton.
const SAME_SKELETON: readonly (readonly [string, ...string[]])[] = [
  ['محمد', 'Mohammed', 'Muhammad', 'Mohamed', 'Mohamad', 'Muhammed'],
  ['أحمد', 'Ahmad', 'Ahmed'],
  ['حسين', 'Hussein', 'Husain', 'Hussain', 'Hosein'],
  ['خالد', 'Khaled', 'Khalid', 'Xalid'],
  ['يوسف', 'Yousef', 'Yusuf', 'Youssef'],
  ['عبد الله', 'Abdullah', 'Abdallah', 'Abd Allah'],
  ['عبد الرحمن', 'Abdulrahman', 'Abdel Rahman', 'Abd al-Rahman'],
  ['فاطمة', 'Fatima', 'Fatmeh', 'Fatma'],
  ['عائشة', 'Aisha', 'Aysha'],
  ['مصطفى', 'Mustafa', 'Moustapha'],
  ['زياد', 'Ziad', 'Ziyad'],
  ['وليد', 'Walid', 'Waleed'],
  ['عيسى', 'Issa', 'Eissa'],
  ['صلاح', 'Salah'],
  ['شيخو', 'Sheikho', 'Şêxo'],
  ['هيفين', 'Hevin', 'Hêvîn'],
  ['قاسم', 'Qassem', 'Kassem', 'Gasim'],
  ['الحسن', 'Al-Hassan', 'Alhassan', 'Hassan'],
  ['الياس', 'Elias'],
  // Kurmanji and Turkish write j as c.
  ['جعفر', 'Jaafar', 'Cefer'],
  ['حاجي', 'Haji', 'Hecî'],
  ['نور الهدى', 'Nour al-Huda', 'Nourelhouda', 'Nour Elhuda'],
  ['سيف الإسلام', 'Saif al-Islam', 'Saif Elislam'],
];

describe(nameSkeleton.name, () => {
  it.each(SAME_SKELETON)('should give %s the skeleton of its Latin spellings', (arabic, ...latin) => {
    const expected = nameSkeleton(arabic);
    expect(expected).not.toBe('');
    for (const spelling of latin) expect([spelling, nameSkeleton(spelling)]).toEqual([spelling, expected]);
  });

  it('should map Arabic letters to consonant classes and drop long vowels', () => {
    expect(nameSkeleton('محمد')).toBe('mhmd');
    expect(nameSkeleton('خالد الحسن')).toBe('xld hsn');
    expect(nameSkeleton('شيرين')).toBe('crn');
  });

  it('should keep waw and yeh as consonants at the start of a word only', () => {
    expect(nameSkeleton('وليد')).toBe('wld');
    expect(nameSkeleton('يوسف')).toBe('ysf');
    expect(nameSkeleton('سوسن')).toBe(nameSkeleton('Sawsan'));
  });

  it('should keep a real final heh and drop a teh marbuta', () => {
    expect(nameSkeleton('عبدالله')).toBe('bdlh');
    expect(nameSkeleton('حمزة')).toBe('hmz');
    expect(nameSkeleton('طه')).toBe('th');
  });

  it('should give different names different skeletons', () => {
    expect(nameSkeleton('محمد')).not.toBe(nameSkeleton('Ahmad'));
    expect(nameSkeleton('خالد')).not.toBe(nameSkeleton('Khalaf'));
    expect(nameSkeleton('علي')).not.toBe(nameSkeleton('Omar'));
  });
});

describe(nameTokens.name, () => {
  it('should give one token per name word with its script', () => {
    const tokens = nameTokens('محمد أحمد عبد الله الحسن');
    expect(tokens.map((t) => t.form)).toEqual(['محمد', 'احمد', 'عبدالله', 'حسن']);
    expect(tokens.every((t) => t.script === 'arabic')).toBe(true);
    expect(nameTokens('Mohammed Al-Hassan').map((t) => [t.script, t.form])).toEqual([
      ['latin', 'mahamad'],
      ['latin', 'hasan'],
    ]);
  });

  it('should give no tokens for a name without letters', () => {
    expect(nameTokens(' - ، ')).toEqual([]);
  });
});
