// The registration form's model: what the person types (strings), what is checked before sending
// (so a missing name costs no round trip), and the API body. Problems are i18n keys under `form.`.
import type { CreateHouseholdBody, DocumentType, Language, MemberBody, MemberView, NeedCode, Relationship, Sex, TravelMode, UpdateMemberBody } from '../api/types';
import { toLatinDigits } from '../i18n/format';

export const RELATIONSHIPS: readonly Relationship[] = ['head', 'spouse', 'son', 'daughter', 'parent', 'sibling', 'grandchild', 'other'];
export const NEED_CODES: readonly NeedCode[] = ['SMC', 'DIS', 'ER', 'UASC', 'PLW', 'WR'];
export const DOCUMENT_TYPES: readonly DocumentType[] = ['national_id', 'family_booklet', 'camp_card', 'passport', 'other'];
export const LANGUAGES: readonly Language[] = ['ar', 'ckb', 'kmr', 'en'];
/** How a person can travel, as a medical clearance states (registration's TRAVEL_MODES). */
export const TRAVEL_MODES: readonly TravelMode[] = ['bus', 'bus_with_companion', 'ambulance_seated', 'stretcher'];

export interface DocumentDraft {
  type: DocumentType;
  number: string;
}

export interface MemberDraft {
  /** Stable React key; never sent. */
  key: string;
  fullNameAr: string;
  fullNameLatin: string;
  sex: Sex | '';
  relationship: Relationship | '';
  /** Either a birth date or an estimated age. */
  dateOfBirth: string;
  estimatedAge: string;
  needs: NeedCode[];
  documents: DocumentDraft[];
  hasMedicalClearance: boolean;
  /** How the clearance says the person can travel; '' when it does not say (only sent with a clearance). */
  travelMode: TravelMode | '';
  hasBestInterestsDetermination: boolean;
  /** A medical assessment's answer; '' when not assessed. */
  fitToTravel: '' | 'fit' | 'unfit';
}

export interface HouseholdDraft {
  campId: string;
  caseNumber: string;
  destinationArea: string;
  phone: string;
  language: Language;
  shelterLocation: string;
  members: MemberDraft[];
}

export type FormProblem =
  | 'form.required'
  | 'form.oneHead'
  | 'form.ageOrBirthDate'
  | 'form.birthDateInvalid'
  | 'form.ageInvalid'
  | 'form.arabicNameScript'
  | 'form.documentNumberRequired'
  | 'form.atLeastOneMember';

let nextKey = 0;

export function emptyMember(relationship: Relationship | '' = ''): MemberDraft {
  nextKey += 1;
  return {
    key: `m${nextKey}`,
    fullNameAr: '',
    fullNameLatin: '',
    sex: '',
    relationship,
    dateOfBirth: '',
    estimatedAge: '',
    needs: [],
    documents: [],
    hasMedicalClearance: false,
    travelMode: '',
    hasBestInterestsDetermination: false,
    fitToTravel: '',
  };
}

export function emptyHousehold(campId: string): HouseholdDraft {
  return { campId, caseNumber: '', destinationArea: '', phone: '', language: 'ar', shelterLocation: '', members: [emptyMember('head')] };
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;

function validBirthDate(text: string, today: Date): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getTime() <= today.getTime() && Number(match[1]) >= 1900;
}

/** One member's problems by its own field (`fullNameAr`, `documents.0.number`); the one-head rule is the household's. */
export function checkMember(member: MemberDraft, today: Date = new Date()): Map<string, FormProblem> {
  const problems = new Map<string, FormProblem>();
  if (!member.fullNameAr.trim()) problems.set('fullNameAr', 'form.required');
  else if (!ARABIC_LETTER.test(member.fullNameAr)) problems.set('fullNameAr', 'form.arabicNameScript');
  if (!member.sex) problems.set('sex', 'form.required');
  if (!member.relationship) problems.set('relationship', 'form.required');
  const age = toLatinDigits(member.estimatedAge.trim());
  if (!member.dateOfBirth && !age) problems.set('dateOfBirth', 'form.ageOrBirthDate');
  else if (member.dateOfBirth && !validBirthDate(member.dateOfBirth, today)) problems.set('dateOfBirth', 'form.birthDateInvalid');
  else if (!member.dateOfBirth && (!/^\d{1,3}$/.test(age) || Number(age) > 120)) problems.set('estimatedAge', 'form.ageInvalid');
  member.documents.forEach((document, d) => {
    if (!document.number.trim()) problems.set(`documents.${d}.number`, 'form.documentNumberRequired');
  });
  return problems;
}

/** Problems by field path (`caseNumber`, `members.1.fullNameAr`), the same paths the API uses. */
export function checkHousehold(draft: HouseholdDraft, today: Date = new Date()): Map<string, FormProblem> {
  const problems = new Map<string, FormProblem>();
  if (!draft.campId.trim()) problems.set('campId', 'form.required');
  if (!draft.caseNumber.trim()) problems.set('caseNumber', 'form.required');
  if (!draft.destinationArea) problems.set('destinationArea', 'form.required');
  if (draft.members.length === 0) problems.set('members', 'form.atLeastOneMember');
  const heads = draft.members.filter((m) => m.relationship === 'head').length;
  draft.members.forEach((member, i) => {
    for (const [field, problem] of checkMember(member, today)) problems.set(`members.${i}.${field}`, problem);
    if (member.relationship === 'head' && heads !== 1) problems.set(`members.${i}.relationship`, 'form.oneHead');
  });
  if (heads === 0 && draft.members.length > 0) problems.set('members.0.relationship', 'form.oneHead');
  return problems;
}

/** The body of a new member (registration, or POST /households/{id}/members). */
export function memberBody(member: MemberDraft): MemberBody {
  const body: MemberBody = {
    fullNameAr: member.fullNameAr.trim().replace(/\s+/g, ' '),
    sex: member.sex as Sex,
    relationship: member.relationship as Relationship,
  };
  if (member.fullNameLatin.trim()) body.fullNameLatin = member.fullNameLatin.trim().replace(/\s+/g, ' ');
  if (member.dateOfBirth) body.dateOfBirth = member.dateOfBirth;
  else body.estimatedAge = Number(toLatinDigits(member.estimatedAge.trim()));
  if (member.needs.length) body.needs = [...member.needs];
  if (member.documents.length) body.documents = member.documents.map((d) => ({ type: d.type, number: toLatinDigits(d.number.trim()) }));
  if (member.hasMedicalClearance) body.hasMedicalClearance = true;
  if (member.hasMedicalClearance && member.travelMode) body.travelMode = member.travelMode;
  if (member.hasBestInterestsDetermination) body.hasBestInterestsDetermination = true;
  if (member.fitToTravel) body.fitToTravel = member.fitToTravel === 'fit';
  return body;
}

/** A registered member as the form edits it. */
export function memberDraftOf(member: MemberView): MemberDraft {
  return {
    ...emptyMember(member.relationship),
    fullNameAr: member.fullNameAr,
    fullNameLatin: member.fullNameLatin ?? '',
    sex: member.sex,
    dateOfBirth: member.dateOfBirth ?? '',
    // The age today (what the page shows), not the age when it was estimated.
    estimatedAge: member.dateOfBirth ? '' : String(member.age),
    needs: [...member.needs],
    documents: member.documents.map((d) => ({ ...d })),
    hasMedicalClearance: member.hasMedicalClearance,
    travelMode: member.travelMode ?? '',
    hasBestInterestsDetermination: member.hasBestInterestsDetermination,
    fitToTravel: member.fitToTravel === null ? '' : member.fitToTravel ? 'fit' : 'unfit',
  };
}

/** The travel mode a clearance states; none without a clearance (a clearance taken away takes its mode with it). */
function travelModeOf(member: MemberDraft): TravelMode | null {
  return member.hasMedicalClearance && member.travelMode ? member.travelMode : null;
}

/**
 * PATCH /households/{id}/members/{memberId}: only what changed from the member as registered (an
 * estimated age not touched is not sent again: that would restart its count from today). A need,
 * a document or a Latin name taken away is sent as empty, a box unticked as false.
 */
export function memberUpdateBody(member: MemberDraft, before: MemberDraft): UpdateMemberBody {
  const after = memberBody(member);
  const full: UpdateMemberBody = {
    fullNameAr: after.fullNameAr,
    fullNameLatin: after.fullNameLatin ?? null,
    sex: after.sex,
    relationship: after.relationship,
    needs: after.needs ?? [],
    documents: after.documents ?? [],
    hasMedicalClearance: member.hasMedicalClearance,
    travelMode: travelModeOf(member),
    hasBestInterestsDetermination: member.hasBestInterestsDetermination,
    fitToTravel: member.fitToTravel === '' ? null : member.fitToTravel === 'fit',
  };
  const old = memberBody(before);
  const was: UpdateMemberBody = {
    fullNameAr: old.fullNameAr,
    fullNameLatin: old.fullNameLatin ?? null,
    sex: old.sex,
    relationship: old.relationship,
    needs: old.needs ?? [],
    documents: old.documents ?? [],
    hasMedicalClearance: before.hasMedicalClearance,
    travelMode: travelModeOf(before),
    hasBestInterestsDetermination: before.hasBestInterestsDetermination,
    fitToTravel: before.fitToTravel === '' ? null : before.fitToTravel === 'fit',
  };
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) {
    if (JSON.stringify(value) !== JSON.stringify(was[key as keyof UpdateMemberBody])) body[key] = value;
  }
  if (member.dateOfBirth !== before.dateOfBirth || toLatinDigits(member.estimatedAge.trim()) !== toLatinDigits(before.estimatedAge.trim())) {
    if (after.dateOfBirth !== undefined) body['dateOfBirth'] = after.dateOfBirth;
    else body['estimatedAge'] = after.estimatedAge;
  }
  return body as UpdateMemberBody;
}

/** The POST /households body (only after checkHousehold found nothing). */
export function householdBody(draft: HouseholdDraft): CreateHouseholdBody {
  const body: CreateHouseholdBody = {
    campId: draft.campId.trim(),
    caseNumber: toLatinDigits(draft.caseNumber.trim()),
    destinationArea: draft.destinationArea,
    language: draft.language,
    members: draft.members.map(memberBody),
  };
  const phone = toLatinDigits(draft.phone.trim());
  if (phone) body.phone = phone;
  if (draft.shelterLocation.trim()) body.shelterLocation = draft.shelterLocation.trim();
  return body;
}

/** Refusals that are about one field although the service names none. */
export const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  'REGISTRATION.CASE_NUMBER_TAKEN': 'caseNumber',
  'REGISTRATION.CAMP_NOT_ALLOWED': 'campId',
  'REGISTRATION.UNKNOWN_AREA': 'destinationArea',
};
