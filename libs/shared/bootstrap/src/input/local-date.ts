import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from './input-rules.js';

/** The camps' time zone: "today" for a date typed by a case worker is today there, not in UTC. */
export const CAMP_TIME_ZONE = 'Asia/Damascus';

/** 'today' (in the time zone), a fixed YYYY-MM-DD, or a number of days or years from today. */
export type DateBound = 'today' | string | { daysFromToday: number } | { yearsFromToday: number };

export interface LocalDateOptions {
  notBefore?: DateBound;
  notAfter?: DateBound;
  /** Whose "today"; the camps' by default. */
  timeZone?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

// One formatter per time zone: making an Intl.DateTimeFormat costs far more than formatting with it
// (every date field of every imported row is checked against today: ~9 s of a 30,000-row import's CPU).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string = CAMP_TIME_ZONE, now: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    // Throws RangeError for an unknown zone, as before, and caches nothing then.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

function shift(date: string, days: number, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y + years, m - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

/** The date a bound stands for today. */
export function resolveBound(bound: DateBound, timeZone: string = CAMP_TIME_ZONE): string {
  if (typeof bound === 'string') return bound === 'today' ? todayIn(timeZone) : bound;
  const today = todayIn(timeZone);
  return 'daysFromToday' in bound ? shift(today, bound.daysFromToday, 0) : shift(today, 0, bound.yearsFromToday);
}

function describeBound(bound: DateBound): string {
  if (bound === 'today') return 'today';
  if (typeof bound === 'string') return bound;
  if ('daysFromToday' in bound) return `${Math.abs(bound.daysFromToday)} days ${bound.daysFromToday < 0 ? 'ago' : 'from today'}`;
  return `${Math.abs(bound.yearsFromToday)} years ${bound.yearsFromToday < 0 ? 'ago' : 'from today'}`;
}

/** Why a value is not an acceptable local date, or undefined when it is. */
export function localDateProblem(value: unknown, options: LocalDateOptions = {}): string | undefined {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (match === null) return 'must be a date: use YYYY-MM-DD';
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return 'is not a real calendar date (use YYYY-MM-DD)';
  const date = value as string;
  const zone = options.timeZone ?? CAMP_TIME_ZONE;
  if (options.notBefore !== undefined && date < resolveBound(options.notBefore, zone)) {
    return `cannot be before ${describeBound(options.notBefore)}${typeof options.notBefore === 'string' && options.notBefore !== 'today' ? '' : ` (${resolveBound(options.notBefore, zone)})`}`;
  }
  if (options.notAfter !== undefined && date > resolveBound(options.notAfter, zone)) {
    return options.notAfter === 'today'
      ? `cannot be in the future (today is ${resolveBound('today', zone)} in ${zone})`
      : `cannot be after ${describeBound(options.notAfter)}${typeof options.notAfter === 'string' ? '' : ` (${resolveBound(options.notAfter, zone)})`}`;
  }
  return undefined;
}

/**
 * A calendar date written YYYY-MM-DD, optionally within bounds ('today' in the camps' time zone, a
 * fixed date, or days/years from today). Each failure says what to do: "use YYYY-MM-DD", "cannot be in
 * the future", never a regular expression. With `{ each: true }` it checks every date of an array.
 */
export function IsLocalDate(options: LocalDateOptions = {}, validation: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: validation,
      validator: {
        validate: (value: unknown) => localDateProblem(value, options) === undefined,
        defaultMessage: (args?: ValidationArguments) => {
          const property = args?.property ?? 'date';
          if (Array.isArray(args?.value)) {
            const problem = args.value.map((v: unknown) => localDateProblem(v, options)).find((p) => p !== undefined);
            return `each value in ${property} ${problem ?? 'must be a date: use YYYY-MM-DD'}`;
          }
          return `${property} ${localDateProblem(args?.value, options) ?? 'is not valid'}`;
        },
      },
    });
}

/** A time of day written HH:MM (24-hour clock); the message says so. */
export function IsLocalTime(validation: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isLocalTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: validation,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && TIME.test(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'time'} must be a time of day: use HH:MM (24-hour, e.g. 07:30)`,
      },
    });
}
