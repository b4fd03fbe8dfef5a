import { describe, expect, it } from '@jest/globals';
import { AREA_CODE, CHILD, HEAD, OPEN_AREA, SPOUSE, household, member } from '../test/household.fixture.js';
import { checkRule } from './evaluate.js';
import type { AreaState } from './household-facts.js';
import type { PredicateName, PredicateParams, RuleDefinition } from './rule-set.js';

function ruleOf<P extends PredicateName>(predicate: P, params: PredicateParams[P]): RuleDefinition<P> {
  const description = { en: `checks ${predicate}`, ar: `يتحقق من ${predicate}` };
  // TypeScript cannot correlate a generic predicate with its params inside one literal.
  return { id: `rule-${predicate}`, description, predicate, params, onFail: 'pending' } as RuleDefinition<P>;
}

const consent = ruleOf('all_adults_consented', {});

describe(checkRule.name, () => {
  describe('all_adults_consented', () => {
    it('should pass when every adult consented, children not being asked', () => {
      const result = checkRule(consent, household(), OPEN_AREA);
      expect(result).toEqual({
        ruleId: 'rule-all_adults_consented',
        passed: true,
        code: 'passed',
        params: {},
        message: { en: 'checks all_adults_consented', ar: 'يتحقق من all_adults_consented' },
      });
    });

    it('should count the adults whose consent is missing under the each-adult policy', () => {
      const facts = household({
        members: [member({ isHead: true, consent: null }), member({ consent: null }), member({ age: 18, consent: null }), CHILD],
      });
      const result = checkRule(consent, facts, OPEN_AREA);
      expect(result).toMatchObject({ passed: false, code: 'consent_missing', params: { count: 3 } });
      expect(result.message.en).toBe('Consent missing for 3 adults');
    });

    it('should report a decline as a count, ahead of missing consents', () => {
      const facts = household({ members: [HEAD, member({ consent: 'decline' }), member({ consent: null }), CHILD] });
      const result = checkRule(consent, facts, OPEN_AREA);
      expect(result).toMatchObject({ passed: false, code: 'consent_declined', params: { count: 1 } });
      expect(result.message).toEqual({
        en: 'Consent declined by 1 adult',
        ar: 'رفض بالغ واحد الموافقة على العودة',
      });
    });

    it('should ask only the head under the head-only policy', () => {
      const facts = household({ consentPolicy: 'head_only', members: [HEAD, member({ consent: null }), CHILD] });
      expect(checkRule(consent, facts, OPEN_AREA).passed).toBe(true);
    });

    it('should fail under the head-only policy when the head has not answered', () => {
      const facts = household({ consentPolicy: 'head_only', members: [member({ isHead: true, consent: null }), SPOUSE] });
      expect(checkRule(consent, facts, OPEN_AREA)).toMatchObject({ code: 'consent_missing', params: { count: 1 } });
    });

    it("should still count an adult's decline under the head-only policy", () => {
      const facts = household({ consentPolicy: 'head_only', members: [HEAD, member({ consent: 'decline' })] });
      expect(checkRule(consent, facts, OPEN_AREA)).toMatchObject({ code: 'consent_declined', params: { count: 1 } });
    });

    it('should take the adult age from the rule parameters', () => {
      const facts = household({ members: [HEAD, member({ age: 16, consent: null })] });
      expect(checkRule(consent, facts, OPEN_AREA).passed).toBe(true);
      const rule = ruleOf('all_adults_consented', { adultAge: 16 });
      expect(checkRule(rule, facts, OPEN_AREA)).toMatchObject({ code: 'consent_missing', params: { count: 1 } });
    });

    it("should ask a child-headed household for a guardian's consent or a best-interests decision, not the minor head's", () => {
      const head = member({ memberId: 'm-head', isHead: true, age: 16, consent: 'consent' });
      const result = checkRule(consent, household({ members: [head, CHILD] }), OPEN_AREA);
      expect(result).toMatchObject({ passed: false, code: 'guardian_consent_missing' });
      expect(result.message.en).toBe('No adult in the household: guardian consent or best-interests decision missing');
      for (const basis of ['guardian', 'best_interests'] as const) {
        const facts = household({ members: [head, CHILD], guardianConsent: { basis, decision: 'consent' } });
        expect(checkRule(consent, facts, OPEN_AREA).passed).toBe(true);
      }
      const declined = household({ members: [head, CHILD], guardianConsent: { basis: 'guardian', decision: 'decline' } });
      expect(checkRule(consent, declined, OPEN_AREA)).toMatchObject({ code: 'consent_declined', params: { count: 1 } });
    });

    it('should apply the adult age under the head-only policy: a minor head cannot consent for the household', () => {
      const minorHead = member({ memberId: 'm-head', isHead: true, age: 17, consent: 'consent' });
      const facts = household({ consentPolicy: 'head_only', members: [minorHead, member({ memberId: 'm-aunt', age: 40, consent: null })] });
      expect(checkRule(consent, facts, OPEN_AREA)).toMatchObject({ code: 'consent_missing', params: { count: 1 } });
      const alone = household({ consentPolicy: 'head_only', members: [minorHead, CHILD] });
      expect(checkRule(consent, alone, OPEN_AREA)).toMatchObject({ code: 'guardian_consent_missing' });
    });

    it("should let the deployment's adult age win over the rule's own", () => {
      const facts = household({ members: [HEAD, member({ age: 16, consent: null })] });
      const rule = ruleOf('all_adults_consented', { adultAge: 18 });
      expect(checkRule(rule, facts, OPEN_AREA, { adultAge: 16 })).toMatchObject({ code: 'consent_missing', params: { count: 1 } });
    });

    it('should leave a withdrawal to the not_withdrawn rule', () => {
      const facts = household({ members: [HEAD, member({ consent: 'withdraw' })] });
      expect(checkRule(consent, facts, OPEN_AREA).passed).toBe(true);
    });
  });

  describe('destination_open', () => {
    const rule = ruleOf('destination_open', {});

    it('should pass when the area is open', () => {
      expect(checkRule(rule, household(), OPEN_AREA).passed).toBe(true);
    });

    it('should fail with area_closed when the area is closed', () => {
      const closed: AreaState = { code: AREA_CODE, status: 'closed', reason: 'unexploded ordnance survey' };
      expect(checkRule(rule, household(), closed)).toEqual({
        ruleId: 'rule-destination_open',
        passed: false,
        code: 'area_closed',
        params: { area: AREA_CODE },
        message: {
          en: 'Destination area SY020300 is closed to returns',
          ar: 'منطقة الوجهة SY020300 مغلقة أمام العودة',
        },
      });
    });

    it('should fail with its own code when the area is restricted, with the reason given', () => {
      const restricted: AreaState = { code: AREA_CODE, status: 'restricted', reason: 'water network repairs' };
      const result = checkRule(rule, household(), restricted);
      expect(result).toMatchObject({ code: 'area_restricted', params: { area: AREA_CODE, reason: 'water network repairs' } });
      expect(result.message.en).toBe('Returns to destination area SY020300 are restricted: water network repairs');
      const noReason = checkRule(rule, household(), { code: AREA_CODE, status: 'restricted', reason: null });
      expect(noReason.params).toEqual({ area: AREA_CODE });
      expect(noReason.message.ar).toBe('العودة إلى منطقة الوجهة SY020300 مقيدة');
    });
  });

  describe('head_has_identity_document', () => {
    const rule = ruleOf('head_has_identity_document', {});

    it('should pass when the head has an identity document', () => {
      expect(checkRule(rule, household(), OPEN_AREA).passed).toBe(true);
    });

    it('should fail when the head has none, whatever the other members hold', () => {
      const facts = household({ members: [member({ isHead: true, hasIdentityDocument: false }), SPOUSE] });
      expect(checkRule(rule, facts, OPEN_AREA)).toMatchObject({ passed: false, code: 'head_document_missing', params: {} });
    });

    it('should fail when no member is recorded as head', () => {
      expect(checkRule(rule, household({ members: [SPOUSE] }), OPEN_AREA).code).toBe('head_document_missing');
    });
  });

  describe('no_unresolved_duplicates', () => {
    const rule = ruleOf('no_unresolved_duplicates', {});

    it('should pass without duplicate candidates', () => {
      expect(checkRule(rule, household(), OPEN_AREA).passed).toBe(true);
    });

    it('should fail with the number of unresolved candidates', () => {
      const result = checkRule(rule, household({ unresolvedDuplicateCandidates: 2 }), OPEN_AREA);
      expect(result).toMatchObject({ code: 'duplicate_unresolved', params: { count: 2 } });
      expect(result.message).toEqual({
        en: '2 possible duplicate registrations not resolved yet',
        ar: 'يوجد تسجيلان مكرران محتملان لم يحسما بعد',
      });
    });

    it('should not hold back a scheduled household: the possible duplicate goes to a supervisor', () => {
      expect(checkRule(rule, household({ status: 'scheduled', unresolvedDuplicateCandidates: 1 }), OPEN_AREA).passed).toBe(true);
      expect(checkRule(rule, household({ status: 'registered', unresolvedDuplicateCandidates: 1 }), OPEN_AREA).passed).toBe(false);
    });
  });

  describe('medical_clearance', () => {
    const rule = ruleOf('medical_clearance', { needCodes: ['SMC'] });
    const cleared = member({ needs: ['SMC'], fitToTravel: true, hasMedicalClearance: true, travelMode: 'bus' });

    it('should pass when members with a serious medical condition are cleared with a travel mode', () => {
      expect(checkRule(rule, household({ members: [HEAD, cleared] }), OPEN_AREA).passed).toBe(true);
    });

    it('should pass for every stated travel mode, also for a member not fit to travel by bus', () => {
      for (const travelMode of ['bus', 'bus_with_companion', 'ambulance_seated', 'stretcher']) {
        const patient = member({ needs: ['SMC'], fitToTravel: false, hasMedicalClearance: true, travelMode });
        expect(checkRule(rule, household({ members: [HEAD, patient] }), OPEN_AREA).passed).toBe(true);
      }
    });

    it('should hold back a clearance that does not state how the member travels (older clearances too)', () => {
      const unfitWithoutMode = member({ needs: ['SMC'], fitToTravel: false, hasMedicalClearance: true });
      const fitWithoutMode = member({ needs: ['SMC'], fitToTravel: true, hasMedicalClearance: true, travelMode: null });
      const result = checkRule(rule, household({ members: [HEAD, cleared, unfitWithoutMode, fitWithoutMode] }), OPEN_AREA);
      expect(result).toMatchObject({ passed: false, code: 'travel_mode_missing', params: { count: 2 } });
      expect(result.message.en).toBe(
        'The medical clearance does not state how 2 members can travel (bus, bus with a companion, seated in an ambulance or on a stretcher)',
      );
    });

    it('should count members with the need and no clearance stating a travel mode', () => {
      const facts = household({
        members: [
          HEAD,
          cleared,
          member({ needs: ['SMC'] }),
          member({ needs: ['SMC', 'ER'], hasMedicalClearance: true, fitToTravel: null }),
        ],
      });
      const result = checkRule(rule, facts, OPEN_AREA);
      expect(result).toMatchObject({ code: 'medical_clearance_missing', params: { count: 2 } });
      expect(result.message.ar).toBe('شهادة اللياقة الطبية للسفر ناقصة لفردين اثنين');
    });

    it('should count a member assessed unfit to travel even without the need', () => {
      const facts = household({ members: [HEAD, member({ fitToTravel: false, hasMedicalClearance: false })] });
      expect(checkRule(rule, facts, OPEN_AREA)).toMatchObject({ code: 'medical_clearance_missing', params: { count: 1 } });
    });

    it('should check only the need codes the rule names', () => {
      const facts = household({ members: [HEAD, member({ needs: ['DIS'] })] });
      expect(checkRule(rule, facts, OPEN_AREA).passed).toBe(true);
      const wider = ruleOf('medical_clearance', { needCodes: ['SMC', 'DIS'] });
      expect(checkRule(wider, facts, OPEN_AREA).passed).toBe(false);
    });
  });

  describe('separated_child_bid', () => {
    const rule = ruleOf('separated_child_bid', {});
    const separated = member({ age: 15, needs: ['UASC'], consent: null });

    it('should pass when each separated child has a best-interests determination reference', () => {
      const facts = household({ members: [HEAD, { ...separated, bestInterestsRef: 'BID-2025-0042' }] });
      expect(checkRule(rule, facts, OPEN_AREA).passed).toBe(true);
    });

    it('should count separated children without a reference, a blank one included', () => {
      const facts = household({ members: [HEAD, separated, { ...separated, bestInterestsRef: '  ' }, CHILD] });
      const result = checkRule(rule, facts, OPEN_AREA);
      expect(result).toMatchObject({ code: 'bid_missing', params: { count: 2 } });
      expect(result.message.en).toBe('Best-interests determination missing for 2 separated children');
    });

    it('should accept the flag a projection of MemberFactsV1 carries instead of a reference', () => {
      const facts = household({ members: [HEAD, { ...separated, hasBestInterestsDetermination: true }] });
      expect(checkRule(rule, facts, OPEN_AREA).passed).toBe(true);
    });

    it('should not ask it for an adult, by the adult age in the parameters', () => {
      const facts = household({ members: [HEAD, { ...separated, age: 17 }] });
      expect(checkRule(rule, facts, OPEN_AREA).passed).toBe(false);
      expect(checkRule(ruleOf('separated_child_bid', { adultAge: 17 }), facts, OPEN_AREA).passed).toBe(true);
    });
  });

  describe('not_withdrawn', () => {
    const rule = ruleOf('not_withdrawn', {});

    it('should pass for a registered household', () => {
      expect(checkRule(rule, household(), OPEN_AREA).passed).toBe(true);
    });

    it("should fail when a child-headed household's guardian withdrew", () => {
      const facts = household({ members: [CHILD], guardianConsent: { basis: 'guardian', decision: 'withdraw' } });
      expect(checkRule(rule, facts, OPEN_AREA)).toMatchObject({ passed: false, code: 'withdrawn' });
    });

    it('should fail when the household is withdrawn', () => {
      expect(checkRule(rule, household({ status: 'withdrawn' }), OPEN_AREA)).toEqual({
        ruleId: 'rule-not_withdrawn',
        passed: false,
        code: 'withdrawn',
        params: {},
        message: { en: 'Consent to return was withdrawn', ar: 'سُحبت الموافقة على العودة' },
      });
    });

    it('should fail when a member withdrew consent', () => {
      const facts = household({ members: [HEAD, member({ consent: 'withdraw' })] });
      expect(checkRule(rule, facts, OPEN_AREA).code).toBe('withdrawn');
    });
  });
});
