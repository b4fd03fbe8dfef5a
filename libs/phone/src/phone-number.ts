// Phone numbers as case workers type them and as SMS providers write them, read with
// libphonenumber-js's full ("max") metadata: the only metadata that tells a mobile number from a
// fixed line and knows each operator's prefixes. Every Awda service reads phones through here.
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  type CountryCode,
  type PhoneNumber as ParsedNumber,
} from 'libphonenumber-js/max';

/** A national number (0944 123 456) is read as a number of this country: the camps are in Syria. */
export const HOME_COUNTRY: CountryCode = 'SY';
/** Countries whose mobile numbers get SMS unless a service is configured otherwise. */
export const DEFAULT_SMS_COUNTRIES: readonly string[] = [HOME_COUNTRY];

export type PhoneProblem = 'EMPTY' | 'NOT_DIGITS' | 'NOT_A_NUMBER' | 'NOT_MOBILE' | 'COUNTRY_NOT_ALLOWED';

export interface PhoneNumber {
  /** +963944123456 */
  readonly e164: string;
  /** ISO 3166 code, e.g. SY; undefined for numbers of no one country. */
  readonly country: string | undefined;
  /** True for a mobile number (or one its country's numbering cannot tell from a fixed line). */
  readonly mobile: boolean;
}

export type PhoneReading =
  | { readonly ok: true; readonly phone: PhoneNumber }
  | { readonly ok: false; readonly problem: PhoneProblem; readonly message: string };

// Typed or pasted around a number in Arabic text: invisible, never part of it.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;
// What a typed number may hold besides digits; a letter or any other sign means it is not only a number
// (…456a, … (Ahmad), Tel: …, ext. 12).
const NUMBER_TEXT = /^\+?[\d(][\d \u00A0\-.()]*$/;
const LONGEST_INPUT = 32;
const ARABIC_INDIC_ZERO = 0x0660;
const EASTERN_ARABIC_INDIC_ZERO = 0x06f0;
const MOBILE_TYPES: ReadonlySet<string> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code - (code >= EASTERN_ARABIC_INDIC_ZERO ? EASTERN_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO));
  });
}

/** The input without invisible marks, with ASCII digits, trimmed. */
function clean(input: string): string {
  return asciiDigits(input.replace(INVISIBLE, '')).trim();
}

function parse(text: string): ParsedNumber | undefined {
  try {
    // extract: false, or the parser would find a number inside any text around it.
    return parsePhoneNumberWithError(text, { defaultCountry: HOME_COUNTRY, extract: false });
  } catch {
    return undefined;
  }
}

function countryName(country: string): string {
  return regionNames.of(country) ?? country;
}

function callingCodes(countries: readonly string[]): string {
  return countries
    .filter((c) => isSupportedCountry(c))
    .map((c) => `+${getCountryCallingCode(c)}`)
    .join(', ');
}

/**
 * What an SMS phone number must be, in a case worker's words, for the countries allowed:
 * "a Syrian mobile number such as 0944 123 456, or a mobile number of Türkiye or Iraq written with its
 * country code (+90, +964)".
 */
export function smsPhoneRule(countries: readonly string[] = DEFAULT_SMS_COUNTRIES): string {
  const others = countries.filter((c) => c !== HOME_COUNTRY);
  const home = countries.includes(HOME_COUNTRY) ? 'a Syrian mobile number such as 0944 123 456' : '';
  if (others.length === 0) return home;
  const names = others.map(countryName);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const foreign = `a mobile number of ${list} written with its country code (${callingCodes(others)})`;
  return home ? `${home}, or ${foreign}` : foreign;
}

function refuse(problem: PhoneProblem, countries: readonly string[], country?: string): PhoneReading {
  const rule = smsPhoneRule(countries);
  const messages: Record<PhoneProblem, string> = {
    EMPTY: `is empty: give ${rule}`,
    NOT_DIGITS: `may hold only digits, spaces, - and ( ) after an optional +, without letters or words: give ${rule}`,
    NOT_A_NUMBER: `is not a phone number that exists (a digit too many or too few, or an unknown prefix): give ${rule}`,
    NOT_MOBILE: `is a fixed-line number, which cannot receive SMS: give ${rule}`,
    COUNTRY_NOT_ALLOWED: `is a mobile number of ${country === undefined ? 'no single country' : countryName(country)}, and SMS are sent only to ${rule} (an administrator can allow more countries)`,
  };
  return { ok: false, problem, message: messages[problem] };
}

/**
 * Any phone number that exists (mobile or fixed line), written nationally (Syrian) or with its country
 * code, and nothing else: no letters, words or extensions. For finding a number already on record.
 */
export function readPhone(input: string, countries: readonly string[] = DEFAULT_SMS_COUNTRIES): PhoneReading {
  const text = clean(input);
  if (text === '') return refuse('EMPTY', countries);
  if (text.length > LONGEST_INPUT || !NUMBER_TEXT.test(text)) return refuse('NOT_DIGITS', countries);
  const parsed = parse(text);
  if (parsed === undefined || !parsed.isValid()) return refuse('NOT_A_NUMBER', countries);
  const type = parsed.getType();
  return { ok: true, phone: { e164: parsed.number, country: parsed.country, mobile: type !== undefined && MOBILE_TYPES.has(type) } };
}

/** A mobile number of any country (readPhone, then the type): what an SMS can reach at all. */
export function readMobilePhone(input: string, countries: readonly string[] = DEFAULT_SMS_COUNTRIES): PhoneReading {
  const reading = readPhone(input, countries);
  if (reading.ok && !reading.phone.mobile) return refuse('NOT_MOBILE', countries);
  return reading;
}

/**
 * A number Awda may send SMS to: a mobile number of one of the allowed countries (ISO codes, e.g.
 * ['SY', 'TR', 'IQ'] for families holding Turkish or Iraqi SIM cards). The refusal says why, in a
 * sentence a case worker understands, to be put after the field's name.
 */
export function readSmsPhone(input: string, countries: readonly string[] = DEFAULT_SMS_COUNTRIES): PhoneReading {
  const reading = readMobilePhone(input, countries);
  if (reading.ok && (reading.phone.country === undefined || !countries.includes(reading.phone.country))) {
    return refuse('COUNTRY_NOT_ALLOWED', countries, reading.phone.country);
  }
  return reading;
}

/**
 * The E.164 number of an SMS sender as a provider writes it (+963944123456, 963944123456, 00963…,
 * 0944123456), or undefined for a sender id that is not a phone number (a short code, a name).
 */
export function readSenderPhone(from: string): string | undefined {
  const reading = readPhone(from);
  if (reading.ok) return reading.phone.e164;
  // SMPP gives international numbers without their +: 905321234567 is not a Syrian number, +90… is.
  const text = clean(from);
  if (!/^[1-9]\d{6,14}$/.test(text)) return undefined;
  const international = readPhone(`+${text}`);
  return international.ok ? international.phone.e164 : undefined;
}

/** A comma list of country codes from configuration ("SY, tr,IQ" → ['SY', 'TR', 'IQ']). */
export function parseCountryList(text: string): string[] {
  return [...new Set(text.split(',').map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))];
}

/** True when every code is a country whose numbers the metadata knows. */
export function areSupportedCountries(countries: readonly string[]): boolean {
  return countries.length > 0 && countries.every((c) => isSupportedCountry(c));
}
