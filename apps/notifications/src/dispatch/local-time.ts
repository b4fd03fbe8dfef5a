// Wall-clock arithmetic in a named time zone (Asia/Damascus), with Intl only: no I/O, no library.

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and minute of an instant in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/** 'HH:MM' as minutes since midnight. */
export function parseClock(time: string): number {
  const match = /^(\d{2}):(\d{2})/.exec(time);
  if (!match) throw new RangeError(`Not a time HH:MM: '${time}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** YYYY-MM-DD plus `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// Offset (local minus UTC, in ms) of `timeZone` at `instant`.
function offsetMs(instant: Date, timeZone: string): number {
  const local = toLocal(instant, timeZone);
  const asUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  return asUtc - Math.floor(instant.getTime() / 60_000) * 60_000;
}

/** The instant at which the wall clock in `timeZone` shows `date` `minutes` (first one, across DST). */
export function fromLocal(date: string, minutes: number, timeZone: string): Date {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let guess = naive - offsetMs(new Date(naive), timeZone);
  // A second pass settles guesses that crossed an offset change.
  guess = naive - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
