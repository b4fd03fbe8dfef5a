import { describe, expect, it } from '@jest/globals';
import { REASON_CODES, overrideMessage, reasonMessage } from './reason-messages.js';

describe(reasonMessage.name, () => {
  it('should agree the Arabic noun with 1, 2 and more adults', () => {
    expect(reasonMessage('consent_missing', { count: 1 })).toEqual({
      en: 'Consent missing for 1 adult',
      ar: 'الموافقة ناقصة لبالغ واحد',
    });
    expect(reasonMessage('consent_missing', { count: 2 })).toEqual({
      en: 'Consent missing for 2 adults',
      ar: 'الموافقة ناقصة لبالغين اثنين',
    });
    expect(reasonMessage('consent_missing', { count: 5 })).toEqual({
      en: 'Consent missing for 5 adults',
      ar: 'الموافقة ناقصة لـ 5 من البالغين',
    });
    expect(reasonMessage('consent_missing', { count: 11 }).ar).toBe('الموافقة ناقصة لـ 11 من البالغين');
  });

  it('should say how many declined, without naming anyone', () => {
    expect(reasonMessage('consent_declined', { count: 2 })).toEqual({
      en: 'Consent declined by 2 adults',
      ar: 'رفض بالغان اثنان الموافقة على العودة',
    });
    expect(reasonMessage('consent_declined', { count: 3 }).ar).toBe('رفض 3 من البالغين الموافقة على العودة');
  });

  it('should word the counted reasons for one member and for several', () => {
    expect(reasonMessage('medical_clearance_missing', { count: 1 })).toEqual({
      en: 'Fitness-to-travel clearance missing for 1 member',
      ar: 'شهادة اللياقة الطبية للسفر ناقصة لفرد واحد',
    });
    expect(reasonMessage('bid_missing', { count: 1 })).toEqual({
      en: 'Best-interests determination missing for 1 separated child',
      ar: 'لم يستكمل تحديد المصالح الفضلى لطفل منفصل عن ذويه',
    });
    expect(reasonMessage('bid_missing', { count: 4 }).ar).toBe('لم يستكمل تحديد المصالح الفضلى لـ 4 من الأطفال المنفصلين عن ذويهم');
    expect(reasonMessage('duplicate_unresolved', { count: 1 })).toEqual({
      en: '1 possible duplicate registration not resolved yet',
      ar: 'يوجد تسجيل مكرر محتمل واحد لم يحسم بعد',
    });
    expect(reasonMessage('duplicate_unresolved', { count: 7 }).ar).toBe('يوجد 7 من التسجيلات المكررة المحتملة لم تحسم بعد');
  });

  it('should have a sentence in both languages for every reason code', () => {
    for (const code of REASON_CODES) {
      const message = reasonMessage(code, { count: 1, area: 'SY020300' });
      expect(message.en.length).toBeGreaterThan(10);
      expect(message.ar).toMatch(/[\u0600-\u06FF]/);
    }
  });
});

describe(overrideMessage.name, () => {
  it('should show the outcome and the end date of an applied override', () => {
    expect(overrideMessage('eligible', '2025-07-01T00:00:00Z', true, ['head-identity-document', 'no-duplicates'])).toEqual({
      en: 'Override: head-identity-document, no-duplicates waived until 2025-07-01',
      ar: 'قرار استثنائي: إعفاء من head-identity-document، no-duplicates حتى 2025-07-01',
    });
    expect(overrideMessage('ineligible', null, true).en).toBe('Override: household not eligible');
  });

  it('should say that an expired override was ignored', () => {
    expect(overrideMessage('eligible', '2025-06-01T00:00:00Z', false)).toEqual({
      en: 'Override (eligible) expired on 2025-06-01 and was ignored',
      ar: 'انتهت صلاحية القرار الاستثنائي (مؤهلة) في 2025-06-01 ولم يؤخذ به',
    });
  });
});
