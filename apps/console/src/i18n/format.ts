// Dates, numbers and phone numbers as people in the camp write them, through Intl with the user's
// language and digits. Pure functions: the same in the browser and in unit tests.
import { intlLocale, type Digits, type Locale } from './locales';

export interface FormatPrefs {
  locale: Locale;
  digits: Digits;
}

export function formatNumber(value: number, prefs: FormatPrefs, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(intlLocale(prefs.locale, prefs.digits), options).format(value);
}

/** A calendar date "YYYY-MM-DD" (a birth date, a decision date): no time zone may shift it. */
export function formatLocalDate(isoDate: string, prefs: FormatPrefs): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlLocale(prefs.locale, prefs.digits), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant (ISO 8601 with time) in the device's time zone: the camp office's clock. */
export function formatDateTime(iso: string, prefs: FormatPrefs, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(prefs.locale, prefs.digits), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

const ARABIC_INDIC = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];

/** Latin digits of a string written with the user's digits (a phone or case number stays as typed otherwise). */
export function withDigits(text: string, digits: Digits): string {
  return digits === 'arabic' ? text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)] ?? d) : text;
}

/** Digits typed in Arabic-Indic or Persian forms, made Latin for the API. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

/**
 * A phone number as written in Syria: the national form `0944 123 456` for +963 numbers, others
 * grouped after their country code. Always shown left to right (see <PhoneText>).
 */
export function formatPhone(e164: string, digits: Digits): string {
  const syrian = /^\+963(\d{3})(\d{3})(\d{3})$/.exec(e164);
  if (syrian) return withDigits(`0${syrian[1]} ${syrian[2]} ${syrian[3]}`, digits);
  const other = /^\+(\d{1,3})(\d+)$/.exec(e164);
  if (!other) return withDigits(e164, digits);
  const rest = (other[2] ?? '').replace(/(\d{3})(?=\d{3,})/g, '$1 ');
  return withDigits(`+${other[1]} ${rest}`, digits);
}

/**
 * A calendar date "YYYY-MM-DD" as typed in the console's date fields: day/month/year with the
 * user's digits ("٢٥/١٢/٢٠٢٦" or "25/12/2026"), the same order in every language, whatever the
 * browser's own date picker would show.
 */
export function dateInputText(isoDate: string, digits: Digits): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return match ? withDigits(`${match[3]}/${match[2]}/${match[1]}`, digits) : isoDate;
}

/**
 * What a person typed in a date field, as "YYYY-MM-DD": day/month/year with /, -, . or spaces, in
 * Latin, Arabic-Indic or Persian digits (a four-digit year first is read as year-month-day).
 * '' for nothing typed, null for something that is not a date of the calendar.
 */
export function parseDateInput(text: string): string | null {
  const plain = toLatinDigits(text).trim();
  if (plain === '') return '';
  const parts = plain.split(/\s*[/.\-\s\u060C]\s*/).filter((p) => p !== '');
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [a, b, c] = parts as [string, string, string];
  const [year, month, day] = a.length === 4 ? [a, b, c] : [c, b, a];
  if (year.length !== 4 || month.length > 2 || day.length > 2) return null;
  const y = Number(year), m = Number(month), d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
