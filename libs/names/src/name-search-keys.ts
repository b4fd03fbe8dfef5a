// Blocking keys for finding duplicate candidates without comparing a new person with everyone.
import { nameTokens } from './name-tokens.js';

// More words than this are rare; the key count grows with the square of the word count.
const MAX_WORDS = 6;
const NO_CONSONANTS = '_';

/**
 * Contract: two names that share at least two words (either script, any order, spelling variants
 * folded) share a key; store the keys in a GIN-indexed text[] column and find candidates with `&&`.
 *
 * A key is a pair of word skeletons, e.g. "hsn.mhmd". Pairs rather than single words, because a single
 * common given name would make half the camp candidates; a missing grandfather or a misspelt word still
 * leaves a shared pair. A one-word name yields its single skeleton.
 */
export function nameSearchKeys(fullName: string): string[] {
  const skeletons = [
    ...new Set(
      nameTokens(fullName)
        .slice(0, MAX_WORDS)
        .map((t) => (t.skeleton === '' ? NO_CONSONANTS : t.skeleton)),
    ),
  ].sort();
  if (skeletons.length === 1) return skeletons;
  const keys: string[] = [];
  for (let i = 0; i < skeletons.length; i++) {
    for (let j = i + 1; j < skeletons.length; j++) keys.push(`${skeletons[i] ?? ''}.${skeletons[j] ?? ''}`);
  }
  return keys;
}

/** The union of the keys of every name a person is registered under (Arabic and Latin). */
export function personSearchKeys(person: { fullNameAr: string; fullNameLatin?: string }): string[] {
  const keys = new Set(nameSearchKeys(person.fullNameAr));
  if (person.fullNameLatin !== undefined) for (const k of nameSearchKeys(person.fullNameLatin)) keys.add(k);
  return [...keys].sort();
}
