import { describe, expect, it } from '@jest/globals';
import { missingConsents, statusAfterDecision, type AdultDecision } from './consent-rules.js';

const head: AdultDecision = { memberId: 'head', isHead: true, decision: 'consent' };
const wife: AdultDecision = { memberId: 'wife', isHead: false, decision: null };

describe(missingConsents.name, () => {
  it('should need every adult under each_adult and only the head under head_only', () => {
    expect(missingConsents([head, wife], 'each_adult')).toEqual(['wife']);
    expect(missingConsents([head, wife], 'head_only')).toEqual([]);
  });
});

describe(statusAfterDecision.name, () => {
  it('should withdraw a registered or scheduled household when any adult withdraws', () => {
    expect(statusAfterDecision('registered', [head, { ...wife, decision: 'withdraw' }])).toBe('withdrawn');
    expect(statusAfterDecision('scheduled', [{ ...head, decision: 'withdraw' }])).toBe('withdrawn');
  });

  it('should register a withdrawn household again once no adult stands by a withdrawal', () => {
    expect(statusAfterDecision('withdrawn', [head, { ...wife, decision: 'consent' }])).toBe('registered');
    expect(statusAfterDecision('withdrawn', [head, { ...wife, decision: 'withdraw' }])).toBe('withdrawn');
  });

  it('should leave a departed household as it is', () => {
    expect(statusAfterDecision('departed', [{ ...head, decision: 'withdraw' }])).toBe('departed');
  });
});
