export { LOCALE_INFO, isLocale } from '../i18n/locales';
import { toLatinDigits } from '../i18n/format';

/** A price typed with Arabic-Indic digits or a decimal comma, as a number string. */
export function toLatinDigitsSafe(text: string): string {
  return toLatinDigits(text.trim()).replace('٫', '.').replace(',', '.');
}
