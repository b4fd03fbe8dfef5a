// A labelled set of pairs of registered people for measuring duplicate detection: pairs that are the
// same person registered twice (respelt, transliterated, compounds joined or apart, a name or the sex
// left out, a date a year off) and pairs of different people who look alike (siblings, twins,
// brother and sister, cousins, a nisba family, namesakes). Generated, never real people.
import type { Sex } from '@awda/contracts';
import { birthDateForAge, shiftYears } from './dates.js';
import { DEFAULT_REFERENCE_DATE } from './generate-household.js';
import type { NamePart, PersonName } from './household.js';
import {
  COMPOUND_GIVEN_NAMES,
  MASCULINE_FEMININE_NAMES,
  NEAR_FEMALE_NAMES,
  NEAR_MALE_NAMES,
  NISBA_FAMILY_NAMES,
  type NamePair,
} from './name-pair-lists.js';
import {
  ARAB_FAMILY_NAMES,
  ARAB_FEMALE_NAMES,
  ARAB_MALE_NAMES,
  KURDISH_FAMILY_NAMES,
  KURDISH_FEMALE_NAMES,
  KURDISH_MALE_NAMES,
  type NameEntry,
} from './name-lists.js';
import { createRng, type Rng } from './rng.js';

/** A person as registered: the shape the name matcher compares. */
export interface RegisteredPerson {
  readonly fullNameAr: string;
  readonly fullNameLatin?: string;
  readonly sex?: Sex;
  /** YYYY-MM-DD */
  readonly dateOfBirth?: string;
  readonly estimatedAge?: number;
}

export const SAME_PERSON_KINDS = [
  'arabic-spelling', 'typo', 'transliteration', 'glued-article', 'compound', 'missing-grandfather', 'latin-only', 'sex-missing',
] as const;
export const DIFFERENT_PEOPLE_KINDS = ['sibling', 'near-name-sibling', 'brother-sister', 'cousin', 'nisba-family', 'namesake'] as const;
export type PairKind = (typeof SAME_PERSON_KINDS)[number] | (typeof DIFFERENT_PEOPLE_KINDS)[number];

export interface LabelledPair {
  readonly kind: PairKind;
  /** The truth: the same person registered twice. */
  readonly same: boolean;
  readonly a: RegisteredPerson;
  readonly b: RegisteredPerson;
}

type Community = 'arab' | 'kurdish';

const ALL_ENTRIES: readonly NameEntry[] = [
  ...ARAB_MALE_NAMES, ...ARAB_FEMALE_NAMES, ...KURDISH_MALE_NAMES, ...KURDISH_FEMALE_NAMES, ...ARAB_FAMILY_NAMES, ...KURDISH_FAMILY_NAMES,
  ...[...NEAR_MALE_NAMES, ...NEAR_FEMALE_NAMES, ...MASCULINE_FEMININE_NAMES, ...NISBA_FAMILY_NAMES].flat(),
  ...COMPOUND_GIVEN_NAMES.map((c) => ({ ar: c.apart, latin: c.latin })),
];
const SPELLINGS = new Map<string, readonly string[]>();
for (const e of ALL_ENTRIES) SPELLINGS.set(e.ar, [...new Set([...(SPELLINGS.get(e.ar) ?? []), ...e.latin])]);

const part = (rng: Rng, e: NameEntry): NamePart => ({ ar: e.ar, latin: rng.chance(0.7) ? e.latin[0] : rng.pick(e.latin) });

function givenList(community: Community, sex: Sex): readonly NameEntry[] {
  if (community === 'kurdish') return sex === 'male' ? KURDISH_MALE_NAMES : KURDISH_FEMALE_NAMES;
  return sex === 'male' ? ARAB_MALE_NAMES : ARAB_FEMALE_NAMES;
}

function given(rng: Rng, community: Community, sex: Sex, avoid?: string): NamePart {
  const list = givenList(community, sex).filter((e) => e.ar !== avoid);
  return part(rng, rng.pick(list));
}

function newName(rng: Rng, community: Community, sex: Sex): PersonName {
  const families = community === 'kurdish' ? KURDISH_FAMILY_NAMES : ARAB_FAMILY_NAMES;
  return { given: given(rng, community, sex), father: given(rng, community, 'male'), grandfather: given(rng, community, 'male'), family: part(rng, rng.pick(families)) };
}

// Ways clerks write the same Arabic name; each leaves it the same name to a reader.
const ARABIC_RESPELLINGS: readonly ((ar: string) => string)[] = [
  (ar) => ar.replace(/[أإآ]/g, 'ا'),
  (ar) => ar.replace(/ة(?= |$)/g, 'ه'),
  (ar) => ar.replace(/ى(?= |$)/g, 'ي'),
  (ar) => ar.replace(/ي/g, 'ی').replace(/ك/g, 'ک'),
  (ar) => ar.replace(/^(.)(.)/, '$1$2\u0651'),
  (ar) => ar.replace(/^(.)/, '$1\u0640'),
  (ar) => ar.replace(/عبد ال/g, 'عبدال').replace(/ (ال(?:دين|له))/g, '$1'),
  (ar) => ar.replace(/ڤ/g, 'ف'),
];

function respellArabic(rng: Rng, name: PersonName): PersonName {
  let out = name;
  for (let i = rng.int(1, 2); i > 0; i--) {
    const change = rng.pick(ARABIC_RESPELLINGS);
    const apply = (p: NamePart): NamePart => ({ ...p, ar: change(p.ar) });
    out = { given: apply(out.given), father: apply(out.father), grandfather: apply(out.grandfather), family: apply(out.family) };
  }
  // The family name with or without its article.
  if (rng.chance(0.2)) out = { ...out, family: { ...out.family, ar: out.family.ar.replace(/^ال(?=..)/, '') } };
  return out;
}

// Letters told apart by their dots only, and neighbouring keys of the Arabic keyboard: typing slips.
const DOT_GROUPS: readonly string[] = ['بتثن', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق'];
const KEY_ROWS: readonly string[] = ['ضصثقفغعهخحجد', 'شسيبلاتنمكط', 'ءؤرىةوزظ'];

function slips(letter: string): string[] {
  const out = DOT_GROUPS.filter((g) => g.includes(letter)).flatMap((g) => [...g].filter((x) => x !== letter));
  for (const row of KEY_ROWS) {
    const i = row.indexOf(letter);
    if (i >= 0) out.push(...[row.charAt(i - 1), row.charAt(i + 1)].filter((x) => x !== ''));
  }
  return out;
}

/** One typing slip in one word: a letter swapped for a dotted twin or a neighbouring key, dropped, or typed twice. */
function typo(rng: Rng, name: PersonName): PersonName {
  const key = rng.pick(['given', 'father', 'grandfather', 'family'] as const);
  const word = name[key].ar;
  const i = rng.int(1, word.length - 1);
  const letter = word.charAt(i);
  const kind = rng.pick(['slip', 'slip', 'drop', 'double'] as const);
  const others = letter === ' ' ? [] : slips(letter);
  let ar = word;
  if (kind === 'slip' && others.length > 0) ar = word.slice(0, i) + rng.pick(others) + word.slice(i + 1);
  else if (kind === 'double' && letter !== ' ') ar = word.slice(0, i) + letter + word.slice(i);
  else if (letter !== ' ') ar = word.slice(0, i) + word.slice(i + 1);
  return { ...name, [key]: { ...name[key], ar } };
}

/** The family name's article written another way: Al-Hassan, Al Hassan, Alhassan, al-Hassan, El Hassan, Elhassan. */
function articleForm(rng: Rng, latin: string): string {
  const m = /^(?:Al|El|As|Ad|Ar)[- ](.+)$/i.exec(latin);
  if (!m || m[1] === undefined) return latin;
  const core = m[1];
  return rng.pick([`Al-${core}`, `Al ${core}`, `Al${core.toLowerCase()}`, `al-${core}`, `El ${core}`, `El-${core}`, `El${core.toLowerCase()}`]);
}

function otherSpelling(rng: Rng, p: NamePart): NamePart {
  const others = (SPELLINGS.get(p.ar) ?? []).filter((l) => l !== p.latin);
  return others.length > 0 ? { ...p, latin: rng.pick(others) } : p;
}

function retransliterate(rng: Rng, name: PersonName): PersonName {
  const change = (p: NamePart) => (rng.chance(0.6) ? otherSpelling(rng, p) : p);
  const family = change(name.family);
  return { given: change(name.given), father: change(name.father), grandfather: change(name.grandfather), family: { ...family, latin: articleForm(rng, family.latin) } };
}

interface Written {
  readonly grandfather?: boolean;
  readonly arabic?: boolean;
  readonly latin?: boolean;
}

function written(name: PersonName, how: Written = {}): Pick<RegisteredPerson, 'fullNameAr' | 'fullNameLatin'> {
  const parts = how.grandfather === false ? [name.given, name.father, name.family] : [name.given, name.father, name.grandfather, name.family];
  const fullNameAr = how.arabic === false ? '' : parts.map((p) => p.ar).join(' ');
  return how.latin === false ? { fullNameAr } : { fullNameAr, fullNameLatin: parts.map((p) => p.latin).join(' ') };
}

const ageOf = (dateOfBirth: string, referenceDate: string) => (Date.parse(referenceDate) - Date.parse(dateOfBirth)) / (365.2425 * 86_400_000);

/** What a registration records of a birth: usually the date, sometimes only an age (given roughly), sometimes nothing. */
function birthAsRegistered(rng: Rng, dateOfBirth: string, referenceDate: string): Pick<RegisteredPerson, 'dateOfBirth' | 'estimatedAge'> {
  const roll = rng.next();
  if (roll < 0.7) return { dateOfBirth };
  if (roll < 0.9) return { estimatedAge: Math.max(0, Math.round(ageOf(dateOfBirth, referenceDate)) + rng.int(-3, 3)) };
  return {};
}

/** The same birth recorded by a second clerk: the date again, a year off, a few months off, or only an age. */
function birthAgain(rng: Rng, dateOfBirth: string, referenceDate: string): Pick<RegisteredPerson, 'dateOfBirth' | 'estimatedAge'> {
  const roll = rng.next();
  if (roll < 0.45) return { dateOfBirth };
  if (roll < 0.65) return { dateOfBirth: shiftYears(dateOfBirth, rng.chance(0.5) ? 1 : -1) };
  if (roll < 0.75) return { dateOfBirth: new Date(Date.parse(dateOfBirth) + rng.int(-200, 200) * 86_400_000).toISOString().slice(0, 10) };
  return birthAsRegistered(rng, dateOfBirth, referenceDate);
}

const sexAsRegistered = (rng: Rng, sex: Sex, missing = 0.1): Sex | undefined => (rng.chance(missing) ? undefined : sex);

/** Years between siblings: twins sometimes, mostly one to five years. */
const siblingGap = (rng: Rng): number => rng.weighted([[0, 8], [1, 20], [2, 25], [3, 15], [4, 10], [5, 5], [rng.int(6, 12), 17]]);

class PairMaker {
  constructor(
    private readonly rng: Rng,
    private readonly referenceDate: string,
  ) {}

  private birth(age: number): string {
    return birthDateForAge(this.referenceDate, Math.max(0, age), this.rng.int(0, 364));
  }

  private person(name: PersonName, sex: Sex, dateOfBirth: string, how: Written = {}, sexMissing = 0.1): RegisteredPerson {
    const latin = how.latin ?? (how.arabic === false || this.rng.chance(0.8));
    return { ...written(name, { ...how, latin }), sex: sexAsRegistered(this.rng, sex, sexMissing), ...birthAsRegistered(this.rng, dateOfBirth, this.referenceDate) };
  }

  /** The same person registered again, by a clerk who wrote `name` (already rewritten) and the birth again. */
  private again(name: PersonName, sex: Sex, dateOfBirth: string, how: Written = {}, sexMissing = 0.1): RegisteredPerson {
    const latin = how.latin ?? (how.arabic === false || this.rng.chance(0.8));
    return { ...written(name, { ...how, latin }), sex: sexAsRegistered(this.rng, sex, sexMissing), ...birthAgain(this.rng, dateOfBirth, this.referenceDate) };
  }

  same(kind: (typeof SAME_PERSON_KINDS)[number]): LabelledPair {
    const { rng } = this;
    const community: Community = rng.chance(0.15) ? 'kurdish' : 'arab';
    const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
    let name = newName(rng, community, sex);
    if (kind === 'compound') {
      const compound = rng.pick(COMPOUND_GIVEN_NAMES);
      const [first, second] = rng.chance(0.5) ? [compound.apart, compound.joined] : [compound.joined, compound.apart];
      name = { ...name, given: { ar: first, latin: rng.pick(compound.latin) } };
      const dob = this.birth(rng.int(1, 80));
      const a = this.person(name, compound.sex, dob);
      const other = { ...name, given: { ar: second, latin: rng.pick(compound.latin) } };
      return { kind, same: true, a, b: this.again(other, compound.sex, dob, { arabic: !rng.chance(0.2) }) };
    }
    const dob = this.birth(rng.int(1, 80));
    const a = this.person(name, sex, dob, {}, kind === 'sex-missing' ? 0.5 : 0.1);
    switch (kind) {
      case 'arabic-spelling':
        return { kind, same: true, a, b: this.again(respellArabic(rng, name), sex, dob) };
      case 'typo': {
        // The second clerk's Latin is often spelt another way too.
        const key = rng.pick(['given', 'father', 'grandfather', 'family'] as const);
        const latin = rng.chance(0.5) ? { ...name, [key]: otherSpelling(rng, name[key]) } : name;
        const slipped = typo(rng, latin);
        return { kind, same: true, a, b: this.again(slipped, sex, dob) };
      }
      case 'transliteration':
        return { kind, same: true, a: { ...a, fullNameLatin: written(name).fullNameLatin }, b: this.again(retransliterate(rng, name), sex, dob, { latin: true }) };
      case 'glued-article': {
        const other = { ...name, family: { ...name.family, latin: articleForm(rng, name.family.latin) } };
        return { kind, same: true, a: { ...a, fullNameLatin: written(name).fullNameLatin }, b: this.again(other, sex, dob, { latin: true, arabic: rng.chance(0.4) }) };
      }
      case 'missing-grandfather':
        return { kind, same: true, a, b: this.again(rng.chance(0.5) ? respellArabic(rng, name) : name, sex, dob, { grandfather: false }) };
      case 'latin-only':
        return { kind, same: true, a, b: this.again(retransliterate(rng, name), sex, dob, { arabic: false, latin: true }) };
      case 'sex-missing':
        return { kind, same: true, a, b: this.again(respellArabic(rng, name), sex, dob, {}, a.sex === undefined ? 0.3 : 1) };
    }
  }

  different(kind: (typeof DIFFERENT_PEOPLE_KINDS)[number]): LabelledPair {
    const { rng } = this;
    const community: Community = rng.chance(0.15) ? 'kurdish' : 'arab';
    let sexA: Sex = rng.chance(0.5) ? 'male' : 'female';
    let sexB: Sex = sexA;
    let name = newName(rng, community, sexA);
    const ageA = rng.int(1, 70);
    let ageB = ageA + (rng.chance(0.5) ? 1 : -1) * siblingGap(rng);
    let nameB: PersonName;
    let sexMissing = 0.1;
    const pairOf = (pairs: readonly NamePair[]): [NamePart, NamePart] => {
      const [x, y] = rng.pick(pairs);
      return rng.chance(0.5) ? [part(rng, x), part(rng, y)] : [part(rng, y), part(rng, x)];
    };
    switch (kind) {
      case 'sibling':
        sexB = rng.chance(0.5) ? 'male' : 'female';
        nameB = { ...name, given: given(rng, community, sexB, name.given.ar) };
        break;
      case 'near-name-sibling': {
        const [x, y] = pairOf(sexA === 'male' ? NEAR_MALE_NAMES : NEAR_FEMALE_NAMES);
        name = { ...name, given: x };
        nameB = { ...name, given: y };
        break;
      }
      case 'brother-sister': {
        const [brother, sister] = pairOf(MASCULINE_FEMININE_NAMES);
        [sexA, sexB] = ['male', 'female'];
        name = { ...name, given: brother };
        nameB = { ...name, given: sister };
        // With both sexes known they are told apart at once; the hard case is a sex left out.
        sexMissing = 0.6;
        break;
      }
      case 'cousin': {
        const [fatherA, fatherB] = rng.chance(0.3) ? pairOf(NEAR_MALE_NAMES) : [name.father, given(rng, community, 'male', name.father.ar)];
        name = { ...name, father: fatherA };
        // Cousins are often both named after their grandfather.
        const givenB = rng.chance(0.4) ? name.given : given(rng, community, sexA, name.given.ar);
        nameB = { ...name, given: givenB, father: fatherB };
        ageB = ageA + rng.int(-8, 8);
        break;
      }
      case 'nisba-family': {
        const [familyA, familyB] = pairOf(NISBA_FAMILY_NAMES);
        name = { ...name, family: familyA };
        nameB = { ...name, family: familyB, grandfather: rng.chance(0.5) ? name.grandfather : given(rng, community, 'male', name.grandfather.ar) };
        ageB = ageA + rng.int(-3, 3);
        break;
      }
      case 'namesake':
        nameB = { ...name, grandfather: given(rng, community, 'male', name.grandfather.ar) };
        ageB = ageA + rng.int(-3, 3);
        break;
    }
    const a = this.person(name, sexA, this.birth(ageA), {}, sexMissing);
    // A namesake registered without a grandfather is a true ambiguity: included, at its real share.
    const b = this.person(nameB, sexB, this.birth(ageB), { grandfather: kind === 'namesake' ? !rng.chance(0.4) : undefined }, sexMissing);
    // Brother and sister: at least one of them without a sex.
    const bOut = kind === 'brother-sister' && a.sex !== undefined && b.sex !== undefined ? { ...b, sex: undefined } : b;
    return { kind, same: false, a, b: bOut };
  }
}

/**
 * `perKind` pairs of every kind from one seed (the same seed gives the same pairs): about as many pairs
 * of the same person as of different people, all of them pairs that share name words (what the
 * candidate search brings to the name comparison).
 */
export function generateLabelledNamePairs(seed: number | string, perKind = 300, referenceDate = DEFAULT_REFERENCE_DATE): LabelledPair[] {
  const maker = new PairMaker(createRng(seed), referenceDate);
  const pairs: LabelledPair[] = [];
  for (const kind of SAME_PERSON_KINDS) for (let i = 0; i < perKind; i++) pairs.push(maker.same(kind));
  for (const kind of DIFFERENT_PEOPLE_KINDS) for (let i = 0; i < perKind; i++) pairs.push(maker.different(kind));
  return pairs;
}

export interface MatchingQuality {
  readonly pairs: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** Flagged pairs that are the same person. */
  readonly precision: number;
  /** Pairs of the same person that are flagged. */
  readonly recall: number;
  /** Per kind: pairs and how many were flagged (for a different-people kind, every flag is a false one). */
  readonly byKind: Readonly<Record<string, { readonly pairs: number; readonly flagged: number }>>;
}

/** Precision and recall of a duplicate decision on labelled pairs. */
export function measureMatching(pairs: readonly LabelledPair[], flags: (a: RegisteredPerson, b: RegisteredPerson) => boolean): MatchingQuality {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const byKind: Record<string, { pairs: number; flagged: number }> = {};
  for (const pair of pairs) {
    const flagged = flags(pair.a, pair.b);
    const k = (byKind[pair.kind] ??= { pairs: 0, flagged: 0 });
    k.pairs++;
    if (flagged) k.flagged++;
    if (flagged && pair.same) truePositives++;
    else if (flagged) falsePositives++;
    else if (pair.same) falseNegatives++;
  }
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    pairs: pairs.length,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    byKind,
  };
}
