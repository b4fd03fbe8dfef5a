// Recall of the blocking keys the duplicate finder searches with: on generated people (namesakes from
// realistic name lists, near-duplicates with respellings and shifted dates, ages only estimated), every
// pair the name comparison may call candidates and whose search keys overlap is found through them.
import { describe, expect, it } from '@jest/globals';
import { blockingKeys, blockingQueryKeys, isPersonCandidate, matchPerson, mayBeSamePerson, personSearchKeys } from '@awda/names';
import { createRng, generateHouseholds, introduceDuplicate, shiftYears, type GeneratedMember, type Rng } from '@awda/testing';

interface Person {
  fullNameAr: string;
  fullNameLatin?: string;
  sex: 'female' | 'male';
  dateOfBirth?: string;
  estimatedAge?: number;
}

const REFERENCE = '2025-06-01';

function yearsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / (365.2425 * 86_400_000);
}

/** As registered: mostly a date of birth (sometimes shifted up to three years), else an estimated age or nothing. */
function registered(rng: Rng, m: GeneratedMember): Person {
  const base = { fullNameAr: m.fullNameAr, fullNameLatin: rng.chance(0.8) ? m.fullNameLatin : undefined, sex: m.sex };
  const roll = rng.next();
  if (roll < 0.6) return { ...base, dateOfBirth: m.dateOfBirth };
  if (roll < 0.8) {
    const day = new Date(Date.parse(m.dateOfBirth) + rng.int(-3 * 366, 3 * 366) * 86_400_000).toISOString().slice(0, 10);
    return { ...base, dateOfBirth: rng.chance(0.3) ? shiftYears(m.dateOfBirth, rng.int(-3, 3)) : day };
  }
  if (roll < 0.95) return { ...base, estimatedAge: Math.max(0, Math.round(yearsBetween(m.dateOfBirth, REFERENCE)) + rng.int(-6, 6)) };
  return base;
}

function overlaps(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return b.some((k) => a.has(k));
}

describe('blocking keys: recall against the name comparison', () => {
  it('should find every pair that may be candidates and shares a search key, both ways', () => {
    const rng = createRng('blocking-recall');
    const households = generateHouseholds('blocking-recall', 300, { destinationAreas: ['SY020200'] });
    const all = [...households, ...households.filter(() => rng.chance(0.3)).map((h) => introduceDuplicate(rng, h))];
    const people = all.flatMap((h) => h.members.map((m) => registered(rng, m)));
    const search = people.map((p) => personSearchKeys(p));
    const stored = people.map((p) => new Set(blockingKeys(p)));
    const query = people.map((p) => blockingQueryKeys(p));
    // Pairs sharing a search key, through an inverted index (as the GIN index does).
    const byKey = new Map<string, number[]>();
    search.forEach((keys, i) => keys.forEach((k) => byKey.set(k, [...(byKey.get(k) ?? []), i])));
    const pairs = new Set<number>();
    for (const list of byKey.values()) for (const i of list) for (const j of list) if (i < j) pairs.add(i * people.length + j);

    let mayBe = 0;
    let candidates = 0;
    let ruledOut = 0;
    const missed: string[] = [];
    for (const pair of pairs) {
      const [i, j] = [Math.floor(pair / people.length), pair % people.length];
      const [a, b] = [people[i] as Person, people[j] as Person];
      const found = overlaps(stored[i] as Set<string>, query[j] as string[]) && overlaps(stored[j] as Set<string>, query[i] as string[]);
      if (a.sex !== b.sex || !mayBeSamePerson(a, b)) {
        expect(isPersonCandidate(a, b)).toBe(false);
        if (!found) ruledOut++;
        continue;
      }
      mayBe++;
      if (matchPerson(a, b).isCandidate) candidates++;
      if (!found) missed.push(`${a.sex} ${a.dateOfBirth ?? a.estimatedAge} / ${b.dateOfBirth ?? b.estimatedAge}`);
    }
    expect(missed).toEqual([]);
    // Not vacuous: many namesakes may be the same person, some are candidates, and most others are not fetched.
    expect(mayBe).toBeGreaterThan(1000);
    expect(candidates).toBeGreaterThan(100);
    expect(ruledOut).toBeGreaterThan(pairs.size / 2);
  });
});
