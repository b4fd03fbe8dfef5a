import type { ConsentDecision, ConsentPolicy, GuardianConsentBasis, HouseholdStatus, Language, NeedCode, Sex, TravelMode } from '@awda/contracts';
import type { DocumentType, Relationship } from './dto/member.dto.js';

export interface HouseholdRecord {
  id: string;
  campId: string;
  caseNumber: string;
  shelterLocation: string | null;
  destinationArea: string;
  language: Language;
  phoneEncrypted: string | null;
  phoneHash: string | null;
  status: HouseholdStatus;
  closedReason: string | null;
  version: number;
  scheduleVersion: number;
  convoyId: string | null;
  departureDate: string | null;
  registeredAt: Date;
  updatedAt: Date;
  createdBy: string;
  /** Closed as a duplicate: the household kept for the family. */
  mergedInto: string | null;
  /** Whom the last contact.changed named: 'household', or for a child-headed household 'guardian', 'case_worker', 'none'. */
  travelContact: string;
  /** The household's data key wrapped by a field key; null before it has one (or once erased). */
  wrappedKey: string | null;
  /** When its personal data was erased (crypto-shredded); null while it is held. */
  erasedAt: Date | null;
}

export interface DocumentRecord {
  id: string;
  type: DocumentType;
  numberEncrypted: string;
}

export interface MemberRecord {
  id: string;
  householdId: string;
  position: number;
  fullNameAr: string;
  fullNameLatin: string | null;
  sex: Sex;
  dateOfBirth: string | null;
  estimatedAge: number | null;
  ageRecordedOn: string;
  relationship: Relationship;
  needs: NeedCode[];
  fitToTravel: boolean | null;
  hasMedicalClearance: boolean;
  /** Null on clearances recorded before travel modes existed, and when not stated. */
  travelMode: TravelMode | null;
  hasBestInterestsDetermination: boolean;
  documents: DocumentRecord[];
}

export interface LatestConsent {
  memberId: string;
  consentId: string;
  decision: ConsentDecision;
  decidedOn: string;
}

/** The latest guardian consent or best-interests decision of a household (only a child-headed one's counts). */
export interface LatestGuardianConsent {
  id: string;
  basis: GuardianConsentBasis;
  decision: ConsentDecision;
  decidedOn: string;
  /** The guardian's phone, or the case worker's contact given with a best-interests decision; encrypted (AAD = household id). */
  contactPhoneEncrypted: string | null;
}

export interface HouseholdAggregate {
  household: HouseholdRecord;
  members: MemberRecord[];
  consents: Map<string, LatestConsent>;
  consentPolicy: ConsentPolicy;
  unresolvedDuplicates: number;
  /** null: none recorded. */
  guardianConsent: LatestGuardianConsent | null;
}
