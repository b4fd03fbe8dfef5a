const MS_PER_YEAR = 365.2425 * 86_400_000;

/** Whole years from a YYYY-MM-DD date to `on` (today by default). */
export function yearsSince(date: string, on: Date = new Date()): number {
  const [y, m, d] = date.split('-').map(Number);
  const from = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  let years = on.getUTCFullYear() - from.getUTCFullYear();
  const beforeBirthday =
    on.getUTCMonth() < from.getUTCMonth() || (on.getUTCMonth() === from.getUTCMonth() && on.getUTCDate() < from.getUTCDate());
  if (beforeBirthday) years -= 1;
  return Math.max(0, years);
}

/** A member's age today: from the date of birth, else the estimate given plus the years since. */
export function ageOf(member: { dateOfBirth: string | null; estimatedAge: number | null; ageRecordedOn: string }): number {
  if (member.dateOfBirth !== null) return Math.min(120, yearsSince(member.dateOfBirth));
  const elapsed = Math.floor((Date.now() - Date.parse(`${member.ageRecordedOn}T00:00:00Z`)) / MS_PER_YEAR);
  return Math.min(120, (member.estimatedAge ?? 0) + Math.max(0, elapsed));
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
