// class-transformer's @Type reads design:type with Reflect.getMetadata while this module is evaluated: the
// polyfill must be loaded by this module itself, not left to whichever entry point happened to load it first.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  AREA_CODE_PATTERN,
  AREA_LEVELS,
  CAMP_ID_PATTERN,
  CONSENT_DECISIONS,
  CONSENT_POLICIES,
  HOUSEHOLD_STATUSES,
  LANGUAGES,
  LOCAL_DATE_PATTERN,
  NEED_CODES,
  SEXES,
  TRAVEL_MODES,
  type AreaLevel,
  type ConsentDecision,
  type ConsentPolicy,
  type HouseholdStatus,
  type Language,
  type NeedCode,
  type Sex,
  type TravelMode,
} from '../common.js';

export const HOUSEHOLD_REGISTERED_V1 = 'awda.registration.household.registered.v1';
export const HOUSEHOLD_UPDATED_V1 = 'awda.registration.household.updated.v1';
export const CONSENT_RECORDED_V1 = 'awda.registration.consent.recorded.v1';
export const HOUSEHOLD_WITHDRAWN_V1 = 'awda.registration.household.withdrawn.v1';
export const CONTACT_CHANGED_V1 = 'awda.registration.contact.changed.v1';
export const HOUSEHOLD_CLOSED_V1 = 'awda.registration.household.closed.v1';
export const HOUSEHOLD_ERASED_V1 = 'awda.registration.household.erased.v1';
export const AREAS_PUBLISHED_V1 = 'awda.registration.areas.published.v1';

/** Most areas one list may hold: with names in two scripts, the event stays well under NATS's 1 MB payload. */
export const AREAS_PUBLISHED_MAX = 5000;

/** Who consents for a household with no adult: a guardian, or staff by a best-interests decision. */
export const GUARDIAN_CONSENT_BASES = ['guardian', 'best_interests'] as const;
export type GuardianConsentBasis = (typeof GUARDIAN_CONSENT_BASES)[number];

/** Where a child-headed household's messages go instead of its own phone ('none': nobody known yet). */
export const TRAVEL_CONTACTS = ['guardian', 'case_worker', 'none'] as const;
export type TravelContact = (typeof TRAVEL_CONTACTS)[number];

/** The latest consent given for a child-headed household: no names, no phones. */
export class GuardianConsentFactsV1 {
  @IsIn(GUARDIAN_CONSENT_BASES) basis!: GuardianConsentBasis;
  @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @Matches(LOCAL_DATE_PATTERN) decidedOn!: string;
}

/** What consumers may know of a member: no names, no document numbers. */
export class MemberFactsV1 {
  @IsUUID() memberId!: string;
  @IsBoolean() isHead!: boolean;
  @IsInt() @Min(0) @Max(120) age!: number;
  @IsIn(SEXES) sex!: Sex;
  @IsArray() @IsIn(NEED_CODES, { each: true }) needs!: NeedCode[];
  @IsOptional() @IsBoolean() fitToTravel!: boolean | null;
  /** A fitness-to-travel clearance is on file (for serious medical conditions). */
  @IsBoolean() hasMedicalClearance!: boolean;
  /** How the clearance says the member can travel (absent from older producers and without a clearance). */
  @IsOptional() @IsIn(TRAVEL_MODES) travelMode?: TravelMode | null;
  /** A best-interests determination is on file (for separated children). */
  @IsBoolean() hasBestInterestsDetermination!: boolean;
  @IsBoolean() hasIdentityDocument!: boolean;
  /** The member's latest consent decision, or null if none recorded. */
  @IsOptional() @IsIn(CONSENT_DECISIONS) consent!: ConsentDecision | null;
}

/**
 * A versioned snapshot of a household, sent on registration and after EVERY change
 * (members, consent, destination, status, duplicates). Projections keep the newest version only.
 */
export class HouseholdSnapshotV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsString() @MaxLength(40) caseNumber!: string;
  /** Increases by one with every change of the household; consumers drop older versions. */
  @IsInt() @Min(1) version!: number;
  @IsIn(HOUSEHOLD_STATUSES) status!: HouseholdStatus;
  @Matches(AREA_CODE_PATTERN) destinationArea!: string;
  @IsIn(LANGUAGES) language!: Language;
  @IsIn(CONSENT_POLICIES) consentPolicy!: ConsentPolicy;
  @IsISO8601() registeredAt!: string;
  @IsArray() @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => MemberFactsV1) members!: MemberFactsV1[];
  @IsInt() @Min(0) unresolvedDuplicates!: number;
  /** Closed as a duplicate: the household kept for the family (as in household.closed); absent otherwise and from older producers. */
  @IsOptional() @IsUUID() mergedInto?: string;
  /** No member has reached the adult age (ADULT_AGE): a guardian or a best-interests decision consents; absent from older producers. */
  @IsOptional() @IsBoolean() childHeaded?: boolean;
  /** With childHeaded: the latest guardian consent or best-interests decision, null when none; absent from older producers. */
  @IsOptional() @ValidateNested() @Type(() => GuardianConsentFactsV1) guardianConsent?: GuardianConsentFactsV1 | null;
}

export class HouseholdRegisteredV1 {
  @ValidateNested() @Type(() => HouseholdSnapshotV1) household!: HouseholdSnapshotV1;
}

export class HouseholdUpdatedV1 {
  @ValidateNested() @Type(() => HouseholdSnapshotV1) household!: HouseholdSnapshotV1;
  /** What changed, for timelines and messages: e.g. members, consent, destination, duplicates, status. */
  @IsArray() @IsString({ each: true }) changes!: string[];
}

export class ConsentRecordedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() memberId!: string;
  @IsUUID() consentId!: string;
  @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @Matches(LOCAL_DATE_PATTERN) decidedOn!: string;
  @IsIn(['signed_form', 'verbal_with_witness']) method!: 'signed_form' | 'verbal_with_witness';
  /** Household version after this decision. */
  @IsInt() @Min(1) version!: number;
}

export class HouseholdWithdrawnV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  /** The adult whose withdrawal withdrew the household. */
  @IsUUID() memberId!: string;
  @Matches(LOCAL_DATE_PATTERN) withdrawnOn!: string;
  @IsInt() @Min(1) version!: number;
}

/** The only event that carries a phone number, encrypted (AES-256-GCM, AAD = householdId). */
export class ContactChangedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsOptional() @IsString() @MaxLength(512) phoneEncrypted!: string | null;
  @IsIn(LANGUAGES) language!: Language;
  @IsString() @MaxLength(40) caseNumber!: string;
  @IsInt() @Min(1) version!: number;
  /**
   * Set for a child-headed household: its messages go to this contact, never to the child's phone
   * ('none': no guardian or case worker phone yet). Absent: to phoneEncrypted (older producers too).
   */
  @IsOptional() @IsIn(TRAVEL_CONTACTS) travelContact?: TravelContact;
  /** That contact's phone, encrypted like phoneEncrypted (AAD = householdId); null with 'none'. */
  @IsOptional() @IsString() @MaxLength(512) travelPhoneEncrypted?: string | null;
}

export class HouseholdClosedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsIn(['departed', 'duplicate', 'other']) reason!: 'departed' | 'duplicate' | 'other';
  @IsInt() @Min(1) version!: number;
  /** With reason 'duplicate': the household kept for the family (its seat goes there); absent from older producers. */
  @IsOptional() @IsUUID() mergedInto?: string;
}

/** A destination area with its names, as registration's reference list holds it. */
export class AreaV1 {
  @Matches(AREA_CODE_PATTERN) code!: string;
  @IsIn(AREA_LEVELS) level!: AreaLevel;
  @IsOptional() @Matches(AREA_CODE_PATTERN) parentCode!: string | null;
  @IsString() @MinLength(1) @MaxLength(120) nameAr!: string;
  @IsString() @MinLength(1) @MaxLength(120) nameEn!: string;
}

/**
 * The whole destination-area list, sent when it changes (first load, an admin's upload). Consumers
 * keep areas a newer list no longer names and ignore a list older than the one they hold.
 */
export class AreasPublishedV1 {
  @IsArray() @ArrayMaxSize(AREAS_PUBLISHED_MAX) @ValidateNested({ each: true }) @Type(() => AreaV1) areas!: AreaV1[];
  @IsISO8601() publishedAt!: string;
}

/**
 * A household's personal data was erased: its data key is destroyed, so every ciphertext made with it
 * is unreadable. Each service drops what it holds about the household in clear (phones, message texts,
 * conversation state) and keeps its counts. Carries no reason and no actor (registration audits those).
 */
export class HouseholdErasedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsISO8601() erasedAt!: string;
  @IsIn(['request', 'retention']) source!: 'request' | 'retention';
}
