// Blocking keys: the search keys (pairs of name-word skeletons) narrowed by sex and a band of birth
// years, so that the GIN posting list of one key holds the namesakes who can be candidates, not every
// namesake in the camps.
import { DEFAULT_DOB_TOLERANCE_YEARS } from './match-person.js';
import { personSearchKeys } from './name-search-keys.js';

/** Years per birth-year band. */
export const BIRTH_YEAR_BAND_YEARS = 5;
/** The band of people without a (valid) date of birth: an estimated age or nothing. Every search asks for it. */
export const NO_BIRTH_YEAR_BAND = 'x';
/** The first birth year a search without a date of birth asks for. */
export const FIRST_BIRTH_YEAR = 1900;

export interface PersonToBlock {
  readonly fullNameAr: string;
  readonly fullNameLatin?: string;
  readonly sex: 'female' | 'male';
  /** YYYY-MM-DD */
  readonly dateOfBirth?: string;
}

/** The year of a valid YYYY-MM-DD date (as matchPerson reads it), or undefined. */
function birthYear(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(year, month - 1, day));
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return year;
}

function band(year: number): string {
  return String(Math.floor(year / BIRTH_YEAR_BAND_YEARS));
}

/**
 * The keys to store for a person (GIN-indexed text[]): `${pair}|${sex}|${band}` for each search key,
 * band = floor(birth year / 5), or 'x' without a date of birth.
 */
export function blockingKeys(person: PersonToBlock): string[] {
  const year = birthYear(person.dateOfBirth);
  const suffix = `|${person.sex}|${year === undefined ? NO_BIRTH_YEAR_BAND : band(year)}`;
  return personSearchKeys(person).map((pair) => `${pair}${suffix}`);
}

/**
 * The keys to look a person's candidates up with (`blocking_keys && query keys`): the same sex, every
 * band that can hold a birth year within the date-of-birth tolerance (plus a year), and 'x', since an
 * estimated age is compared as given. Without a date of birth, every band from 1900 to next year.
 * Contract: whenever matchPerson may call two people of the same sex candidates and their search keys
 * overlap, the stored keys of one overlap the query keys of the other.
 */
export function blockingQueryKeys(person: PersonToBlock, now: Date = new Date()): string[] {
  const year = birthYear(person.dateOfBirth);
  const margin = DEFAULT_DOB_TOLERANCE_YEARS + 1;
  const [from, to] = year === undefined ? [FIRST_BIRTH_YEAR, now.getUTCFullYear() + 1] : [year - margin, year + margin];
  const bands = [NO_BIRTH_YEAR_BAND];
  for (let b = Math.floor(from / BIRTH_YEAR_BAND_YEARS); b <= Math.floor(to / BIRTH_YEAR_BAND_YEARS); b++) bands.push(String(b));
  const keys: string[] = [];
  for (const pair of personSearchKeys(person)) for (const b of bands) keys.push(`${pair}|${person.sex}|${b}`);
  return keys;
}
