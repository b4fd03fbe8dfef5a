import { beforeAll, describe, expect, it } from '@jest/globals';
import { i18n, loadPageStrings, switchLocale } from '../i18n/i18n';
import { reasonText } from './reasons';

const context = { areaName: (code: string) => (code === 'SY0206' ? 'منبج' : code), number: String };

describe('reasonText', () => {
  beforeAll(async () => {
    await loadPageStrings();
  });

  it('should say a pending reason in Arabic with the right plural form (not the bare code)', async () => {
    await switchLocale('ar');
    const t = i18n.getFixedT('ar');
    expect(reasonText(t, { code: 'consent_missing', params: { count: 2 } }, context, 'ar')).toBe('الموافقة ناقصة لبالغين اثنين');
    expect(reasonText(t, { code: 'consent_missing', params: { count: 1 } }, context, 'ar')).toBe('الموافقة ناقصة لبالغ واحد');
    expect(reasonText(t, { code: 'area_closed', params: { area: 'SY0206' } }, context, 'ar')).toBe('منطقة الوجهة منبج مغلقة أمام العودة');
    // The timeline stores only the code: without the console's sentence the bare code was shown.
    expect(reasonText(t, { code: 'area_not_served', params: { area: 'SY0206' } }, context, 'ar')).toBe('لا يوجد بعد طريق قوافل إلى منبج: تنتظر الأسرة حتى يُفتح طريق');
  });

  it('should say it in English, and fall back to the service sentence for a code it does not know', async () => {
    await switchLocale('en');
    const t = i18n.getFixedT('en');
    expect(reasonText(t, { code: 'consent_missing', params: { count: 3 } }, context, 'en')).toBe('Consent missing for 3 adults');
    expect(reasonText(t, { code: 'new_rule', params: {}, message: { ar: 'سبب جديد', en: 'A new reason' } }, context, 'en')).toBe('A new reason');
  });

  it('should give a Sorani reader the Arabic sentence (same script) where Sorani has none', async () => {
    await switchLocale('ckb');
    const t = i18n.getFixedT('ckb');
    expect(reasonText(t, { code: 'withdrawn', params: {} }, context, 'ckb')).toBe('سُحبت الموافقة على العودة');
  });
});
