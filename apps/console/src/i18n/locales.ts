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
  return `${supportedIntl(locale)}-u-nu-${digits === 'arabic' ? 'arab' : 'latn'}`;
}

const supported = new Map<Locale, string>();

/**
 * The language's Intl tag if this browser's Intl knows it, else its fallback's: a browser without
 * Kurmanji data ('ku') would otherwise format in its own default language (Arabic digits and "م"
 * on a Latin-script page); Kurmanji then writes dates and numbers like English (day first).
 */
function supportedIntl(locale: Locale): string {
  let tag = supported.get(locale);
  if (tag === undefined) {
    const candidates = [locale, ...LOCALE_INFO[locale].fallback].map((l) => LOCALE_INFO[l].intl);
    tag = candidates.find((c) => Intl.DateTimeFormat.supportedLocalesOf([c]).length > 0) ?? LOCALE_INFO[locale].intl;
    supported.set(locale, tag);
  }
  return tag;
}
