// Whether two registered people may be the same person: a candidate for a supervisor to review, never
// an automatic merge.
import { compareNames, nameSimilarity } from './name-similarity.js';

export interface PersonToMatch {
  readonly fullNameAr: string;
  readonly fullNameLatin?: string;
  /** YYYY-MM-DD */
  readonly dateOfBirth?: string;
  /** Age in years when no date of birth is known. */
  readonly estimatedAge?: number;
  readonly sex?: 'female' | 'male';
}

export interface PersonMatch {
  /** In [0,1]: name similarity, raised by an equal date of birth, halved by a conflicting age or sex. */
  readonly score: number;
  readonly isCandidate: boolean;
  /** Why, in words for the supervisor; never a name, date or other personal data. */
  readonly reasons: string[];
}

export interface MatchPersonOptions {
  /** The lowest score that makes a candidate. */
  readonly candidateThreshold: number;
  /** Dates of birth further apart than this rule a candidate out. */
  readonly dobToleranceYears: number;
  /** The same when one side only has an estimated age, which people give roughly. */
  readonly estimatedAgeToleranceYears: number;
  /** YYYY-MM-DD the estimated ages were given on; only used to compare one with a date of birth. */
  readonly asOf?: string;
}

export const DEFAULT_CANDIDATE_THRESHOLD = 0.85;
export const DEFAULT_DOB_TOLERANCE_YEARS = 2;
export const DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS = 5;

export const DEFAULT_MATCH_OPTIONS: MatchPersonOptions = {
  candidateThreshold: DEFAULT_CANDIDATE_THRESHOLD,
  dobToleranceYears: DEFAULT_DOB_TOLERANCE_YEARS,
  estimatedAgeToleranceYears: DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS,
};

const SAME_BIRTH_DATE_BONUS = 0.05;
const LATIN_SHARE = 1 / 3;
const CONFLICT_FACTOR = 0.5;
const DAYS_PER_YEAR = 365.2425;
const MS_PER_DAY = 86_400_000;

// Screening one registration against hundreds of candidates parses the same dates again and again.
const DAY_MEMO_LIMIT = 20_000;
const dayMemo = new Map<string, number | undefined>();

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, or undefined. */
function dayNumber(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  if (dayMemo.has(date)) return dayMemo.get(date);
  if (dayMemo.size >= DAY_MEMO_LIMIT) dayMemo.clear();
  const day = parseDay(date);
  dayMemo.set(date, day);
  return day;
}

function parseDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

function todayDayNumber(): number {
  return Math.floor(Date.now() / MS_PER_DAY);
}

function round(n: number, digits = 2): string {
  return n.toFixed(digits);
}

interface AgeCheck {
  readonly compatible: boolean;
  readonly sameBirthDate: boolean;
  readonly reason: string;
}

function ageFromBirth(birth: number, options: MatchPersonOptions): number {
  return ((dayNumber(options.asOf) ?? todayDayNumber()) - birth) / DAYS_PER_YEAR;
}

function validAge(age: number | undefined): number | undefined {
  return age !== undefined && Number.isFinite(age) && age >= 0 ? age : undefined;
}

// Screening asks only whether the ages are compatible: the reason (text) is written only when asked for.
function checkAges(a: PersonToMatch, b: PersonToMatch, options: MatchPersonOptions, withReason = true): AgeCheck {
  const birthA = dayNumber(a.dateOfBirth);
  const birthB = dayNumber(b.dateOfBirth);
  const ageA = validAge(a.estimatedAge);
  const ageB = validAge(b.estimatedAge);
  if (birthA !== undefined && birthB !== undefined) {
    const years = Math.abs(birthA - birthB) / DAYS_PER_YEAR;
    const tolerance = options.dobToleranceYears;
    if (years === 0) return { compatible: true, sameBirthDate: true, reason: 'same date of birth' };
    const compatible = years <= tolerance;
    if (!withReason) return { compatible, sameBirthDate: false, reason: '' };
    const verdict = compatible ? 'within' : 'beyond';
    return { compatible, sameBirthDate: false, reason: `dates of birth ${round(years, 1)} years apart, ${verdict} the ${tolerance}-year tolerance` };
  }
  const tolerance = options.estimatedAgeToleranceYears;
  const estimateA = ageA ?? (birthA !== undefined ? ageFromBirth(birthA, options) : undefined);
  const estimateB = ageB ?? (birthB !== undefined ? ageFromBirth(birthB, options) : undefined);
  if (estimateA === undefined || estimateB === undefined) {
    return { compatible: true, sameBirthDate: false, reason: 'no date of birth or age to compare' };
  }
  const years = Math.abs(estimateA - estimateB);
  const compatible = years <= tolerance;
  if (!withReason) return { compatible, sameBirthDate: false, reason: '' };
  const verdict = compatible ? 'within' : 'beyond';
  return { compatible, sameBirthDate: false, reason: `estimated ages ${round(years, 1)} years apart, ${verdict} the ${tolerance}-year tolerance` };
}

/** The same Latin letters, case, spaces and hyphens aside: then a differing Arabic word is a slip of typing. */
function sameLetters(a: string, b: string): boolean {
  const letters = (s: string) => s.toLowerCase().replace(/[\s\-'’‘`.]+/g, '');
  return letters(a) === letters(b);
}

const LATIN_NOT_COUNTED = 'Latin names not counted: the Arabic names differ in a word, which Latin spelling may not show (Zaid / Ziad)';

/** One side has no Arabic name: its Latin name against the other's Arabic, and Latin against Latin. */
function scoreWithoutArabic(arabicA: string, arabicB: string, latinA: string, latinB: string): number {
  const across = nameSimilarity(arabicA || latinA, arabicB || latinB);
  const bothLatin = (arabicA !== '' || arabicB !== '') && latinA !== '' && latinB !== '';
  return bothLatin ? Math.max(across, nameSimilarity(latinA, latinB)) : across;
}

function nameScore(a: PersonToMatch, b: PersonToMatch, reasons: string[]): number {
  const arabicA = a.fullNameAr.trim();
  const arabicB = b.fullNameAr.trim();
  const latinA = a.fullNameLatin?.trim() ?? '';
  const latinB = b.fullNameLatin?.trim() ?? '';
  if (arabicA === '' || arabicB === '') {
    // One side has no Arabic name: compare whatever is there, across scripts if need be.
    const score = scoreWithoutArabic(arabicA, arabicB, latinA, latinB);
    reasons.push(`name similarity ${round(score)} (one side has no Arabic name)`);
    return score;
  }
  const arabic = compareNames(arabicA, arabicB);
  reasons.push(`Arabic name similarity ${round(arabic.score)}`);
  if (latinA === '' || latinB === '') return arabic.score;
  const latin = nameSimilarity(latinA, latinB);
  reasons.push(`Latin name similarity ${round(latin)}`);
  // Latin keys fold vowels, so they tell fewer names apart (Samer / Ammar, Zaid / Ziad): an agreeing
  // Latin name can close a third of a gap left by spelling, but outvotes a word the Arabic tells apart
  // only when it is written with the very same letters (the Arabic word then has a typing slip).
  if (arabic.differingWords > 0 && !sameLetters(latinA, latinB)) {
    if (latin > arabic.score) reasons.push(LATIN_NOT_COUNTED);
    return arabic.score;
  }
  return Math.max(arabic.score, arabic.score + (latin - arabic.score) * LATIN_SHARE);
}

function settingsOf(options: Partial<MatchPersonOptions>): MatchPersonOptions {
  return {
    candidateThreshold: options.candidateThreshold ?? DEFAULT_CANDIDATE_THRESHOLD,
    dobToleranceYears: options.dobToleranceYears ?? DEFAULT_DOB_TOLERANCE_YEARS,
    estimatedAgeToleranceYears: options.estimatedAgeToleranceYears ?? DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS,
    asOf: options.asOf,
  };
}

/**
 * Whether the ages (and sexes) of two people allow them to be a candidate at all: false exactly when
 * matchPerson would answer isCandidate false whatever their names, so a caller can skip the name
 * comparison, which costs far more.
 */
export function mayBeSamePerson(a: PersonToMatch, b: PersonToMatch, options: Partial<MatchPersonOptions> = {}): boolean {
  if (a.sex !== undefined && b.sex !== undefined && a.sex !== b.sex) return false;
  return checkAges(a, b, settingsOf(options), false).compatible;
}

/**
 * Exactly matchPerson(a, b, options).isCandidate, for screening many candidates: ages and sex first,
 * then the Arabic names, and the Latin names only when they could still change the answer.
 */
export function isPersonCandidate(a: PersonToMatch, b: PersonToMatch, options: Partial<MatchPersonOptions> = {}): boolean {
  const settings = settingsOf(options);
  if (a.sex !== undefined && b.sex !== undefined && a.sex !== b.sex) return false;
  const ages = checkAges(a, b, settings, false);
  if (!ages.compatible) return false;
  const withBonus = (score: number) => (ages.sameBirthDate ? Math.min(1, score + SAME_BIRTH_DATE_BONUS) : score);
  const arabicA = a.fullNameAr.trim();
  const arabicB = b.fullNameAr.trim();
  const latinA = a.fullNameLatin?.trim() ?? '';
  const latinB = b.fullNameLatin?.trim() ?? '';
  if (arabicA === '' || arabicB === '') return withBonus(scoreWithoutArabic(arabicA, arabicB, latinA, latinB)) >= settings.candidateThreshold;
  const arabic = compareNames(arabicA, arabicB);
  if (withBonus(arabic.score) >= settings.candidateThreshold) return true;
  if (latinA === '' || latinB === '' || (arabic.differingWords > 0 && !sameLetters(latinA, latinB))) return false;
  // The Latin name only ever raises the score, by at most a third of the gap to 1.
  if (withBonus(arabic.score + (1 - arabic.score) * LATIN_SHARE) < settings.candidateThreshold - 1e-9) return false;
  const latin = nameSimilarity(latinA, latinB);
  return withBonus(Math.max(arabic.score, arabic.score + (latin - arabic.score) * LATIN_SHARE)) >= settings.candidateThreshold;
}

/** Whether two people may be the same person, with a score and the reasons, for a supervisor to decide. */
export function matchPerson(
  a: PersonToMatch,
  b: PersonToMatch,
  options: Partial<MatchPersonOptions> = {},
): PersonMatch {
  const settings = settingsOf(options);
  const reasons: string[] = [];
  let score = nameScore(a, b, reasons);
  const ages = checkAges(a, b, settings);
  reasons.push(ages.reason);
  if (ages.sameBirthDate) score = Math.min(1, score + SAME_BIRTH_DATE_BONUS);
  if (!ages.compatible) score *= CONFLICT_FACTOR;
  const sexDiffers = a.sex !== undefined && b.sex !== undefined && a.sex !== b.sex;
  if (sexDiffers) {
    reasons.push('sex differs');
    score *= CONFLICT_FACTOR;
  }
  const isCandidate = ages.compatible && !sexDiffers && score >= settings.candidateThreshold;
  return { score, isCandidate, reasons };
}
