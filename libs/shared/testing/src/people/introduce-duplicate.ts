// Near-duplicate registrations: the same family registered twice, by another clerk who spelt the head's
// name differently and wrote a date of birth a year off. Ground truth for duplicate-detection tests.
import { shiftYears } from './dates.js';
import { uuidFrom } from './generate-household.js';
import type { GeneratedHousehold, GeneratedMember, NamePart, PersonName } from './household.js';
import { ARAB_FAMILY_NAMES, ARAB_FEMALE_NAMES, ARAB_MALE_NAMES, KURDISH_FAMILY_NAMES, KURDISH_FEMALE_NAMES, KURDISH_MALE_NAMES } from './name-lists.js';
import { generateSyrianMobile } from './phone.js';
import type { Rng } from './rng.js';

type ArabicSpelling = (name: PersonName) => PersonName;

const ALL_NAMES = [
  ...ARAB_MALE_NAMES, ...ARAB_FEMALE_NAMES, ...KURDISH_MALE_NAMES, ...KURDISH_FEMALE_NAMES,
  ...ARAB_FAMILY_NAMES, ...KURDISH_FAMILY_NAMES,
];

function mapParts(name: PersonName, change: (ar: string) => string): PersonName {
  const part = (p: NamePart): NamePart => ({ ...p, ar: change(p.ar) });
  return { given: part(name.given), father: part(name.father), grandfather: part(name.grandfather), family: part(name.family) };
}

// Ways clerks write the same Arabic name: each leaves the name the same to a reader.
const ARABIC_SPELLINGS: readonly ArabicSpelling[] = [
  (n) => mapParts(n, (ar) => ar.replace(/[أإآ]/g, 'ا')), // hamza left out
  (n) => mapParts(n, (ar) => ar.replace(/ة$/, 'ه')), // teh marbuta as heh
  (n) => mapParts(n, (ar) => ar.replace(/ى$/, 'ي')), // alef maqsura as yeh
  (n) => mapParts(n, (ar) => ar.replace(/^((?:ال)?عبد) ال/, '$1ال')), // compound as one word
  (n) => ({ ...n, family: { ...n.family, ar: n.family.ar.replace(/^ال(?=..)/, '') } }), // family name without al-
  (n) => mapParts(n, (ar) => ar.replace(/ي/g, 'ی').replace(/ك/g, 'ک')), // Persian keyboard
  (n) => ({ ...n, given: { ...n.given, ar: n.given.ar.replace(/^(.)(.)/, '$1$2\u0651') } }), // a shadda
  (n) => ({ ...n, given: { ...n.given, ar: n.given.ar.replace(/^(.)/, '$1\u0640') } }), // tatweel
];

function arabicFull(name: PersonName, withGrandfather: boolean): string {
  const parts = withGrandfather ? [name.given, name.father, name.grandfather, name.family] : [name.given, name.father, name.family];
  return parts.map((p) => p.ar).join(' ');
}

function latinFull(name: PersonName, withGrandfather: boolean): string {
  const parts = withGrandfather ? [name.given, name.father, name.grandfather, name.family] : [name.given, name.father, name.family];
  return parts.map((p) => p.latin).join(' ');
}

/** Another listed spelling of the same name, or a rule-made one (ou ↔ u, ee ↔ i, doubled letters). */
function otherLatin(rng: Rng, part: NamePart): string {
  const listed = ALL_NAMES.find((e) => e.ar === part.ar)?.latin.filter((l) => l !== part.latin) ?? [];
  if (listed.length > 0) return rng.pick(listed);
  const rules: readonly ((s: string) => string)[] = [
    (s) => s.replace('ou', 'u'),
    (s) => s.replace('u', 'ou'),
    (s) => s.replace('ee', 'i'),
    (s) => s.replace(/([bdfklmnrst])([aeiou])/, '$1$1$2'),
    (s) => s.replace(/^Al-/, 'Al '),
  ];
  for (const rule of rules) {
    const changed = rule(part.latin);
    if (changed !== part.latin) return changed;
  }
  return part.latin;
}

function respelledHead(rng: Rng, head: GeneratedMember): GeneratedMember {
  const applicable = ARABIC_SPELLINGS.filter((s) => arabicFull(s(head.name), true) !== head.fullNameAr);
  let name = rng.pick(applicable)(head.name);
  if (rng.chance(0.4)) name = rng.pick(ARABIC_SPELLINGS)(name);
  const latinPart = rng.chance(0.7) ? 'given' : 'family';
  name = { ...name, [latinPart]: { ...name[latinPart], latin: otherLatin(rng, name[latinPart]) } };
  // The second clerk sometimes skips the grandfather.
  const withGrandfather = rng.chance(0.7);
  return {
    ...head,
    memberId: uuidFrom(rng),
    name,
    fullNameAr: arabicFull(name, withGrandfather),
    fullNameLatin: latinFull(name, withGrandfather),
    dateOfBirth: shiftYears(head.dateOfBirth, rng.chance(0.5) ? 1 : -1),
  };
}

/**
 * A plausible second registration of the same household: the head's name spelt another way in Arabic and
 * Latin, the head's date of birth a year off, most other members again, new ids and case number.
 */
export function introduceDuplicate(rng: Rng, household: GeneratedHousehold): GeneratedHousehold {
  const [head, ...others] = household.members;
  if (head === undefined) throw new RangeError('a household needs a head to be duplicated');
  const again = others.filter(() => rng.chance(0.85)).map((m) => ({ ...m, memberId: uuidFrom(rng) }));
  const caseDigits = String(rng.int(1, 999_999)).padStart(6, '0');
  return {
    ...household,
    householdId: uuidFrom(rng),
    caseNumber: `${household.caseNumber.split('-')[0] ?? 'DUP'}-${caseDigits}`,
    phone: rng.chance(0.6) ? household.phone : generateSyrianMobile(rng),
    members: [respelledHead(rng, head), ...again],
    duplicateOf: household.householdId,
  };
}
