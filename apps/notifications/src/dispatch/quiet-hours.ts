import { addDays, fromLocal, parseClock, toLocal } from './local-time.js';

export interface QuietHours {
  /** 'HH:MM' local: quiet from here… */
  start: string;
  /** …until here (may be the next day). Equal to start means no quiet hours. */
  end: string;
  timeZone: string;
}

/** Whether a local minute of the day falls in [start, end), across midnight when start > end. */
export function isQuietMinute(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** When a message due at `now` may go out: `now` itself, or the end of the quiet period it falls in. */
export function releaseTime(now: Date, quiet: QuietHours): Date {
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  const local = toLocal(now, quiet.timeZone);
  if (!isQuietMinute(local.minutes, start, end)) return now;
  // Before the end on the same day (e.g. 03:00 with end 08:00), else the end on the next day.
  const endDate = local.minutes < end ? local.date : addDays(local.date, 1);
  return fromLocal(endDate, end, quiet.timeZone);
}

/** The day-before reminder time, and the departure instant (the reminder's expiry), in the camp's zone. */
export function reminderSchedule(
  departureDate: string,
  departureTime: string,
  reminderTime: string,
  timeZone: string,
): { dueAt: Date; departureAt: Date } {
  return {
    dueAt: fromLocal(addDays(departureDate, -1), parseClock(reminderTime), timeZone),
    departureAt: fromLocal(departureDate, parseClock(departureTime), timeZone),
  };
}

/** `at` itself, or the last minute before the quiet period it falls in: a reminder moved earlier, never held past its deadline. */
export function beforeQuiet(at: Date, quiet: QuietHours): Date {
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  const local = toLocal(at, quiet.timeZone);
  if (!isQuietMinute(local.minutes, start, end)) return at;
  // The quiet period began today (evening part, or a same-day period), else yesterday evening.
  const startDate = local.minutes >= start ? local.date : addDays(local.date, -1);
  return new Date(fromLocal(startDate, start, quiet.timeZone).getTime() - 60_000);
}
