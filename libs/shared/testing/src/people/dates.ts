// Calendar arithmetic on YYYY-MM-DD strings, in UTC so time zones never move a birthday.

const MS_PER_DAY = 86_400_000;

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole years between a date of birth and a later day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(day);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A date of birth that makes someone exactly `age` on `day`, whose last birthday was `daysSinceBirthday` (0–364) days before. */
export function birthDateForAge(day: string, age: number, daysSinceBirthday: number): string {
  const [y, m, d] = parts(day);
  return format(Date.UTC(y - age, m - 1, d) - daysSinceBirthday * MS_PER_DAY);
}

/** The same day and month `years` later (or earlier); 29 February becomes 28 February. */
export function shiftYears(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const day = m === 2 && d === 29 ? 28 : d;
  return format(Date.UTC(y + years, m - 1, day));
}
