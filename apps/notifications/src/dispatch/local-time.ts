// Wall-clock arithmetic in a named time zone (Asia/Damascus) with Luxon: no I/O, no hand-made DST rules.
import { DateTime } from 'luxon';

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The local date and minute of an instant in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return { date: local.toISODate() ?? '', minutes: local.hour * 60 + local.minute };
}

/** 'HH:MM' as minutes since midnight. */
export function parseClock(time: string): number {
  const match = /^(\d{2}):(\d{2})/.exec(time);
  if (!match) throw new RangeError(`Not a time HH:MM: '${time}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** YYYY-MM-DD plus `days`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? '';
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `minutes`. A time skipped by a DST
 * change moves forward by the gap; a time that happens twice is the first of the two (Luxon's rules).
 */
export function fromLocal(date: string, minutes: number, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toJSDate();
}
