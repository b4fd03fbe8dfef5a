// Answers of the services as the console reads them. The services' OpenAPI documents describe
// requests but not yet responses; these mirror the services' view classes (registration's
// HouseholdView, eligibility's AssessmentView, …). Replace with the generated types once the
// documents declare them.
import type { components as Registration } from './generated/registration';
import type { components as Transport } from './generated/transport';

export type Language = Registration['schemas']['CreateHouseholdDto']['language'];
export type Sex = Registration['schemas']['MemberDto']['sex'];
export type Relationship = Registration['schemas']['MemberDto']['relationship'];
export type NeedCode = NonNullable<Registration['schemas']['MemberDto']['needs']>[number];
export type DocumentType = Registration['schemas']['IdentityDocumentDto']['type'];
export type ConsentDecision = Registration['schemas']['RecordConsentDto']['decision'];
export type ConsentMethod = Registration['schemas']['RecordConsentDto']['method'];
export type CreateHouseholdBody = Registration['schemas']['CreateHouseholdDto'];
export type MemberBody = Registration['schemas']['MemberDto'];
export type UpdateMemberBody = Registration['schemas']['UpdateMemberDto'];
export type TravelMode = NonNullable<Registration['schemas']['MemberDto']['travelMode']>;
export type GuardianConsentBody = Registration['schemas']['RecordGuardianConsentDto'];
export type GuardianConsentBasis = GuardianConsentBody['basis'];

export type HouseholdStatus = 'registered' | 'scheduled' | 'departed' | 'withdrawn' | 'closed';
export type AssessmentStatus = 'eligible' | 'pending' | 'ineligible';

export interface MemberView {
  id: string;
  fullNameAr: string;
  fullNameLatin: string | null;
  sex: Sex;
  dateOfBirth: string | null;
  estimatedAge: number | null;
  age: number;
  relationship: Relationship;
  needs: NeedCode[];
  fitToTravel: boolean | null;
  hasMedicalClearance: boolean;
  /** How the person can travel, as the medical clearance states; null: not stated. */
  travelMode: TravelMode | null;
  hasBestInterestsDetermination: boolean;
  documents: { type: DocumentType; number: string }[];
  consent: { decision: ConsentDecision; decidedOn: string } | null;
}

export interface HouseholdView {
  id: string;
  campId: string;
  caseNumber: string;
  shelterLocation: string | null;
  destinationArea: string;
  language: Language;
  phone: string | null;
  status: HouseholdStatus;
  closedReason: string | null;
  version: number;
  consentPolicy: 'each_adult' | 'head_only';
  unresolvedDuplicates: number;
  schedule: { convoyId: string; departureDate: string | null } | null;
  registeredAt: string;
  updatedAt: string;
  members: MemberView[];
  /** No member has reached the adult age: a guardian or a best-interests decision consents. */
  childHeaded: boolean;
  /** With childHeaded: the latest guardian consent or best-interests decision. */
  guardianConsent: { basis: GuardianConsentBasis; decision: ConsentDecision; decidedOn: string } | null;
  consentMissing: string[];
  /** Only in the answer to a registration or a change of destination, e.g. REGISTRATION.DESTINATION_NOT_SERVED. */
  warnings?: { code: string; field: string; message: string }[];
}

/** One recorded guardian consent or best-interests decision (GET /households/{id}/guardian-consents). */
export interface GuardianConsentEntry {
  id: string;
  basis: GuardianConsentBasis;
  decision: ConsentDecision;
  decidedOn: string;
  method: string | null;
  guardian: { fullName: string; relationship: string; phone: string } | null;
  bestInterests: { reference: string; contactPhone: string | null } | null;
  recordedBy: string;
  recordedByRole: string;
  recordedAt: string;
}

/** Where a family sits on its convoy (transport's GET /households/{householdId}/seat). */
export type SeatView = Transport['schemas']['SeatViewDto'];

export interface HouseholdSummary {
  id: string;
  campId: string;
  caseNumber: string;
  status: HouseholdStatus;
  destinationArea: string;
  version: number;
  headNameAr: string | null;
  headNameLatin: string | null;
  members: number;
}

export interface HouseholdPage {
  items: HouseholdSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ReasonOnWire {
  code: string;
  outcome?: string;
  params: Record<string, string | number>;
}

export interface TimelineEntry {
  occurredAt: string;
  kind: string;
  version: number | null;
  actor: string | null;
  changes: string[];
  detail: Record<string, unknown>;
}

export interface Timeline {
  entries: TimelineEntry[];
  latestAssessment: { status: AssessmentStatus; reasons: ReasonOnWire[]; householdVersion: number; assessedAt: string } | null;
}

export interface BilingualText {
  ar: string;
  en: string;
}

export interface AssessmentView {
  householdId: string;
  campId: string;
  destinationArea: string;
  status: AssessmentStatus;
  ruleStatus: AssessmentStatus;
  explanation: BilingualText;
  reasons: (ReasonOnWire & { ruleId: string; message: BilingualText })[];
  override: { applied: boolean; expired: boolean; outcome: 'eligible' | 'ineligible'; reason: string; expiresAt: string | null } | null;
  householdVersion: number;
  assessmentVersion: number;
  assessedAt: string;
}

export interface ConsentEntry {
  id: string;
  memberId: string;
  decision: ConsentDecision;
  decidedOn: string;
  method: ConsentMethod;
  formReference: string | null;
  recordedBy: string;
  recordedAt: string;
  correctsConsentId: string | null;
  superseded: boolean;
}

export interface Area {
  code: string;
  level: string;
  parentCode: string | null;
  nameEn: string;
  nameAr: string;
}

export interface AreaStatusList {
  defaultStatus: 'open' | 'closed' | 'restricted';
  areas: { code: string; status: 'open' | 'closed' | 'restricted'; reason: string | null; effectiveFrom: string }[];
  scheduled: { id: string; areaCode: string; status: 'open' | 'closed' | 'restricted'; reason: string | null; effectiveFrom: string }[];
}

export interface DuplicateCandidate {
  id: string;
  householdId: string;
  otherHouseholdId: string;
  campId: string;
  otherCampId: string;
  /** Registration status of each household (a scheduled one keeps its seat while the pair waits). */
  householdStatus: HouseholdStatus | null;
  otherHouseholdStatus: HouseholdStatus | null;
  reasons: string[];
  score: number;
  status: 'open' | 'same' | 'distinct';
  decidedBy: string | null;
  decisionReason: string | null;
  /** Decided "same": the household kept. */
  keptHouseholdId: string | null;
  /** A pair across two camps: one camp's supervisor agreed on the household kept; the other camp's must agree. */
  mergeProposal: { keepHouseholdId: string; approvedCamps: string[]; awaitingCamps: string[] } | null;
  createdAt: string;
}

/** GET /duplicates: a page in the order the pairs were found; `nextAfter` is passed as `after` for the next. */
export interface DuplicatePage {
  items: DuplicateCandidate[];
  nextAfter: string | null;
}

export interface OverrideView {
  id: string;
  householdId: string;
  campId: string;
  outcome: 'eligible' | 'ineligible';
  reason: string;
  expiresAt: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface RuleSetView {
  version: number;
  name: string;
  active: boolean;
  document: unknown;
  createdBy: string;
  createdAt: string;
  activatedAt: string | null;
}

export type RuleSetValidation = { valid: true; errors: [] } | { valid: false; errors: { path: string; message: string }[] };

export interface MessageView {
  id: string;
  householdId: string;
  template: string;
  status: string;
  language: string;
  text: string | null;
  encoding: string;
  segments: number;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

/** notifications GET /messages/{id}: one SMS with every status it went through. */
export interface MessageDetail extends MessageView {
  history: { status: string; at: string; detail: string | null }[];
}

export interface MessageStatsRow {
  day: string;
  template: string;
  messages: number;
  segments: number;
  delivered: number;
  failures: number;
  suppressed: number;
  expired: number;
}

export interface TemplateView {
  template: string;
  language: Language;
  variables: string[];
  defaultText: string;
  override: string | null;
}

export interface TemplatePreview {
  text: string;
  language: string;
  encoding: string;
  segments: number;
  characters: number;
  source: 'draft' | 'saved';
  /** Priced by the service with the configured SMS_PRICE_* list (minor units of `currency`). */
  cost: { segments: number; costMinor: number; currency: string };
}

export interface ImportView {
  id: string;
  campId: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  status: 'queued' | 'running' | 'completed' | 'failed';
  rowsTotal: number | null;
  rowsRead: number;
  householdsCreated: number;
  householdsUpdated: number;
  householdsUnchanged: number;
  rowsFailed: number;
  failure: string | null;
  errors: { row: number; field: string | null; message: string }[];
}
