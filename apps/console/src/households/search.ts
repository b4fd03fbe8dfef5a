// One search box for a name (Arabic or Latin), a case number or a phone number. The kind is
// guessed from what was typed, and can be chosen; the term goes to the API in memory only, never
// into the address bar.
import { toLatinDigits } from '../i18n/format';

export type SearchKind = 'auto' | 'name' | 'caseNumber' | 'phone';

export interface HouseholdSearch {
  name?: string;
  caseNumber?: string;
  phone?: string;
}

const PHONE = /^\+?[\d\s\-()]{7,}$/;
// Case numbers are letters and digits with dashes, and hold at least one digit: MHM-2025-00123.
const CASE_NUMBER = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9\-/]{2,}$/;

export function guessKind(term: string): Exclude<SearchKind, 'auto'> {
  const text = toLatinDigits(term.trim());
  if (PHONE.test(text) && text.replace(/\D/g, '').length >= 7 && !/[A-Za-z]/.test(text)) return 'phone';
  if (CASE_NUMBER.test(text)) return 'caseNumber';
  return 'name';
}

/** The query parameters for a search, or null when there is nothing to search for. */
export function searchParams(term: string, kind: SearchKind): HouseholdSearch | null {
  const text = term.trim().replace(/\s+/g, ' ');
  if (text.length === 0) return null;
  const chosen = kind === 'auto' ? guessKind(text) : kind;
  if (chosen === 'phone') return { phone: toLatinDigits(text).replace(/[\s\-()]/g, '') };
  if (chosen === 'caseNumber') return { caseNumber: toLatinDigits(text) };
  return { name: text };
}
