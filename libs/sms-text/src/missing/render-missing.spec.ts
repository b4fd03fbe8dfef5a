import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from '../language.js';
import { MISSING_REASON_CODES } from './missing-phrases.js';
import { renderMissing } from './render-missing.js';

describe(renderMissing.name, () => {
  it('should describe one reason in each language', () => {
    const reasons = [{ code: 'head_document_missing' }];
    expect(renderMissing(reasons, 'ar')).toBe('نقص وثيقة هوية رب الأسرة');
    expect(renderMissing(reasons, 'ckb')).toBe('نەبوونی ناسنامەی سەرۆکی خێزان');
    expect(renderMissing(reasons, 'kmr')).toBe('nebûna nasnameya serokê malbatê');
    expect(renderMissing(reasons, 'en')).toBe('ID document of the head of household missing');
  });

  it('should follow the Arabic number forms for one, two, few and many', () => {
    const consent = (count: number) => renderMissing([{ code: 'consent_missing', params: { count } }], 'ar');
    expect(consent(1)).toBe('نقص موافقة أحد أفراد العائلة');
    expect(consent(2)).toBe('نقص موافقة فردين من العائلة');
    expect(consent(3)).toBe('نقص موافقة ٣ أفراد من العائلة');
    expect(consent(10)).toBe('نقص موافقة ١٠ أفراد من العائلة');
    expect(consent(11)).toBe('نقص موافقة ١١ فرداً من العائلة');
    expect(consent(100)).toBe('نقص موافقة ١٠٠ فرد من العائلة');
    expect(consent(103)).toBe('نقص موافقة ١٠٣ أفراد من العائلة');
  });

  it('should put the count in the phrase with the digits of the language', () => {
    const children = [{ code: 'bid_missing', params: { count: 2 } }];
    expect(renderMissing(children, 'en')).toBe('best-interests determination missing for 2 children');
    expect(renderMissing(children, 'ckb')).toBe('نەبوونی دیاریکردنی باشترین بەرژەوەندی بۆ ٢ منداڵ');
    expect(renderMissing(children, 'kmr')).toBe('nebûna diyarkirina berjewendiya herî baş ji bo 2 zarokan');
    expect(renderMissing([{ code: 'medical_clearance_missing', params: { count: 1 } }], 'kmr')).toBe(
      'nebûna destûra bijîşkî ji bo endamekî malbatê',
    );
  });

  it('should say in every language that a medical clearance does not state how members travel', () => {
    const reasons = [{ code: 'travel_mode_missing', params: { count: 2 } }];
    expect(renderMissing(reasons, 'en')).toBe('travel mode missing from the medical clearance of 2 family members');
    expect(renderMissing(reasons, 'ar')).toBe('نقص تحديد طريقة السفر في الإذن الطبي لفردين من العائلة');
    expect(renderMissing(reasons, 'ckb')).toBe('نەبوونی شێوازی گەشتکردن لە ڕێپێدانی پزیشکیی ٢ ئەندامی خێزاندا');
    expect(renderMissing(reasons, 'kmr')).toBe('nebûna awayê rêwîtiyê di destûra bijîşkî ya 2 endamên malbatê de');
  });

  it('should fall back to the count-free wording when the count is absent or not a positive whole number', () => {
    for (const count of [undefined, 0, -1, 1.5, '2', Number.NaN]) {
      expect(renderMissing([{ code: 'consent_missing', params: { count } }], 'en')).toBe(
        'consent missing from family members',
      );
    }
    expect(renderMissing([{ code: 'medical_clearance_missing' }], 'ar')).toBe('نقص إذن طبي لبعض أفراد العائلة');
  });

  it('should join several reasons the way each language lists things', () => {
    const reasons = [
      { code: 'consent_missing', params: { count: 2 } },
      { code: 'head_document_missing' },
      { code: 'area_restricted' },
    ];
    expect(renderMissing(reasons, 'en')).toBe(
      'consent missing from 2 family members, ID document of the head of household missing ' +
        'and access to the return area restricted',
    );
    expect(renderMissing(reasons.slice(0, 2), 'ar')).toBe('نقص موافقة فردين من العائلة، ونقص وثيقة هوية رب الأسرة');
    expect(renderMissing(reasons.slice(1), 'ckb')).toBe(
      'نەبوونی ناسنامەی سەرۆکی خێزان و چوونە ناوچەی گەڕانەوە سنووردارە',
    );
    expect(renderMissing(reasons.slice(1), 'kmr')).toBe(
      'nebûna nasnameya serokê malbatê û çûna herêma vegerê sînordar e',
    );
  });

  it('should not say by SMS that a family member declined to return', () => {
    const declined = renderMissing([{ code: 'consent_declined', params: { count: 1 } }], 'en');
    expect(declined).toBe('details to complete at the camp administration office');
  });

  it('should leave free-text area reasons out of the SMS', () => {
    const reasons = [{ code: 'area_restricted', params: { area: 'SY0901', reason: 'water network repairs' } }];
    expect(renderMissing(reasons, 'en')).toBe('access to the return area restricted');
  });

  it('should tell a family that no convoy goes to its area yet, and send it to the office for a destination not on the list', () => {
    expect(renderMissing([{ code: 'area_not_served', params: { area: 'SY020100' } }], 'en')).toBe('no convoy route to the return area yet');
    expect(renderMissing([{ code: 'area_not_served' }], 'ar')).toBe('لا يوجد بعد طريق قوافل إلى منطقة العودة');
    expect(renderMissing([{ code: 'area_unknown', params: { area: 'SY999999' } }], 'en')).toBe('details to complete at the camp administration office');
  });

  it('should say a repeated reason once', () => {
    const reasons = [{ code: 'area_closed' }, { code: 'area_closed', params: {} }];
    expect(renderMissing(reasons, 'en')).toBe('return area closed');
  });

  it('should give a generic phrase for an unknown code or no reasons, never an empty one', () => {
    const generic = 'details to complete at the camp administration office';
    expect(renderMissing([{ code: 'shelter_damaged' }], 'en')).toBe(generic);
    expect(renderMissing([], 'ar')).toBe('استكمال معلومات لدى إدارة المخيم');
    expect(renderMissing([{ code: 'withdrawn' }, { code: 'new_rule' }], 'en')).toBe(
      'return request withdrawn and details to complete at the camp administration office',
    );
  });

  it('should give a non-empty phrase without placeholders for every code, count and language', () => {
    for (const language of LANGUAGES) {
      for (const code of MISSING_REASON_CODES) {
        for (const params of [undefined, { count: 1 }, { count: 2 }, { count: 5 }, { count: 12 }]) {
          const phrase = renderMissing([{ code, params }], language);
          const usable = phrase.trim().length > 0 && !/[{}]/.test(phrase);
          expect([language, code, usable]).toEqual([language, code, true]);
        }
      }
    }
  });

  it('should describe in Arabic for a language it does not know', () => {
    expect(renderMissing([{ code: 'withdrawn' }], 'tr')).toBe('تم سحب طلب العودة');
  });
});
