export { normaliseArabic } from './arabic-normalise.js';
export { normaliseLatin } from './latin-normalise.js';
export { nameSkeleton, nameTokens, type NameScript, type NameToken } from './name-tokens.js';
export { jaroWinkler, editDistance, tokenSimilarity } from './string-similarity.js';
export { nameSimilarity } from './name-similarity.js';
export { nameSearchKeys, personSearchKeys } from './name-search-keys.js';
export {
  blockingKeys,
  blockingQueryKeys,
  BIRTH_YEAR_BAND_YEARS,
  FIRST_BIRTH_YEAR,
  NO_BIRTH_YEAR_BAND,
  type PersonToBlock,
} from './blocking-keys.js';
export {
  matchPerson,
  mayBeSamePerson,
  isPersonCandidate,
  DEFAULT_MATCH_OPTIONS,
  DEFAULT_CANDIDATE_THRESHOLD,
  DEFAULT_DOB_TOLERANCE_YEARS,
  DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS,
  type MatchPersonOptions,
  type PersonMatch,
  type PersonToMatch,
} from './match-person.js';
