import { describe, expect, it } from '@jest/globals';
import { generateHouseholds } from './generate-household.js';
import type { GeneratedHousehold, GeneratedMember } from './household.js';
import { introduceDuplicate } from './introduce-duplicate.js';
import { createRng } from './rng.js';

const ORIGINALS = generateHouseholds('duplicates', 200, { destinationAreas: ['SY020300'] });

function headOf(h: GeneratedHousehold): GeneratedMember {
  const head = h.members[0];
  if (head === undefined) throw new Error('no head');
  return head;
}

function yearsApart(a: string, b: string): number {
  return Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4)));
}

describe(introduceDuplicate.name, () => {
  const rng = createRng(11);
  const pairs = ORIGINALS.map((h) => [h, introduceDuplicate(rng, h)] as const);

  it('should register the same head again, a year off and spelt another way', () => {
    for (const [original, duplicate] of pairs) {
      const a = headOf(original);
      const b = headOf(duplicate);
      expect(b.relationship).toBe('head');
      expect(b.sex).toBe(a.sex);
      expect(yearsApart(a.dateOfBirth, b.dateOfBirth)).toBe(1);
      expect(b.dateOfBirth.slice(5)).toBe(a.dateOfBirth.slice(5) === '02-29' ? '02-28' : a.dateOfBirth.slice(5));
      expect(b.fullNameAr).not.toBe(a.fullNameAr);
      expect(b.memberId).not.toBe(a.memberId);
    }
  });

  it('should change the Latin spelling of most heads too', () => {
    const changed = pairs.filter(([o, d]) => headOf(o).fullNameLatin !== headOf(d).fullNameLatin).length;
    expect(changed / pairs.length).toBeGreaterThan(0.8);
  });

  it('should point at the original and take new ids', () => {
    for (const [original, duplicate] of pairs) {
      expect(duplicate.duplicateOf).toBe(original.householdId);
      expect(duplicate.householdId).not.toBe(original.householdId);
      expect(duplicate.members.length).toBeLessThanOrEqual(original.members.length);
      const originalIds = new Set(original.members.map((m) => m.memberId));
      expect(duplicate.members.some((m) => originalIds.has(m.memberId))).toBe(false);
    }
  });

  it('should give the same duplicate for the same seed', () => {
    const original = ORIGINALS[0];
    if (original === undefined) throw new Error('no household');
    expect(introduceDuplicate(createRng(5), original)).toEqual(introduceDuplicate(createRng(5), original));
  });
});
