// The four languages a family can receive SMS in. Unknown codes resolve to Arabic, the camp's common language.
export const LANGUAGES = ['ar', 'ckb', 'kmr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const ARABIC_INDIC_ZERO = 0x0660;

/** Whether a value is one of the four supported language codes. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a stored language code ('AR', 'ckb-IQ', …) to a supported language, or 'ar' when unknown. */
export function resolveLanguage(code: string | null | undefined): Language {
  const primary = (code ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : 'ar';
}

// Arabic and Sorani readers learn Arabic-Indic digits at school (Syrian and Iraqi curricula, ID cards);
// the message is UCS-2 anyway once it holds one Arabic letter, so these digits cost nothing extra.
export function usesArabicIndicDigits(language: Language): boolean {
  return language === 'ar' || language === 'ckb';
}

export function localiseDigits(text: string, language: Language): string {
  if (!usesArabicIndicDigits(language)) return text;
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(ARABIC_INDIC_ZERO + Number(digit)));
}
