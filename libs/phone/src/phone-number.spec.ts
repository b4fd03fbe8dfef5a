import { describe, expect, it } from '@jest/globals';
import {
  areSupportedCountries,
  parseCountryList,
  readMobilePhone,
  readPhone,
  readSenderPhone,
  readSmsPhone,
  smsPhoneRule,
  type PhoneProblem,
} from './phone-number.js';

// Generated subscriber digits (a fixed linear congruential sequence), never real people's numbers.
let state = 20251;
function digits(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += String(Math.floor(state / 65536) % 10);
  }
  return out;
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const toArabicIndic = (text: string) => text.replace(/\d/g, (d) => ARABIC_INDIC.charAt(Number(d)));

// Syriatel 93, 98, 99 and MTN 94, 95, 96 (and the newer 90 and 50 ranges the full metadata lists).
const SYRIAN_MOBILES = ['93', '94', '95', '96', '98', '99', '90', '50'].map((prefix) => {
  const rest = digits(7);
  return { e164: `+963${prefix}${rest}`, national: `0${prefix}${rest.slice(0, 1)} ${rest.slice(1, 4)} ${rest.slice(4)}` };
});

// Each typed form of a Syrian mobile a case worker may use, and what it must be read as.
const WRITTEN_FORMS: readonly ((n: { e164: string; national: string }) => string)[] = [
  (n) => n.national,
  (n) => n.national.replace(/ /g, ''),
  (n) => n.national.replace(/ /g, '-'),
  (n) => `(${n.national.slice(0, 4)}) ${n.national.slice(5)}`,
  (n) => n.e164,
  (n) => `+963 ${n.national.slice(1)}`,
  (n) => `00${n.e164.slice(1)}`,
  (n) => toArabicIndic(n.national),
  (n) => `\u200F${n.national}\u200E`,
  (n) => ` ${n.national}\u00A0`,
];

// Fixed lines: Damascus 011, Aleppo 021, Raqqa 022, Deir ez-Zor 051, Hasakah and Qamishli 052.
const SYRIAN_FIXED_LINES = [`011 ${digits(3)} ${digits(4)}`, `021 ${digits(3)} ${digits(4)}`, `022 ${digits(6)}`, `051 ${digits(6)}`, `+963 52 ${digits(6)}`];

// Mobiles of neighbouring countries whose SIM cards families hold.
const FOREIGN_MOBILES: readonly (readonly [string, string])[] = [
  ['TR', `+90 53${digits(1)} ${digits(3)} ${digits(2)} ${digits(2)}`],
  ['IQ', `+964 75${digits(1)} ${digits(3)} ${digits(4)}`],
  ['IQ', `00964 77${digits(1)} ${digits(3)} ${digits(4)}`],
  ['LB', `+961 3 ${digits(3)} ${digits(3)}`],
  ['JO', `+962 79 ${digits(3)} ${digits(4)}`],
];

const mobile = SYRIAN_MOBILES[1]?.national ?? '';

// Found by an adversarial test: text after (or before) a number that the old reading ignored.
const NOT_ONLY_DIGITS: readonly string[] = [
  `${mobile.replace(/ /g, '')}a`,
  `${mobile} (Ahmad)`,
  `${mobile} أبو محمد`,
  `Tel: ${mobile}`,
  `Tel: ${mobile} after 5`,
  `${mobile} ext. 12`,
  `${SYRIAN_MOBILES[0]?.e164 ?? ''};ext=2`,
  `tel:${SYRIAN_MOBILES[0]?.e164 ?? ''}`,
  `${mobile} / ${SYRIAN_MOBILES[2]?.national ?? ''}`,
  'not a phone',
  '+',
];

const NOT_NUMBERS: readonly string[] = [
  '12',
  `094 ${digits(5)}`, // a digit short
  `0944 ${digits(7)}`, // a digit too many
  `092 ${digits(7)}`, // 092, 097 and 091 are not mobile ranges in the full metadata (the smaller one took them)
  `097 ${digits(7)}`,
  `091 ${digits(7)}`,
  `0532 ${digits(3)} ${digits(4)}`, // a Turkish mobile without its country code reads as Syrian
];

describe(readSmsPhone.name, () => {
  it('should read every written form of a Syrian mobile as the same E.164 number', () => {
    for (const number of SYRIAN_MOBILES) {
      for (const form of WRITTEN_FORMS) {
        const written = form(number);
        const reading = readSmsPhone(written);
        expect([written, reading.ok && reading.phone.e164]).toEqual([written, number.e164]);
      }
    }
  });

  it('should refuse a number with letters or words before or after it, and say why', () => {
    for (const input of NOT_ONLY_DIGITS) {
      const reading = readSmsPhone(input);
      expect([input, reading.ok ? 'accepted' : reading.problem]).toEqual([input, 'NOT_DIGITS']);
      if (!reading.ok) expect(reading.message).toContain('without letters or words');
    }
  });

  it('should refuse a number that does not exist, naming the expected form', () => {
    for (const input of NOT_NUMBERS) {
      const reading = readSmsPhone(input);
      expect([input, reading.ok ? 'accepted' : reading.problem]).toEqual([input, 'NOT_A_NUMBER']);
      if (!reading.ok) expect(reading.message).toContain('a Syrian mobile number such as 0944 123 456');
    }
    expect(readSmsPhone('  ').ok ? 'accepted' : 'refused').toBe('refused');
  });

  it('should refuse a fixed-line number for SMS, with a reason a case worker understands', () => {
    for (const input of SYRIAN_FIXED_LINES) {
      const reading = readSmsPhone(input);
      expect([input, reading.ok ? 'accepted' : reading.problem]).toEqual([input, 'NOT_MOBILE']);
      if (!reading.ok) {
        expect(reading.message).toBe('is a fixed-line number, which cannot receive SMS: give a Syrian mobile number such as 0944 123 456');
      }
    }
  });

  it('should refuse foreign mobiles by default and accept those of the countries allowed', () => {
    for (const [country, input] of FOREIGN_MOBILES) {
      const refused = readSmsPhone(input);
      expect([input, refused.ok ? 'accepted' : refused.problem]).toEqual([input, 'COUNTRY_NOT_ALLOWED']);
      const allowed = readSmsPhone(input, ['SY', 'TR', 'IQ', 'LB', 'JO']);
      expect([input, allowed.ok && allowed.phone.country]).toEqual([input, country]);
      expect(readSmsPhone(input, [country]).ok).toBe(true);
    }
    const turkish = readSmsPhone(FOREIGN_MOBILES[0]?.[1] ?? '');
    expect(turkish.ok ? '' : turkish.message).toBe(
      'is a mobile number of Türkiye, and SMS are sent only to a Syrian mobile number such as 0944 123 456 (an administrator can allow more countries)',
    );
  });

  it('should refuse a Syrian mobile when Syria is not among the countries allowed', () => {
    const reading = readSmsPhone(mobile, ['TR']);
    expect(reading.ok ? 'accepted' : reading.problem).toBe('COUNTRY_NOT_ALLOWED' satisfies PhoneProblem);
  });
});

describe(readMobilePhone.name, () => {
  it('should accept a mobile of any country and refuse a fixed line', () => {
    for (const [, input] of FOREIGN_MOBILES) expect(readMobilePhone(input).ok).toBe(true);
    for (const input of SYRIAN_FIXED_LINES) expect(readMobilePhone(input).ok).toBe(false);
  });
});

describe(readPhone.name, () => {
  it('should read a fixed line as a number that exists, not a mobile (for finding one on record)', () => {
    for (const input of SYRIAN_FIXED_LINES) {
      const reading = readPhone(input);
      expect([input, reading.ok && reading.phone.mobile]).toEqual([input, false]);
    }
  });
});

describe(readSenderPhone.name, () => {
  it('should read a sender as providers write it, with or without + or 00', () => {
    const syrian = SYRIAN_MOBILES[3]?.e164 ?? '';
    expect(readSenderPhone(syrian)).toBe(syrian);
    expect(readSenderPhone(syrian.slice(1))).toBe(syrian);
    expect(readSenderPhone(`00${syrian.slice(1)}`)).toBe(syrian);
    const turkish = readSmsPhone(FOREIGN_MOBILES[0]?.[1] ?? '', ['TR']);
    const e164 = turkish.ok ? turkish.phone.e164 : '';
    expect(readSenderPhone(e164.slice(1))).toBe(e164);
  });

  it('should give nothing for a sender id that is not a phone number', () => {
    expect(readSenderPhone('AWDA')).toBeUndefined();
    expect(readSenderPhone('1234')).toBeUndefined();
    expect(readSenderPhone(`${mobile} x`)).toBeUndefined();
  });
});

describe(smsPhoneRule.name, () => {
  it('should name the allowed countries with their calling codes', () => {
    expect(smsPhoneRule(['SY'])).toBe('a Syrian mobile number such as 0944 123 456');
    expect(smsPhoneRule(['SY', 'TR', 'IQ'])).toBe(
      'a Syrian mobile number such as 0944 123 456, or a mobile number of Türkiye or Iraq written with its country code (+90, +964)',
    );
    expect(smsPhoneRule(['IQ'])).toBe('a mobile number of Iraq written with its country code (+964)');
  });
});

describe(parseCountryList.name, () => {
  it('should read a configured list and check its codes', () => {
    expect(parseCountryList(' sy, TR,IQ,tr ')).toEqual(['SY', 'TR', 'IQ']);
    expect(areSupportedCountries(parseCountryList('SY,TR'))).toBe(true);
    expect(areSupportedCountries(parseCountryList('SY,XX'))).toBe(false);
    expect(areSupportedCountries([])).toBe(false);
  });
});
