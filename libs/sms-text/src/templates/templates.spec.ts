import { describe, expect, it } from '@jest/globals';
import { formatDate, formatTime } from '../dates.js';
import { parseKeyword } from '../keywords.js';
import { LANGUAGES, type Language } from '../language.js';
import { renderMissing } from '../missing/render-missing.js';
import { renderTemplate, validateTemplate } from '../render-template.js';
import { analyse } from '../segments.js';
import { DEFAULT_TEMPLATES } from './index.js';
import { TEMPLATE_KEYS, TEMPLATE_VARIABLES } from './template-keys.js';

// Realistic values: a 15-character case number and place names as the service would pass them.
const PLACES: Record<Language, { destination: string; assemblyPoint: string }> = {
  ar: { destination: 'دير الزور', assemblyPoint: 'البوابة الرئيسية' },
  ckb: { destination: 'دێرەزوور', assemblyPoint: 'دەروازەی سەرەکی' },
  kmr: { destination: 'Dêrazor', assemblyPoint: 'deriyê sereke' },
  en: { destination: 'Deir ez-Zor', assemblyPoint: 'the main gate' },
};

function sampleVariables(language: Language): Record<string, string> {
  return {
    caseNumber: 'AWD-2025-004217',
    ...PLACES[language],
    date: formatDate('2025-06-12', language),
    time: formatTime('06:30', language),
    missing: renderMissing([{ code: 'consent_missing', params: { count: 2 } }], language),
    reason: renderMissing([{ code: 'area_closed' }], language),
  };
}

// The opt-out / opt-in word each language tells the family to send.
const ADVERTISED: Record<Language, { stop: string; start: string }> = {
  ar: { stop: 'توقف', start: 'ابدأ' },
  ckb: { stop: 'ڕاگرتن', start: 'دەستپێکردن' },
  kmr: { stop: 'RAWESTE', start: 'DESTPÊK' },
  en: { stop: 'STOP', start: 'START' },
};

describe('DEFAULT_TEMPLATES', () => {
  it.each(LANGUAGES)('should give every key a %s text using exactly its variables', (language) => {
    for (const key of TEMPLATE_KEYS) {
      const text = DEFAULT_TEMPLATES[language][key];
      expect([key, validateTemplate(text, TEMPLATE_VARIABLES[key]).problems]).toEqual([key, []]);
    }
  });

  it.each(LANGUAGES)('should render every %s message in at most two segments', (language) => {
    const variables = sampleVariables(language);
    for (const key of TEMPLATE_KEYS) {
      const { text } = renderTemplate(key, language, variables);
      expect([key, analyse(text).segments <= 2]).toEqual([key, true]);
    }
  });

  it('should keep short Arabic notices to a single segment', () => {
    const variables = sampleVariables('ar');
    for (const key of ['assessed_eligible', 'departed', 'arrived', 'opted_out', 'opted_in'] as const) {
      expect([key, analyse(renderTemplate(key, 'ar', variables).text).segments]).toEqual([key, 1]);
    }
  });

  it('should keep English in the GSM alphabet and in one segment', () => {
    const variables = sampleVariables('en');
    for (const key of TEMPLATE_KEYS) {
      const analysis = analyse(renderTemplate(key, 'en', variables).text);
      expect([key, analysis.encoding, analysis.segments]).toEqual([key, 'GSM-7', 1]);
    }
  });

  it.each(LANGUAGES)('should advertise %s keywords that the inbound parser understands', (language) => {
    const { stop, start } = ADVERTISED[language];
    expect(parseKeyword(stop)).toBe('stop');
    expect(parseKeyword(start)).toBe('start');
    expect(DEFAULT_TEMPLATES[language].registered).toContain(stop);
    expect(DEFAULT_TEMPLATES[language].opted_in).toContain(stop);
    expect(DEFAULT_TEMPLATES[language].opted_out).toContain(start);
  });

  it('should write Sorani with Kurdish letters, not Arabic ي ك ى', () => {
    for (const key of TEMPLATE_KEYS) {
      expect([key, /[\u064A\u0643\u0649]/.test(DEFAULT_TEMPLATES.ckb[key])]).toEqual([key, false]);
    }
  });

  it('should write Arabic without Persian or Kurdish letters ی ک ە ێ ڕ', () => {
    for (const key of TEMPLATE_KEYS) {
      expect([key, /[\u06CC\u06A9\u06D5\u06CE\u0695]/.test(DEFAULT_TEMPLATES.ar[key])]).toEqual([key, false]);
    }
  });

  it('should hold no phone numbers and no placeholders for names or phones', () => {
    const personal = /\d{5,}|\+\d|\{(name|phone|firstName|lastName)\}/;
    for (const language of LANGUAGES) {
      const offending = TEMPLATE_KEYS.filter((key) => personal.test(DEFAULT_TEMPLATES[language][key]));
      expect([language, offending]).toEqual([language, []]);
    }
  });
});
