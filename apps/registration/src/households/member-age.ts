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

export type AgeFacts = { dateOfBirth: string | null; estimatedAge: number | null; ageRecordedOn: string };

/** A member's age today: from the date of birth, else the estimate given plus the years since. */
export function ageOf(member: AgeFacts): number {
  return ageOn(member, new Date());
}

/** A member's age on a given day (see ageOf). */
export function ageOn(member: AgeFacts, on: Date): number {
  if (member.dateOfBirth !== null) return Math.min(120, yearsSince(member.dateOfBirth, on));
  const elapsed = Math.floor((on.getTime() - Date.parse(`${member.ageRecordedOn}T00:00:00Z`)) / MS_PER_YEAR);
  return Math.min(120, (member.estimatedAge ?? 0) + Math.max(0, elapsed));
}

/**
 * How the members' ages moved between `since` (when the household's last snapshot was sent) and `now`:
 * `changed` members whose age in whole years differs, of whom `cameOfAge` reached adultAge.
 */
export function agesSince(members: readonly AgeFacts[], since: Date, now: Date, adultAge: number): { changed: number; cameOfAge: number } {
  let changed = 0;
  let cameOfAge = 0;
  for (const member of members) {
    const before = ageOn(member, since);
    const after = ageOn(member, now);
    if (before === after) continue;
    changed += 1;
    if (before < adultAge && after >= adultAge) cameOfAge += 1;
  }
  return { changed, cameOfAge };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
