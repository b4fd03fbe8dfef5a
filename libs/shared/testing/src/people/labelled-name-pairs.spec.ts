import { describe, expect, it } from '@jest/globals';
import { DIFFERENT_PEOPLE_KINDS, SAME_PERSON_KINDS, generateLabelledNamePairs, measureMatching } from './labelled-name-pairs.js';

describe(generateLabelledNamePairs.name, () => {
  const pairs = generateLabelledNamePairs('spec', 40);

  it('should give the same pairs for the same seed, and as many of each kind as asked', () => {
    expect(generateLabelledNamePairs('spec', 40)).toEqual(pairs);
    expect(pairs).toHaveLength((SAME_PERSON_KINDS.length + DIFFERENT_PEOPLE_KINDS.length) * 40);
    for (const kind of [...SAME_PERSON_KINDS, ...DIFFERENT_PEOPLE_KINDS]) expect(pairs.filter((p) => p.kind === kind)).toHaveLength(40);
  });

  it('should label each kind as the same person or as different people', () => {
    for (const p of pairs) expect([p.kind, p.same]).toEqual([p.kind, (SAME_PERSON_KINDS as readonly string[]).includes(p.kind)]);
  });

  it('should give everyone a name, and a brother and sister at least one missing sex', () => {
    for (const p of pairs) for (const person of [p.a, p.b]) expect(person.fullNameAr !== '' || (person.fullNameLatin ?? '') !== '').toBe(true);
    for (const p of pairs.filter((x) => x.kind === 'brother-sister')) expect(p.a.sex === undefined || p.b.sex === undefined).toBe(true);
  });
});

describe(measureMatching.name, () => {
  it('should count precision and recall from the decisions', () => {
    const pairs = generateLabelledNamePairs('measure', 10);
    // Flags every pair: recall 1, precision the share of same-person pairs.
    const all = measureMatching(pairs, () => true);
    expect(all.recall).toBe(1);
    expect(all.precision).toBeCloseTo(SAME_PERSON_KINDS.length / (SAME_PERSON_KINDS.length + DIFFERENT_PEOPLE_KINDS.length), 10);
    expect(measureMatching(pairs, () => false)).toMatchObject({ truePositives: 0, falsePositives: 0, recall: 0, precision: 1 });
  });
});
