import { describe, expect, it } from '@jest/globals';
import { AREA_CODE, CHILD, HEAD, NOW, OPEN_AREA, household, member } from '../test/household.fixture.js';
import { defaultRuleSet } from './default-rule-set.js';
import { evaluate, explain } from './evaluate.js';
import type { EligibilityOverride } from './household-facts.js';

const RULE_IDS = defaultRuleSet.rules.map((rule) => rule.id);
const twoConsentsMissing = household({
  members: [member({ isHead: true, consent: null }), member({ consent: null }), CHILD],
});

describe(evaluate.name, () => {
  it('should find a complete household eligible, with every rule reported as passed', () => {
    const assessment = evaluate(household(), defaultRuleSet, { area: OPEN_AREA, now: NOW });
    expect(assessment.status).toBe('eligible');
    expect(assessment.ruleStatus).toBe('eligible');
    expect(assessment.results.map((r) => [r.ruleId, r.passed])).toEqual(RULE_IDS.map((id) => [id, true]));
    expect(assessment.reasons).toEqual([]);
    expect(assessment.missing).toEqual([]);
    expect(assessment.ruleSetVersion).toBe(1);
    expect(assessment).not.toHaveProperty('override');
  });

  it('should leave a household pending with the items to fix', () => {
    const assessment = evaluate(twoConsentsMissing, defaultRuleSet, { area: OPEN_AREA, now: NOW });
    expect(assessment.status).toBe('pending');
    expect(assessment.missing).toEqual([
      {
        ruleId: 'consent',
        code: 'consent_missing',
        params: { count: 2 },
        message: { en: 'Consent missing for 2 adults', ar: 'الموافقة ناقصة لبالغين اثنين' },
        outcome: 'pending',
      },
    ]);
    expect(assessment.reasons).toEqual(assessment.missing);
  });

  it("should make a child-headed household eligible on its guardian's consent, under the context's adult age", () => {
    const head = member({ memberId: 'm-head', isHead: true, age: 17, consent: null, needs: [] });
    const sister = member({ memberId: 'm-sister', age: 15, consent: null, hasIdentityDocument: false });
    const facts = household({ members: [head, sister] });
    const without = evaluate(facts, defaultRuleSet, { area: OPEN_AREA, now: NOW, adultAge: 18 });
    expect(without.status).toBe('pending');
    expect(without.missing.map((reason) => reason.code)).toEqual(['guardian_consent_missing']);
    const guarded = evaluate({ ...facts, guardianConsent: { basis: 'guardian', decision: 'consent' } }, defaultRuleSet, {
      area: OPEN_AREA,
      now: NOW,
      adultAge: 18,
    });
    expect(guarded.status).toBe('eligible');
    // Where the deployment counts 17-year-olds as adults, the head answers for herself.
    expect(evaluate(facts, defaultRuleSet, { area: OPEN_AREA, now: NOW, adultAge: 17 }).missing.map((r) => r.code)).toEqual(['consent_missing']);
  });

  it('should find a household ineligible when an ineligible rule fails, and still list the fixable items', () => {
    const facts = household({ status: 'withdrawn', unresolvedDuplicateCandidates: 1 });
    const assessment = evaluate(facts, defaultRuleSet, { area: { code: AREA_CODE, status: 'closed' }, now: NOW });
    expect(assessment.status).toBe('ineligible');
    expect(assessment.reasons.map((r) => [r.ruleId, r.code, r.outcome])).toEqual([
      ['not-withdrawn', 'withdrawn', 'ineligible'],
      ['destination-open', 'area_closed', 'pending'],
      ['no-duplicates', 'duplicate_unresolved', 'pending'],
    ]);
    expect(assessment.missing.map((r) => r.code)).toEqual(['area_closed', 'duplicate_unresolved']);
    expect(assessment.results).toHaveLength(RULE_IDS.length);
  });

  it('should report the rule set version as null for a draft', () => {
    const { version: _version, ...draft } = defaultRuleSet;
    expect(evaluate(household(), draft, { area: OPEN_AREA, now: NOW }).ruleSetVersion).toBeNull();
  });

  it('should refuse an area state that is not for the household destination', () => {
    expect(() => evaluate(household(), defaultRuleSet, { area: { code: 'SY999999', status: 'open' }, now: NOW })).toThrow(
      'Household hh-1: area state is for SY999999, destination is SY020300',
    );
  });

  describe('with an override', () => {
    const withoutHeadDocument = household({ members: [member({ isHead: true, hasIdentityDocument: false }), member({}), CHILD] });
    const documentWaivedUntilJuly: EligibilityOverride = {
      outcome: 'eligible',
      reason: 'Identity card lost; replacement requested from the civil registry',
      by: 'supervisor-7',
      waives: ['head-identity-document'],
      expiresAt: '2025-07-01T00:00:00Z',
    };

    it('should waive the rules it names and still report every rule result', () => {
      const assessment = evaluate(withoutHeadDocument, defaultRuleSet, { area: OPEN_AREA, now: NOW, override: documentWaivedUntilJuly });
      expect(assessment.status).toBe('eligible');
      expect(assessment.ruleStatus).toBe('pending');
      expect(assessment.results).toHaveLength(RULE_IDS.length);
      expect(assessment.missing).toEqual([]);
      expect(assessment.reasons).toEqual([expect.objectContaining({ ruleId: 'head-identity-document', code: 'head_document_missing', waived: true })]);
      expect(assessment.override).toEqual({
        applied: true,
        expired: false,
        outcome: 'eligible',
        reason: 'Identity card lost; replacement requested from the civil registry',
        by: 'supervisor-7',
        expiresAt: '2025-07-01T00:00:00Z',
        waives: ['head-identity-document'],
        message: {
          en: 'Override: head-identity-document waived until 2025-07-01',
          ar: 'قرار استثنائي: إعفاء من head-identity-document حتى 2025-07-01',
        },
      });
      expect(explain(assessment).en).toBe(
        'Eligible — Override: head-identity-document waived until 2025-07-01 — The head of household has no identity document on file (waived)',
      );
    });

    it('should hold the family back for a rule the override does not name (a new medical condition)', () => {
      const nowSick = household({
        members: [member({ isHead: true, hasIdentityDocument: false }), member({ needs: ['SMC'], fitToTravel: null }), CHILD],
      });
      const assessment = evaluate(nowSick, defaultRuleSet, { area: OPEN_AREA, now: NOW, override: documentWaivedUntilJuly });
      expect(assessment.status).toBe('pending');
      expect(assessment.missing.map((r) => r.code)).toEqual(['medical_clearance_missing']);
    });

    it('should never waive consent, a decline, a withdrawal or the destination area, whatever it names', () => {
      const waiveEverything: EligibilityOverride = { ...documentWaivedUntilJuly, waives: RULE_IDS };
      const declined = household({ members: [member({ isHead: true, hasIdentityDocument: false }), member({ consent: 'decline' }), CHILD] });
      const closed = { code: AREA_CODE, status: 'closed' as const };
      const assessment = evaluate(declined, defaultRuleSet, { area: closed, now: NOW, override: waiveEverything });
      expect(assessment.status).toBe('pending');
      expect(assessment.override?.waives).toEqual(['head-identity-document', 'no-duplicates', 'medical-clearance', 'separated-child-bid']);
      expect(assessment.missing.map((r) => r.code)).toEqual(['consent_declined', 'area_closed']);
      const withdrawn = evaluate(household({ status: 'withdrawn' }), defaultRuleSet, { area: OPEN_AREA, now: NOW, override: waiveEverything });
      expect(withdrawn.status).toBe('ineligible');
      const unknown = evaluate(household(), defaultRuleSet, { area: { ...OPEN_AREA, known: false }, now: NOW, override: waiveEverything });
      expect(unknown.missing.map((r) => r.code)).toEqual(['area_unknown']);
    });

    it('should let an override without an end date hold a complete household back', () => {
      const override: EligibilityOverride = { outcome: 'ineligible', reason: 'Protection concern', by: 'supervisor-2', waives: [] };
      const assessment = evaluate(household(), defaultRuleSet, { area: OPEN_AREA, now: NOW, override });
      expect(assessment.status).toBe('ineligible');
      expect(assessment.ruleStatus).toBe('eligible');
      expect(assessment.override).toMatchObject({ applied: true, expiresAt: null });
    });

    it('should ignore an expired override and say so', () => {
      const now = new Date('2025-07-02T00:00:00Z');
      const assessment = evaluate(withoutHeadDocument, defaultRuleSet, { area: OPEN_AREA, now, override: documentWaivedUntilJuly });
      expect(assessment.status).toBe('pending');
      expect(assessment.reasons.every((r) => r.waived === undefined)).toBe(true);
      expect(assessment.override).toMatchObject({
        applied: false,
        expired: true,
        message: { en: 'Override (eligible) expired on 2025-07-01 and was ignored' },
      });
    });

    it('should treat an override as expired from its expiry instant on', () => {
      const now = new Date('2025-07-01T00:00:00Z');
      const assessment = evaluate(withoutHeadDocument, defaultRuleSet, { area: OPEN_AREA, now, override: documentWaivedUntilJuly });
      expect(assessment.status).toBe('pending');
    });
  });

  describe('with the destination resolved through the area hierarchy', () => {
    it('should name the area above the destination whose closure holds the household', () => {
      const area = { code: AREA_CODE, status: 'closed' as const, decidedBy: 'SY02' };
      const assessment = evaluate(household(), defaultRuleSet, { area, now: NOW });
      expect(assessment.reasons).toEqual([expect.objectContaining({ code: 'area_closed', params: { area: 'SY02' } })]);
    });

    it('should not take an unknown destination as open', () => {
      const assessment = evaluate(household(), defaultRuleSet, { area: { ...OPEN_AREA, known: false }, now: NOW });
      expect(assessment.status).toBe('pending');
      expect(assessment.reasons).toEqual([expect.objectContaining({ code: 'area_unknown', params: { area: AREA_CODE } })]);
    });

    it('should keep a household bound where no convoy goes pending, saying there is no road yet', () => {
      const assessment = evaluate(household(), defaultRuleSet, { area: { ...OPEN_AREA, served: false }, now: NOW });
      expect(assessment.status).toBe('pending');
      expect(explain(assessment).en).toBe(`Pending — No convoy route goes to destination area ${AREA_CODE} yet`);
    });
  });
});

describe(explain.name, () => {
  it('should give the status and the reasons in one line per language', () => {
    const facts = household({ members: [HEAD, member({ consent: null }), member({ consent: null })] });
    const restricted = { code: AREA_CODE, status: 'restricted' as const };
    expect(explain(evaluate(facts, defaultRuleSet, { area: restricted, now: NOW }))).toEqual({
      en: 'Pending — Consent missing for 2 adults; Returns to destination area SY020300 are restricted',
      ar: 'قيد الانتظار — الموافقة ناقصة لبالغين اثنين؛ العودة إلى منطقة الوجهة SY020300 مقيدة',
    });
  });

  it('should show an override next to the status', () => {
    const override: EligibilityOverride = { outcome: 'ineligible', reason: 'Protection concern', by: 'supervisor-2', waives: [] };
    const assessment = evaluate(household(), defaultRuleSet, { area: OPEN_AREA, now: NOW, override });
    expect(explain(assessment).en).toBe('Not eligible — Override: household not eligible');
  });
});
