// A field's 400 message in the user's language. The services answer each field's problems with
// class-validator's English sentences ("caseNumber must be shorter than or equal to 40 characters")
// or their DTOs' own ("$property must be written in Arabic letters"); the wire carries no constraint
// name, so the sentence is recognised by its template (after the property's name) and said again
// from care2.fieldErrors, next to the field it concerns. An unknown sentence is shown as it came.
import type { TFunction } from 'i18next';
import { translateOr } from './dynamic';

export type FieldProblem =
  | 'required' | 'notAllowed' | 'text' | 'integer' | 'number' | 'boolean' | 'oneOf' | 'min' | 'max'
  | 'between' | 'minLength' | 'maxLength' | 'format' | 'reference' | 'date' | 'minItems' | 'maxItems'
  | 'list' | 'future' | 'tooEarly' | 'time' | 'arabicLetters' | 'campId' | 'caseNumber' | 'areaCode' | 'lettersDigits' | 'noNul';

export interface Recognised {
  problem: FieldProblem;
  values: Record<string, number>;
}

const n = (text: string | undefined) => Number(text);
type Rule = [RegExp, FieldProblem, (m: RegExpExecArray) => Record<string, number>];
const none = () => ({});

// Matched against the sentence without its leading property name (and "each value in").
const RULES: Rule[] = [
  [/^should not be empty$|^must not be empty$|^should not be null or undefined$|^is required\b/, 'required', none],
  [/^should not exist$/, 'notAllowed', none],
  [/^must be a string$/, 'text', none],
  [/^must be an integer number$/, 'integer', none],
  [/^must be (?:an integer|a whole number(?: of \w+)?) between (-?\d+) and (-?\d+)\b/, 'between', (m) => ({ min: n(m[1]), max: n(m[2]) })],
  [/^must be between (-?\d+) and (-?\d+)$/, 'between', (m) => ({ min: n(m[1]), max: n(m[2]) })],
  [/^must be a number conforming to the specified constraints$|^must be a number$/, 'number', none],
  [/^must be a boolean value$|^must be true or false$/, 'boolean', none],
  [/^must be one of\b/, 'oneOf', none],
  [/^must not be less than (-?[\d.]+)$/, 'min', (m) => ({ min: n(m[1]) })],
  [/^must not be greater than (-?[\d.]+)$/, 'max', (m) => ({ max: n(m[1]) })],
  [/^must be longer than or equal to (\d+) characters$|^must be at least (\d+) characters$/, 'minLength', (m) => ({ n: n(m[1] ?? m[2]) })],
  [/^must be shorter than or equal to (\d+) characters$/, 'maxLength', (m) => ({ n: n(m[1]) })],
  [/^must be written in Arabic letters$/, 'arabicLetters', none],
  [/^must be a camp id\b/, 'campId', none],
  [/^must be 1–40 letters, digits, \/ _ or -$/, 'caseNumber', none],
  [/^must be an area code\b/, 'areaCode', none],
  [/^may hold letters, digits, spaces, \/ and -$/, 'lettersDigits', none],
  [/^must not contain a NUL character\b/, 'noNul', none],
  [/^must match .* regular expression$/, 'format', none],
  [/^must be a UUID$/, 'reference', none],
  [/^must be a valid ISO 8601 date string$|^must be an ISO 8601 date\b|^must be a Date instance$|^must be a date: use YYYY-MM-DD$|^is not a real calendar date\b/, 'date', none],
  [/^cannot be in the future\b/, 'future', none],
  [/^cannot be before \d{4}-\d{2}-\d{2}$/, 'tooEarly', none],
  [/^must be a time of day\b/, 'time', none],
  [/^must contain at least (\d+) elements?$/, 'minItems', (m) => ({ n: n(m[1]) })],
  [/^must contain no more than (\d+) elements?$|^must contain not more than (\d+) elements?$/, 'maxItems', (m) => ({ n: n(m[1] ?? m[2]) })],
  [/^must be an array$/, 'list', none],
];

/** The problem a service's sentence states about `field` (its path, e.g. members.1.fullNameAr), if known. */
export function recogniseFieldMessage(field: string, message: string): Recognised | null {
  const property = field.split('.').pop() ?? field;
  let rest = message.trim();
  // "property x should not exist" (an unknown field) names the property after the word.
  if (/^property \S+ should not exist$/.test(rest)) return { problem: 'notAllowed', values: {} };
  rest = rest.replace(/^each value in /, '').replace(/^each of /, '');
  for (const prefix of [field, property]) {
    if (prefix && rest.startsWith(`${prefix} `)) {
      rest = rest.slice(prefix.length + 1);
      break;
    }
  }
  for (const [pattern, problem, values] of RULES) {
    const match = pattern.exec(rest);
    if (match) return { problem, values: values(match) };
  }
  return null;
}

/** The sentence shown next to the field: translated when recognised, else the service's own. */
export function fieldMessageText(t: TFunction, field: string, message: string, number: (value: number) => string = String): string {
  const recognised = recogniseFieldMessage(field, message);
  if (!recognised) return message;
  const values = Object.fromEntries(Object.entries(recognised.values).map(([k, v]) => [k, number(v)]));
  return translateOr(t, `care2.fieldErrors.${recognised.problem}`, message, values);
}
