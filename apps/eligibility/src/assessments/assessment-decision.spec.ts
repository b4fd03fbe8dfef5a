import { describe, expect, it } from '@jest/globals';
import { defaultRuleSet, evaluate, type HouseholdFacts } from '@awda/eligibility-rules';
import { assessedPayload, isNews, type StoredAssessment } from './assessment-decision.js';

const NOW = new Date('2025-06-15T10:00:00Z');
const facts: HouseholdFacts = {
  householdId: '0190a000-0000-7000-8000-000000000001',
  campId: 'mahmoudli',
  status: 'registered',
  destinationArea: 'SY020300',
  registeredAt: '2025-01-10T08:00:00Z',
  consentPolicy: 'each_adult',
  unresolvedDuplicateCandidates: 0,
  members: [
    { memberId: 'h', isHead: true, age: 40, sex: 'male', needs: ['DIS'], fitToTravel: null, hasMedicalClearance: false, hasIdentityDocument: true, consent: null },
    { memberId: 's', isHead: false, age: 36, sex: 'female', needs: [], fitToTravel: null, hasMedicalClearance: false, hasIdentityDocument: true, consent: null },
  ],
};
const open = { code: 'SY020300', status: 'open' as const };

function stored(assessment: ReturnType<typeof evaluate>, overrides: Partial<StoredAssessment> = {}): StoredAssessment {
  // A stored assessment went through JSON.
  const result = JSON.parse(JSON.stringify(assessment)) as StoredAssessment['result'];
  return { householdId: facts.householdId, campId: 'mahmoudli', destinationArea: 'SY020300', assessmentVersion: 1, result, ...overrides };
}

describe('assessment decision', () => {
  it('should publish a first assessment, and not the same decision again', () => {
    const first = evaluate(facts, defaultRuleSet, { area: open, now: NOW });
    expect(isNews(undefined, first, facts)).toBe(true);
    const again = evaluate(facts, defaultRuleSet, { area: open, now: NOW });
    expect(isNews(stored(first), again, facts)).toBe(false);
  });

  it('should publish when the reasons change, when the destination changes and under an override', () => {
    const pending = evaluate(facts, defaultRuleSet, { area: open, now: NOW });
    const closed = evaluate(facts, defaultRuleSet, { area: { code: 'SY020300', status: 'closed' }, now: NOW });
    expect(isNews(stored(pending), closed, facts)).toBe(true);
    expect(isNews(stored(pending, { destinationArea: 'SY010100' }), pending, facts)).toBe(true);
    const overridden = evaluate(facts, defaultRuleSet, {
      area: open,
      now: NOW,
      override: { outcome: 'ineligible', reason: 'protection concern', by: 'sup-1', waives: [] },
    });
    expect(isNews(stored(pending), overridden, facts)).toBe(true);
  });

  it('should carry status, reasons with their outcome, priority and its basis on the wire', () => {
    const assessment = evaluate(facts, defaultRuleSet, { area: open, now: NOW });
    const payload = assessedPayload(facts, 7, assessment, 3, NOW);
    expect(payload).toEqual({
      householdId: facts.householdId,
      campId: 'mahmoudli',
      status: 'pending',
      reasons: [{ ruleId: 'consent', code: 'consent_missing', params: { count: 2 }, outcome: 'pending' }],
      // DIS weighs 6, five full months of waiting 1 each.
      priority: 11,
      priorityBasis: { needPoints: 6, waitingSince: '2025-01-10T08:00:00Z', pointsPerWaitingMonth: 1, maxWaitingMonths: 24 },
      ruleSetVersion: 1,
      householdVersion: 7,
      assessmentVersion: 3,
      destinationArea: 'SY020300',
      override: null,
      assessedAt: NOW.toISOString(),
    });
  });

  it('should leave waived failures off the wire, and name the override only when it made the decision', () => {
    const consented = { ...facts, members: facts.members.map((m) => ({ ...m, consent: 'consent' as const, hasIdentityDocument: false })) };
    const waiver = { outcome: 'eligible' as const, reason: 'ID card lost', by: 'sup-1', waives: ['head-identity-document'] };
    const waived = assessedPayload(consented, 7, evaluate(consented, defaultRuleSet, { area: open, now: NOW, override: waiver }), 3, NOW);
    expect(waived).toMatchObject({ status: 'eligible', reasons: [], override: 'eligible' });
    // The same waiver does not carry a family whose adults have not all consented.
    const unconsented = { ...consented, members: consented.members.map((m) => ({ ...m, consent: null })) };
    const held = assessedPayload(unconsented, 7, evaluate(unconsented, defaultRuleSet, { area: open, now: NOW, override: waiver }), 3, NOW);
    expect(held).toMatchObject({ status: 'pending', reasons: [{ code: 'consent_missing' }], override: null });
  });
});
