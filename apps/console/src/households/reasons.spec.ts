import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { i18n, loadPageStrings, switchLocale } from '../i18n/i18n';
import { arComplete as arPages } from '../i18n/locales/ar-complete';
import { en } from '../i18n/locales/en';
import { KNOWN_REASONS, reasonText } from './reasons';

/** Every reason code the eligibility rules can give: their list and each failing predicate's code. */
function reasonCodesOfTheRules(): string[] {
  const dir = join(process.cwd(), 'libs/eligibility-rules/src');
  const codes = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts'))) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const match of text.matchAll(/failed(?:WithCount)?\(\s*'([a-z_]+)'/g)) codes.add(match[1]!);
    const list = /export const REASON_CODES = \[([^\]]*)\]/.exec(text);
    if (list) for (const match of list[1]!.matchAll(/'([a-z_]+)'/g)) codes.add(match[1]!);
  }
  return [...codes].sort();
}

function hasSentence(dictionary: Record<string, string>, code: string): boolean {
  return code in dictionary || `${code}_other` in dictionary;
}

const context = { areaName: (code: string) => (code === 'SY0206' ? 'منبج' : code), number: String };

describe('the reasons the rules can give', () => {
  const codes = reasonCodesOfTheRules();

  it('should find the rules\' reason codes', () => {
    expect(codes).toEqual(expect.arrayContaining(['consent_missing', 'travel_mode_missing', 'guardian_consent_missing', 'area_not_served']));
  });

  it('should know every one of them', () => {
    expect(codes.filter((code) => !(KNOWN_REASONS as readonly string[]).includes(code))).toEqual([]);
  });

  it.each([['en', en.reasons], ['ar', arPages.reasons]])('should say every one of them in %s', (_language, dictionary) => {
    expect(codes.filter((code) => !hasSentence(dictionary as Record<string, string>, code))).toEqual([]);
  });
});

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
    expect(reasonText(t, { code: 'travel_mode_missing', params: { count: 2 } }, context, 'ar')).toBe(
      'الشهادتان الطبيتان لفردين اثنين لا تحددان طريقة سفرهما (حافلة، حافلة مع مرافق، سيارة إسعاف جلوساً، أو على نقالة)',
    );
    expect(reasonText(t, { code: 'guardian_consent_missing', params: {} }, context, 'ar')).toBe('لا يوجد بالغ في الأسرة: يلزم موافقة الوصي أو قرار المصلحة الفضلى');
  });

  it('should say it in English, and fall back to the service sentence for a code it does not know', async () => {
    await switchLocale('en');
    const t = i18n.getFixedT('en');
    expect(reasonText(t, { code: 'consent_missing', params: { count: 3 } }, context, 'en')).toBe('Consent missing for 3 adults');
    expect(reasonText(t, { code: 'new_rule', params: {}, message: { ar: 'سبب جديد', en: 'A new reason' } }, context, 'en')).toBe('A new reason');
    expect(reasonText(t, { code: 'travel_mode_missing', params: { count: 1 } }, context, 'en')).toBe(
      'The medical clearance of 1 member does not say how they can travel (bus, bus with a companion, seated in an ambulance or on a stretcher)',
    );
    expect(reasonText(t, { code: 'guardian_consent_missing', params: {} }, context, 'en')).toBe(
      'No one in the household is an adult: a guardian’s consent or a best-interests decision is needed',
    );
  });

  it('should give a Sorani reader the Sorani sentence, and the Arabic one (same script) where Sorani has none', async () => {
    await switchLocale('ckb');
    const t = i18n.getFixedT('ckb');
    expect(reasonText(t, { code: 'withdrawn', params: {} }, context, 'ckb')).toBe('ڕەزامەندی گەڕانەوە کشایەوە');
    // A string Sorani does not have (Sorani now writes every screen's strings, so one is added to
    // Arabic and English only): string by string, the Arabic one (same script), not the English one.
    i18n.addResource('ar', 'translation', 'fallbackProbe', 'نص عربي');
    i18n.addResource('en', 'translation', 'fallbackProbe', 'English text');
    expect((t as (key: string) => string)('fallbackProbe')).toBe('نص عربي');
  });
});
