export { createRng, type Rng } from './rng.js';
export {
  generateHousehold,
  generateHouseholds,
  uuidFrom,
  DEFAULT_CAMP_ID,
  DEFAULT_REFERENCE_DATE,
} from './generate-household.js';
export { introduceDuplicate } from './introduce-duplicate.js';
export {
  DIFFERENT_PEOPLE_KINDS,
  SAME_PERSON_KINDS,
  generateLabelledNamePairs,
  measureMatching,
  type LabelledPair,
  type MatchingQuality,
  type PairKind,
  type RegisteredPerson,
} from './labelled-name-pairs.js';
export { generateSyrianMobile, SYRIAN_MOBILE_E164, SYRIAN_MOBILE_PREFIXES } from './phone.js';
export { ageOn, shiftYears } from './dates.js';
export type {
  Community,
  DocumentType,
  GeneratedHousehold,
  GeneratedMember,
  HouseholdOptions,
  IdentityDocument,
  NamePart,
  PersonName,
  Relationship,
} from './household.js';
export {
  ARAB_FAMILY_NAMES,
  ARAB_FEMALE_NAMES,
  ARAB_MALE_NAMES,
  KURDISH_FAMILY_NAMES,
  KURDISH_FEMALE_NAMES,
  KURDISH_MALE_NAMES,
  type NameEntry,
} from './name-lists.js';
