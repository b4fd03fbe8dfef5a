// Seeded households for a camp like Mahmoudli: family sizes, ages, relationships and needs drawn from
// plausible distributions, names from common Syrian Arab and Kurdish names.
import type { Language, NeedCode, Sex } from '@awda/contracts';
import { birthDateForAge } from './dates.js';
import type {
  Community,
  GeneratedHousehold,
  GeneratedMember,
  HouseholdOptions,
  IdentityDocument,
  NamePart,
  PersonName,
  Relationship,
} from './household.js';
import {
  ARAB_FAMILY_NAMES,
  ARAB_FEMALE_NAMES,
  ARAB_MALE_NAMES,
  KURDISH_FAMILY_NAMES,
  KURDISH_FEMALE_NAMES,
  KURDISH_MALE_NAMES,
  type NameEntry,
} from './name-lists.js';
import { generateSyrianMobile } from './phone.js';
import { createRng, type Rng } from './rng.js';

export const DEFAULT_CAMP_ID = 'mahmoudli';
export const DEFAULT_REFERENCE_DATE = '2025-06-01';

// Household sizes 1–12, weights in percent; the mean is about 5.1.
const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [
  [1, 6], [2, 10], [3, 13], [4, 15], [5, 15], [6, 13], [7, 10], [8, 7], [9, 5], [10, 3], [11, 2], [12, 1],
];
const ADULT_AGE = 18;
const MAX_AGE = 95;
// A mother's age at her youngest child's birth stays at or below this.
const LATEST_BIRTH_AGE = 45;

/** A version-4 UUID drawn from the generator, so ids repeat with the seed. */
export function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + rng.int(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function digits(rng: Rng, count: number): string {
  return Array.from({ length: count }, () => String(rng.int(0, 9))).join('');
}

function spell(rng: Rng, entry: NameEntry): NamePart {
  // Most clerks use the usual spelling; some use another.
  return { ar: entry.ar, latin: rng.chance(0.75) ? entry.latin[0] : rng.pick(entry.latin) };
}

function givenNames(community: Community, sex: Sex): readonly NameEntry[] {
  if (community === 'kurdish') return sex === 'male' ? KURDISH_MALE_NAMES : KURDISH_FEMALE_NAMES;
  return sex === 'male' ? ARAB_MALE_NAMES : ARAB_FEMALE_NAMES;
}

function givenName(rng: Rng, community: Community, sex: Sex, avoid: ReadonlySet<string> = new Set()): NamePart {
  const list = givenNames(community, sex).filter((e) => !avoid.has(e.ar));
  return spell(rng, rng.pick(list.length > 0 ? list : givenNames(community, sex)));
}

function familyName(rng: Rng, community: Community): NamePart {
  return spell(rng, rng.pick(community === 'kurdish' ? KURDISH_FAMILY_NAMES : ARAB_FAMILY_NAMES));
}

function newName(rng: Rng, community: Community, sex: Sex): PersonName {
  return {
    given: givenName(rng, community, sex),
    father: givenName(rng, community, 'male'),
    grandfather: givenName(rng, community, 'male'),
    family: familyName(rng, community),
  };
}

/** Child of a father: his given name, his father's given name, his family name. */
function childOf(father: PersonName, given: NamePart): PersonName {
  return { given, father: father.given, grandfather: father.father, family: father.family };
}

interface Draft {
  relationship: Relationship;
  sex: Sex;
  age: number;
  name: PersonName;
}

/** Children's ages, youngest first: a few years apart, sometimes twins. */
function childAges(rng: Rng, count: number): number[] {
  const ages: number[] = [];
  let age = rng.int(0, 6);
  for (let i = 0; i < count; i++) {
    ages.push(age);
    const gaps: readonly (readonly [number, number])[] =
      count > 6 ? [[1, 5], [2, 4], [3, 1]] : [[1, 3], [2, 4], [3, 2], [4, 1]];
    age += rng.chance(0.03) ? 0 : rng.weighted(gaps);
  }
  return ages;
}

function motherAgeFor(rng: Rng, ages: readonly number[]): number {
  const youngest = ages[0] ?? 0;
  const oldest = ages.at(-1) ?? 0;
  const firstBirthAge = Math.min(rng.int(16, 24), Math.max(16, LATEST_BIRTH_AGE - (oldest - youngest)));
  return Math.max(ADULT_AGE, oldest + firstBirthAge);
}

function drafts(rng: Rng, size: number, community: Community, womanHeaded: boolean): Draft[] {
  let slots = size - 1;
  const hasSpouse = !womanHeaded && slots > 0 && rng.chance(0.9);
  if (hasSpouse) slots--;
  const hasParent = slots > 1 && rng.chance(0.12);
  if (hasParent) slots--;
  const hasSibling = slots > 1 && rng.chance(0.08);
  if (hasSibling) slots--;
  const hasOther = slots > 2 && rng.chance(0.05);
  if (hasOther) slots--;
  const ages = childAges(rng, slots);

  const headSex: Sex = womanHeaded ? 'female' : 'male';
  const head: Draft = { relationship: 'head', sex: headSex, age: 0, name: newName(rng, community, headSex) };
  // Children's father: the head, or for a woman-headed household a husband who is absent.
  const father = womanHeaded ? newName(rng, community, 'male') : head.name;
  const out: Draft[] = [head];
  if (slots > 0) {
    const motherAge = motherAgeFor(rng, ages);
    head.age = womanHeaded ? motherAge : Math.min(MAX_AGE, motherAge + rng.weighted([[0, 2], [3, 3], [6, 2], [10, 1]]));
    if (hasSpouse) out.push(spouse(rng, community, head.name, motherAge));
  } else {
    head.age = womanHeaded || size === 1 ? rng.int(20, 80) : rng.int(ADULT_AGE, 60);
    if (hasSpouse) out.push(spouse(rng, community, head.name, Math.max(ADULT_AGE, head.age - rng.int(0, 8))));
  }
  const taken = new Set<string>();
  for (const age of [...ages].reverse()) {
    const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
    const given = givenName(rng, community, sex, taken);
    taken.add(given.ar);
    out.push({ relationship: sex === 'male' ? 'son' : 'daughter', sex, age, name: childOf(father, given) });
  }
  if (hasParent) out.push(relative(rng, community, head, 'parent'));
  if (hasSibling) out.push(relative(rng, community, head, 'sibling'));
  if (hasOther) out.push(relative(rng, community, head, 'other'));
  return out;
}

function spouse(rng: Rng, community: Community, husband: PersonName, age: number): Draft {
  const name = newName(rng, community, 'female');
  // Marriages within the wider family are common: the wife often carries the same family name.
  const family = rng.chance(0.35) ? husband.family : name.family;
  return { relationship: 'spouse', sex: 'female', age, name: { ...name, family } };
}

function relative(rng: Rng, community: Community, head: Draft, relationship: 'parent' | 'sibling' | 'other'): Draft {
  const sex: Sex = rng.chance(relationship === 'parent' ? 0.3 : 0.5) ? 'male' : 'female';
  if (relationship === 'parent' && head.age + 18 <= MAX_AGE) {
    const age = Math.min(MAX_AGE, head.age + rng.int(18, 32));
    // The head's father carries the head's lineage; the mother her own.
    const name: PersonName =
      sex === 'male'
        ? { given: head.name.father, father: head.name.grandfather, grandfather: givenName(rng, community, 'male'), family: head.name.family }
        : newName(rng, community, 'female');
    return { relationship, sex, age, name };
  }
  if (relationship === 'sibling') {
    const age = Math.max(1, Math.min(MAX_AGE, head.age + rng.int(-15, 10)));
    const given = givenName(rng, community, sex, new Set([head.name.given.ar]));
    return { relationship, sex, age, name: { ...head.name, given } };
  }
  // A nephew or niece (often separated from their parents), or an adult relative.
  const age = rng.chance(0.7) ? rng.int(2, 17) : rng.int(ADULT_AGE, 70);
  const brother = { ...head.name, given: givenName(rng, community, 'male') };
  return { relationship: 'other', sex, age, name: childOf(brother, givenName(rng, community, sex)) };
}

function needsOf(rng: Rng, d: Draft, options: Required<Pick<HouseholdOptions, 'medicalCaseShare' | 'disabilityShare'>>): NeedCode[] {
  const needs: NeedCode[] = [];
  const elderFactor = d.age >= 60 ? 2 : 1;
  if (rng.chance(options.medicalCaseShare * elderFactor)) needs.push('SMC');
  if (rng.chance(options.disabilityShare * elderFactor)) needs.push('DIS');
  if (d.age >= 60 && rng.chance(0.3)) needs.push('ER');
  const separatedChild = d.age < ADULT_AGE && (d.relationship === 'sibling' || d.relationship === 'other');
  if (separatedChild && rng.chance(0.7)) needs.push('UASC');
  const mayBePregnant = d.sex === 'female' && d.age >= 16 && d.age <= 45 && (d.relationship === 'head' || d.relationship === 'spouse');
  if (mayBePregnant && rng.chance(0.15)) needs.push('PLW');
  if (d.sex === 'female' && d.age >= ADULT_AGE && rng.chance(d.relationship === 'head' ? 0.35 : 0.02)) needs.push('WR');
  return needs;
}

function documentOf(rng: Rng, age: number, booklet: string, campId: string): IdentityDocument | null {
  const campCard = (): IdentityDocument => ({ type: 'camp_card', number: `${campId.slice(0, 3).toUpperCase()}-${digits(rng, 7)}` });
  // Syrian national numbers are 11 digits, starting with the governorate of the civil registry.
  if (age >= 14) {
    return rng.weighted<() => IdentityDocument | null>([
      [() => ({ type: 'national_id', number: `${String(rng.int(1, 14)).padStart(2, '0')}${digits(rng, 9)}` }), 65],
      [campCard, 25],
      [() => null, 10],
    ])();
  }
  return rng.weighted<() => IdentityDocument | null>([
    [() => ({ type: 'family_booklet', number: booklet }), 70],
    [campCard, 10],
    [() => null, 20],
  ])();
}

function fullName(name: PersonName, script: 'ar' | 'latin'): string {
  return [name.given, name.father, name.grandfather, name.family].map((p) => p[script]).join(' ');
}

/** One household drawn from the generator; the head is the first member. */
export function generateHousehold(rng: Rng, options: HouseholdOptions): GeneratedHousehold {
  if (options.destinationAreas.length === 0) throw new RangeError('destinationAreas needs at least one area code');
  const campId = options.campId ?? DEFAULT_CAMP_ID;
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  const shares = { medicalCaseShare: options.medicalCaseShare ?? 0.04, disabilityShare: options.disabilityShare ?? 0.03 };
  const community: Community = rng.chance(options.kurdishShare ?? 0.15) ? 'kurdish' : 'arab';
  const size = rng.weighted(HOUSEHOLD_SIZES);
  const womanHeaded = rng.chance(options.womanHeadedShare ?? 0.25);
  const booklet = digits(rng, 8);
  const members = drafts(rng, size, community, womanHeaded).map(
    (d): GeneratedMember => ({
      memberId: uuidFrom(rng),
      name: d.name,
      fullNameAr: fullName(d.name, 'ar'),
      fullNameLatin: fullName(d.name, 'latin'),
      sex: d.sex,
      dateOfBirth: birthDateForAge(referenceDate, d.age, rng.int(0, 364)),
      relationship: d.relationship,
      needs: needsOf(rng, d, shares),
      document: documentOf(rng, d.age, booklet, campId),
    }),
  );
  const language: Language =
    community === 'kurdish' ? rng.weighted<Language>([['kmr', 65], ['ar', 25], ['ckb', 10]]) : rng.weighted<Language>([['ar', 97], ['en', 3]]);
  const sequence = options.sequence ?? rng.int(1, 999_999);
  return {
    householdId: uuidFrom(rng),
    campId,
    caseNumber: `${campId.slice(0, 3).toUpperCase()}-${String(sequence).padStart(6, '0')}`,
    community,
    destinationArea: rng.pick(options.destinationAreas),
    language,
    phone: rng.chance(0.9) ? generateSyrianMobile(rng) : null,
    members,
  };
}

/** `count` households from one seed: the same seed and options give the same households. */
export function generateHouseholds(seed: number | string, count: number, options: HouseholdOptions): GeneratedHousehold[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => generateHousehold(rng, { ...options, sequence: i + 1 }));
}
