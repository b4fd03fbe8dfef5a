import type { Language } from '../language.js';

export type PluralCategory = 'one' | 'two' | 'few' | 'many' | 'other';

// CLDR cardinal rules for whole numbers, written out so they do not depend on the ICU build.
// Sorani and Kurmanji keep the noun singular after a numeral, but Kurmanji says "one member" differently.
export function pluralCategory(count: number, language: Language): PluralCategory {
  if (language !== 'ar') return count === 1 ? 'one' : 'other';
  const lastTwo = count % 100;
  if (count === 1) return 'one';
  if (count === 2) return 'two';
  if (lastTwo >= 3 && lastTwo <= 10) return 'few';
  if (lastTwo >= 11 && lastTwo <= 99) return 'many';
  return 'other';
}
