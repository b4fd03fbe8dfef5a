import { describe, expect, it } from '@jest/globals';
import { AREA_CODE, CHILD, NOW, OPEN_AREA, household, member } from '../test/household.fixture.js';
import { defaultRuleSet } from './default-rule-set.js';
import { evaluate, type EligibilityAssessment } from './evaluate.js';
import type { EligibilityOverride, EvaluationContext, HouseholdFacts } from './household-facts.js';
import { sameDecision } from './same-decision.js';

const pendingHousehold = household({ members: [member({ isHead: true, consent: null }), member({ consent: null }), CHILD] });
const override: EligibilityOverride = { outcome: 'eligible', reason: 'Family reunification', by: 'supervisor-7', waives: ['head-identity-document'] };

function assess(facts: HouseholdFacts, context: Partial<EvaluationContext> = {}): EligibilityAssessment {
  return evaluate(facts, defaultRuleSet, { area: OPEN_AREA, now: NOW, ...context });
}

describe(sameDecision.name, () => {
  it('should see a re-evaluation a few days later, within the same month of waiting, as the same decision', () => {
    const later = new Date('2025-06-20T10:00:00Z');
    expect(sameDecision(assess(pendingHousehold), assess(pendingHousehold, { now: later }))).toBe(true);
  });

  it('should compare with an assessment stored as JSON', () => {
    const stored: unknown = JSON.parse(JSON.stringify(assess(pendingHousehold, { override })));
    expect(sameDecision(stored as EligibilityAssessment, assess(pendingHousehold, { override }))).toBe(true);
  });

  it('should see a new status as a new decision', () => {
    expect(sameDecision(assess(pendingHousehold), assess(household()))).toBe(false);
  });

  it('should see a changed count in a reason as a new decision', () => {
    const oneMissing = household({ members: [member({ isHead: true }), member({ consent: null }), CHILD] });
    expect(assess(oneMissing).status).toBe('pending');
    expect(sameDecision(assess(pendingHousehold), assess(oneMissing))).toBe(false);
  });

  it('should see a changed priority score as a new decision', () => {
    const nextMonth = new Date('2025-07-15T10:00:00Z');
    expect(sameDecision(assess(pendingHousehold), assess(pendingHousehold, { now: nextMonth }))).toBe(false);
  });

  it('should see another rule set version as a new decision', () => {
    const next = evaluate(pendingHousehold, { ...defaultRuleSet, version: 2 }, { area: OPEN_AREA, now: NOW });
    expect(sameDecision(assess(pendingHousehold), next)).toBe(false);
  });

  it('should see an override appearing or expiring as a new decision', () => {
    const expiring = { ...override, expiresAt: '2025-06-30T00:00:00Z' };
    expect(sameDecision(assess(pendingHousehold), assess(pendingHousehold, { override: expiring }))).toBe(false);
    const expired = assess(pendingHousehold, { override: expiring, now: new Date('2025-06-30T00:00:00Z') });
    expect(expired.status).toBe('pending');
    expect(sameDecision(assess(pendingHousehold), expired)).toBe(false);
  });

  it('should see another list of waived rules as a new decision', () => {
    const waivingMore = { ...override, waives: ['head-identity-document', 'no-duplicates'] };
    expect(sameDecision(assess(pendingHousehold, { override }), assess(pendingHousehold, { override: waivingMore }))).toBe(false);
  });

  it('should see a change of area reason as a new decision', () => {
    const restricted = (reason: string) => assess(household(), { area: { code: AREA_CODE, status: 'restricted', reason } });
    expect(sameDecision(restricted('road damage'), restricted('road damage'))).toBe(true);
    expect(sameDecision(restricted('road damage'), restricted('security incident'))).toBe(false);
  });
});
