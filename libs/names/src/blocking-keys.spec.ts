import { describe, expect, it } from '@jest/globals';
import { blockingKeys, blockingQueryKeys } from './blocking-keys.js';
import { personSearchKeys } from './name-search-keys.js';

function overlap(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.some((k) => set.has(k));
}

const hasan = { fullNameAr: 'محمد أحمد الحسن', fullNameLatin: 'Mohammed Ahmed Al-Hassan', sex: 'male' as const };

describe(blockingKeys.name, () => {
  it('should suffix every search key with the sex and the five-year band of the birth year', () => {
    const keys = blockingKeys({ ...hasan, dateOfBirth: '1987-03-04' });
    expect(keys).toEqual(personSearchKeys(hasan).map((k) => `${k}|male|397`));
  });

  it("should put a person without a valid date of birth in the band 'x'", () => {
    expect(blockingKeys(hasan).every((k) => k.endsWith('|male|x'))).toBe(true);
    expect(blockingKeys({ ...hasan, dateOfBirth: '1987-02-30' }).every((k) => k.endsWith('|male|x'))).toBe(true);
  });
});

describe(blockingQueryKeys.name, () => {
  it('should ask for the bands within the tolerance and a year, and x, of the same sex only', () => {
    const keys = blockingQueryKeys({ ...hasan, dateOfBirth: '1985-06-01' });
    const bands = new Set(keys.map((k) => k.split('|')[2]));
    expect([...bands].sort()).toEqual(['396', '397', 'x']);
    expect(keys.every((k) => k.includes('|male|'))).toBe(true);
  });

  it('should find the stored keys of a same-sex namesake born up to three years apart, and not of the other sex', () => {
    const query = blockingQueryKeys({ ...hasan, dateOfBirth: '1985-01-01' });
    for (const dob of ['1982-01-01', '1984-12-31', '1988-12-31']) expect(overlap(blockingKeys({ ...hasan, dateOfBirth: dob }), query)).toBe(true);
    expect(overlap(blockingKeys({ ...hasan, dateOfBirth: '1991-01-01' }), query)).toBe(false);
    expect(overlap(blockingKeys({ ...hasan, sex: 'female', dateOfBirth: '1985-01-01' }), query)).toBe(false);
    expect(overlap(blockingKeys(hasan), query)).toBe(true);
  });

  it('should ask for every band from 1900 to next year without a date of birth', () => {
    const query = blockingQueryKeys(hasan, new Date('2026-11-29T00:00:00Z'));
    for (const dob of ['1900-01-01', '1950-07-07', '2027-12-31']) expect(overlap(blockingKeys({ ...hasan, dateOfBirth: dob }), query)).toBe(true);
    expect(overlap(blockingKeys(hasan), query)).toBe(true);
  });
});
