import { blockingKeys, nameTokens } from '@awda/names';

/** Document numbers are compared without spaces, dashes or case. */
export function normaliseDocumentNumber(number: string): string {
  return number.replace(/[\s/-]+/g, '').toUpperCase();
}

/** Word skeletons of a name, for search: every word of the query must be among a member's. */
export function nameSearchTokens(...names: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const name of names) if (name) for (const t of nameTokens(name)) if (t.skeleton) tokens.add(t.skeleton);
  return [...tokens].sort();
}

/** The duplicate check's blocking keys of a member as stored (see blockingKeys). */
export function memberBlockingKeys(m: { fullNameAr: string; fullNameLatin?: string | null; sex: 'female' | 'male'; dateOfBirth?: string | null }): string[] {
  return blockingKeys({ fullNameAr: m.fullNameAr, fullNameLatin: m.fullNameLatin || undefined, sex: m.sex, dateOfBirth: m.dateOfBirth || undefined });
}
