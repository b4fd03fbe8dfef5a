// Precision and recall of the name comparison the duplicate finder uses, on a labelled set of generated
// pairs (libs/shared/testing: the same person respelt, transliterated, with a typing slip, a compound
// joined or apart, a grandfather or the sex left out; and siblings, twins, brother and sister, cousins,
// nisba families, namesakes). bench/names.bench.ts prints the same figures for bench/README.md.
import { describe, expect, it } from '@jest/globals';
import { blockingKeys, blockingQueryKeys, matchPerson, type PersonToMatch } from '@awda/names';
import { DEFAULT_REFERENCE_DATE, DIFFERENT_PEOPLE_KINDS, generateLabelledNamePairs, measureMatching, type RegisteredPerson } from '@awda/testing';

const pairs = generateLabelledNamePairs('names-quality', 200);
const asOf = DEFAULT_REFERENCE_DATE;
const isCandidate = (a: PersonToMatch, b: PersonToMatch) => matchPerson(a, b, { asOf }).isCandidate;

/** Found by the finder: the blocking keys meet (a sex is needed to block; both are tried when missing) and the names match. */
function foundThroughBlocking(a: RegisteredPerson, b: RegisteredPerson): boolean {
  const sexes = a.sex ?? b.sex ? [a.sex ?? b.sex] : (['female', 'male'] as const);
  const meet = sexes.some((sex) => {
    if (sex === undefined) return false;
    const stored = new Set(blockingKeys({ ...a, sex }));
    return blockingQueryKeys({ ...b, sex }, new Date(`${asOf}T00:00:00Z`)).some((k) => stored.has(k));
  });
  return meet && isCandidate(a, b);
}

describe('name matching on labelled pairs', () => {
  it('should flag the same person registered twice and leave look-alike relatives and namesakes, at least 95% of each', () => {
    const quality = measureMatching(pairs, isCandidate);
    expect(quality.precision).toBeGreaterThanOrEqual(0.95);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('should flag no sibling, twin, brother and sister, cousin or nisba family; only namesakes stay ambiguous', () => {
    const { byKind } = measureMatching(pairs, isCandidate);
    const flagged = DIFFERENT_PEOPLE_KINDS.filter((k) => k !== 'namesake').map((k) => [k, byKind[k]?.flagged]);
    expect(flagged).toEqual(DIFFERENT_PEOPLE_KINDS.filter((k) => k !== 'namesake').map((k) => [k, 0]));
  });

  it('should find the same pairs through the stored blocking keys as by comparing everyone', () => {
    const direct = measureMatching(pairs, isCandidate);
    const blocked = measureMatching(pairs, foundThroughBlocking);
    expect(blocked.truePositives).toBe(direct.truePositives);
  });
});
