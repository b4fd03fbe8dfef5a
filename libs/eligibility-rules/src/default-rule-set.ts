// The starting rule set: every built-in predicate once. Supervisors copy it, adjust it and activate
// their own version; the priority weights here are a starting point, not a policy.
import type { RuleSet } from './rule-set.js';

export const defaultRuleSet: RuleSet = {
  version: 1,
  name: 'Default return eligibility rules',
  rules: [
    {
      id: 'not-withdrawn',
      description: {
        en: 'Nobody in the household has withdrawn consent to return',
        ar: 'لم يسحب أحد من أفراد الأسرة موافقته على العودة',
      },
      predicate: 'not_withdrawn',
      params: {},
      onFail: 'ineligible',
    },
    {
      id: 'consent',
      description: {
        en: 'Every adult has consented to return (the head alone where the camp asks only the head)',
        ar: 'وافق جميع البالغين على العودة (أو رب الأسرة وحده حيث يكتفي المخيم بموافقته)',
      },
      predicate: 'all_adults_consented',
      params: { adultAge: 18 },
      onFail: 'pending',
    },
    {
      id: 'destination-open',
      description: {
        en: 'The destination area is open to returns',
        ar: 'منطقة الوجهة مفتوحة أمام العودة',
      },
      predicate: 'destination_open',
      params: {},
      onFail: 'pending',
    },
    {
      id: 'head-identity-document',
      description: {
        en: 'The head of household has an identity document',
        ar: 'لدى رب الأسرة وثيقة هوية',
      },
      predicate: 'head_has_identity_document',
      params: {},
      onFail: 'pending',
    },
    {
      id: 'no-duplicates',
      description: {
        en: 'No possible duplicate registration is left unresolved',
        ar: 'لا يوجد تسجيل مكرر محتمل لم يحسم بعد',
      },
      predicate: 'no_unresolved_duplicates',
      params: {},
      onFail: 'pending',
    },
    {
      id: 'medical-clearance',
      description: {
        en: 'Members with a serious medical condition have a medical clearance that states how they travel',
        ar: 'أفراد الأسرة ذوو الحالات الطبية الخطيرة حاصلون على شهادة طبية تحدد طريقة سفرهم',
      },
      predicate: 'medical_clearance',
      params: { needCodes: ['SMC'] },
      onFail: 'pending',
    },
    {
      id: 'separated-child-bid',
      description: {
        en: 'Every separated child has a best-interests determination',
        ar: 'لكل طفل منفصل عن ذويه قرار بتحديد المصالح الفضلى',
      },
      predicate: 'separated_child_bid',
      params: { adultAge: 18 },
      onFail: 'pending',
    },
  ],
  priority: {
    weights: { SMC: 10, DIS: 6, ER: 6, UASC: 8, PLW: 5, WR: 8 },
    waitingPerMonth: 1,
    maxWaitingMonths: 24,
  },
};
