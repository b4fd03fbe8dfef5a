import { CAMP_ID_PATTERN } from '@awda/contracts';
import type { FieldError } from '../http-errors.js';

/** Deepest nesting of a request body; deeper is refused before anything walks it recursively. */
export const MAX_INPUT_DEPTH = 64;
/** PostgreSQL integer (int4): every whole number the services store or compare fits in it. */
export const INPUT_INTEGER_MIN = -2_147_483_648;
export const INPUT_INTEGER_MAX = 2_147_483_647;
// A refusal names at most this many fields: a body with a million bad strings costs no more to answer.
const MAX_REPORTED = 20;

const DATE_SHAPED = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** True when y-m-d is a day of the Gregorian calendar (2025-02-30 is not). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (days[month - 1] ?? 0);
}

/** What is wrong with one raw string of a request, whatever field it is in (nothing: empty list). */
export function stringProblems(text: string): string[] {
  const problems: string[] = [];
  // PostgreSQL cannot store U+0000 in text or jsonb: it would fail as a 500 deep inside a transaction.
  if (text.includes('\u0000')) problems.push('must not contain a NUL character (\\u0000)');
  const date = DATE_SHAPED.exec(text);
  if (date && !isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    problems.push('is not a real calendar date (use YYYY-MM-DD)');
  }
  return problems;
}

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * Problems of a raw request body or query, by field path (`members.0.fullNameAr`): NUL characters,
 * impossible calendar dates, nesting deeper than MAX_INPUT_DEPTH. Walks with an explicit stack, so a
 * body nested thousands of levels deep is refused instead of overflowing the call stack.
 */
export function rawInputProblems(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const item = stack.pop();
    if (item === undefined) break;
    if (typeof item.value === 'string') {
      const messages = stringProblems(item.value).map((m) => `${item.path || 'value'} ${m}`);
      if (messages.length > 0) errors.push({ field: item.path || 'value', messages });
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: item.path || 'body', messages: [`${item.path || 'body'} is nested more than ${MAX_INPUT_DEPTH} levels deep`] });
      continue;
    }
    for (const [key, inner] of Object.entries(item.value)) {
      const path = join(item.path, key);
      if (key.includes('\u0000')) {
        errors.push({ field: path.replaceAll('\u0000', '\\u0000'), messages: ['field names must not contain a NUL character'] });
        continue;
      }
      stack.push({ value: inner, path, depth: item.depth + 1 });
    }
  }
  return errors.reverse();
}

/** Problems of a value after validation: numbers beyond what the database columns hold. */
export function numberProblems(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const item = stack.pop();
    if (item === undefined) break;
    if (typeof item.value === 'number') {
      if (item.value < INPUT_INTEGER_MIN || item.value > INPUT_INTEGER_MAX) {
        const field = item.path || 'value';
        errors.push({ field, messages: [`${field} must be between ${INPUT_INTEGER_MIN} and ${INPUT_INTEGER_MAX}`] });
      }
      continue;
    }
    if (item.value === null || typeof item.value !== 'object' || item.depth >= MAX_INPUT_DEPTH) continue;
    for (const [key, inner] of Object.entries(item.value)) stack.push({ value: inner, path: join(item.path, key), depth: item.depth + 1 });
  }
  return errors.reverse();
}

/** A camp id anywhere a request names one (path, query or body) must look like one: nothing else reaches an audit row. */
export function campIdProblems(field: string, value: unknown): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === 'string' && CAMP_ID_PATTERN.test(value)) return [];
  return [{ field, messages: [`${field} must be a camp id such as mahmoudli (2–40 lowercase letters, digits, _ or -)`] }];
}

/** One entry per field, its messages together (a value can break two rules at once). */
export function mergeByField(errors: FieldError[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const { field, messages } of errors) byField.set(field, [...(byField.get(field) ?? []), ...messages]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/**
 * Text safe to store in an audit row whatever a request carried: control characters (NUL included)
 * and bidi overrides replaced by U+FFFD, cut to `max` characters. An audit write must not fail, or
 * grow without bound, because the attempt it records was malformed.
 */
export function auditText(value: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
