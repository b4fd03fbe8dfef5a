// The console's languages. Direction comes from the script, never from "Kurdish": Sorani is
// written in Arabic script (right to left), Kurmanji in Latin script (left to right).
export const LOCALES = ['ar', 'en', 'ckb', 'kmr'] as const;
export type Locale = (typeof LOCALES)[number];
export type Direction = 'rtl' | 'ltr';
export type Digits = 'latin' | 'arabic';

export interface LocaleInfo {
  dir: Direction;
  /** BCP 47 tag given to Intl (dates, numbers). */
  intl: string;
  /** The language's name in itself, for the language menu. */
  nativeName: string;
  /**
   * Where a string missing in this language is taken from, string by string: first a language in
   * the same script and direction, so a fallback string reads naturally in the layout around it.
   */
  fallback: Locale[];
}

export const LOCALE_INFO: Readonly<Record<Locale, LocaleInfo>> = {
  ar: { dir: 'rtl', intl: 'ar-SY', nativeName: 'العربية', fallback: ['en'] },
  en: { dir: 'ltr', intl: 'en-GB', nativeName: 'English', fallback: ['ar'] },
  ckb: { dir: 'rtl', intl: 'ckb-IQ', nativeName: 'کوردی (سۆرانی)', fallback: ['ar', 'en'] },
  kmr: { dir: 'ltr', intl: 'ku', nativeName: 'Kurdî (Kurmancî)', fallback: ['en', 'ar'] },
};

export const DEFAULT_LOCALE: Locale = 'ar';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): Direction {
  return LOCALE_INFO[locale].dir;
}

/** The Intl locale with the numbering system the user chose (Arabic-Indic digits are optional). */
export function intlLocale(locale: Locale, digits: Digits): string {
  return `${LOCALE_INFO[locale].intl}-u-nu-${digits === 'arabic' ? 'arab' : 'latn'}`;
}
