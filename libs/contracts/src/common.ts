// Vocabulary shared by several contracts. Wire values are forever: add, never rename.
export const LANGUAGES = ['ar', 'ckb', 'kmr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** UNHCR-style specific-needs codes. */
export const NEED_CODES = ['SMC', 'DIS', 'ER', 'UASC', 'PLW', 'WR'] as const;
export type NeedCode = (typeof NEED_CODES)[number];

/**
 * How a member with a serious medical condition can travel, as stated at medical clearance: a bus seat,
 * a bus seat with a companion beside them, seated in an ambulance, or lying on an ambulance stretcher.
 */
export const TRAVEL_MODES = ['bus', 'bus_with_companion', 'ambulance_seated', 'stretcher'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

export const CONSENT_DECISIONS = ['consent', 'decline', 'withdraw'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const CONSENT_POLICIES = ['each_adult', 'head_only'] as const;
export type ConsentPolicy = (typeof CONSENT_POLICIES)[number];

export const HOUSEHOLD_STATUSES = ['registered', 'scheduled', 'departed', 'withdrawn', 'closed'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const ASSESSMENT_STATUSES = ['eligible', 'pending', 'ineligible'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Levels of the destination-area hierarchy, top down. */
export const AREA_LEVELS = ['governorate', 'district', 'subdistrict', 'community'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const AREA_STATUSES = ['open', 'closed', 'restricted'] as const;
export type AreaStatus = (typeof AREA_STATUSES)[number];

/** Camp ids and area codes are short lowercase/uppercase tokens, never free text. */
export const CAMP_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,39}$/;
/** OCHA p-code style, e.g. SY11 (governorate) … SY110000 … C1234 (community). */
export const AREA_CODE_PATTERN = /^[A-Z]{1,3}[0-9]{2,8}$/;
export const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
