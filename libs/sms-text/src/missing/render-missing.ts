import { localiseDigits, resolveLanguage, type Language } from '../language.js';
import { MISSING_PHRASES, MISSING_REASON_CODES, type MissingReasonCode, type Phrase } from './missing-phrases.js';
import { pluralCategory } from './plural.js';

/** A reason code from the eligibility rules, with its parameters (e.g. `{ count: 2 }`). */
export interface MissingReason {
  code: string;
  params?: Readonly<Record<string, unknown>>;
}

/** What stands between the family and return, as one short phrase in their language; never empty. */
export function renderMissing(reasons: readonly MissingReason[], language: string): string {
  const lang = resolveLanguage(language);
  const book = MISSING_PHRASES[lang];
  const phrases = [...new Set(reasons.map((reason) => phraseFor(reason, lang)))];
  if (phrases.length === 0) return book.unknown;
  if (phrases.length === 1) return phrases[0] ?? book.unknown;
  const last = phrases[phrases.length - 1] ?? '';
  return `${phrases.slice(0, -1).join(book.separator)}${book.lastSeparator}${last}`;
}

// Who in the family declined to return is not put in an SMS another member may read: it is a
// conversation for the office, so these codes get the generic "ask the camp administration" phrase.
const DISCUSS_IN_PERSON: ReadonlySet<string> = new Set(['consent_declined']);

function isKnownCode(code: string): code is MissingReasonCode {
  return (MISSING_REASON_CODES as readonly string[]).includes(code);
}

function phraseFor(reason: MissingReason, language: Language): string {
  const book = MISSING_PHRASES[language];
  if (DISCUSS_IN_PERSON.has(reason.code) || !isKnownCode(reason.code)) return book.unknown;
  return withCount(book.reasons[reason.code], reason.params?.['count'], language);
}

// A count that is not a positive whole number gets the count-free wording rather than an error:
// a family should still learn what is missing when the rules send an odd parameter.
function withCount(phrase: Phrase, count: unknown, language: Language): string {
  if (typeof phrase === 'string') return phrase;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return phrase.none;
  const text = phrase[pluralCategory(count, language)] ?? phrase.other;
  return text.replace('{count}', localiseDigits(String(count), language));
}
