import { describe, expect, it } from '@jest/globals';
import { GUARDIAN_CONSENT_MISSING, isChildHeaded, missingConsents, missingItems, statusAfterDecision, type AdultDecision } from './consent-rules.js';

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

describe(missingItems.name, () => {
  it('should ask a household with no adult for a guardian consent or a best-interests decision', () => {
    expect(missingItems([], 'each_adult', null)).toEqual([GUARDIAN_CONSENT_MISSING]);
    expect(missingItems([], 'head_only', 'decline')).toEqual([GUARDIAN_CONSENT_MISSING]);
    expect(missingItems([], 'each_adult', 'consent')).toEqual([]);
    expect(missingItems([head, wife], 'each_adult', null)).toEqual(['consent missing for 1 adult']);
  });

  it('should ask every adult under head_only when the head is a minor (not among the adults)', () => {
    expect(missingConsents([wife], 'head_only')).toEqual(['wife']);
  });
});

describe(isChildHeaded.name, () => {
  it('should call a household child-headed when no member has reached the adult age', () => {
    expect(isChildHeaded([17, 9], 18)).toBe(true);
    expect(isChildHeaded([17, 9], 17)).toBe(false);
    expect(isChildHeaded([], 18)).toBe(false);
  });
});
