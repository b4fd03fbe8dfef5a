// Generated households and members, shaped like a registration: names in Arabic and Latin, dates of
// birth, relationship to the head, specific needs, a phone and documents. All fictitious.
import type { Language, NeedCode, Sex } from '@awda/contracts';

export type Relationship = 'head' | 'spouse' | 'son' | 'daughter' | 'parent' | 'sibling' | 'other';
export type DocumentType = 'national_id' | 'family_booklet' | 'camp_card';
export type Community = 'arab' | 'kurdish';

export interface NamePart {
  readonly ar: string;
  readonly latin: string;
}

/** A Syrian name: given, father's given name, grandfather's given name, family name. */
export interface PersonName {
  readonly given: NamePart;
  readonly father: NamePart;
  readonly grandfather: NamePart;
  readonly family: NamePart;
}

export interface IdentityDocument {
  readonly type: DocumentType;
  readonly number: string;
}

export interface GeneratedMember {
  readonly memberId: string;
  readonly name: PersonName;
  /** As registered; a near-duplicate may leave the grandfather out. */
  readonly fullNameAr: string;
  readonly fullNameLatin: string;
  readonly sex: Sex;
  /** YYYY-MM-DD */
  readonly dateOfBirth: string;
  readonly relationship: Relationship;
  readonly needs: readonly NeedCode[];
  readonly document: IdentityDocument | null;
}

export interface GeneratedHousehold {
  readonly householdId: string;
  readonly campId: string;
  readonly caseNumber: string;
  readonly community: Community;
  readonly destinationArea: string;
  readonly language: Language;
  /** E.164, e.g. +963944123456; null when the household gave none. */
  readonly phone: string | null;
  /** The head is always first. */
  readonly members: readonly GeneratedMember[];
  /** Set on a near-duplicate made by introduceDuplicate: the household it duplicates. */
  readonly duplicateOf?: string;
}

export interface HouseholdOptions {
  /** Destination area codes (e.g. p-codes) to pick from; at least one. */
  readonly destinationAreas: readonly string[];
  /** Share of people with a serious medical condition (SMC); default 0.04. */
  readonly medicalCaseShare?: number;
  /** Share of people with a disability (DIS); default 0.03. */
  readonly disabilityShare?: number;
  /** Share of woman-headed households; default 0.25. */
  readonly womanHeadedShare?: number;
  /** Share of Kurdish households; default 0.15. */
  readonly kurdishShare?: number;
  /** Default "mahmoudli". */
  readonly campId?: string;
  /** The day ages are counted on, YYYY-MM-DD; default 2025-06-01, so output never depends on the clock. */
  readonly referenceDate?: string;
  /** Number in the case number; random when absent. */
  readonly sequence?: number;
}
