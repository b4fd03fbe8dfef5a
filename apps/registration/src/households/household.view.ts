import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DestinationWarning } from '../corridors/corridor-coverage.js';
import { isChildHeaded, missingItems, type AdultDecision } from '../consents/consent-rules.js';
import { ageOf } from './member-age.js';
import type { HouseholdAggregate } from './household.types.js';
import { openShelter, type PersonalCipher } from '../privacy/household-keys.js';

export interface MemberView {
  id: string;
  fullNameAr: string;
  fullNameLatin: string | null;
  sex: string;
  dateOfBirth: string | null;
  estimatedAge: number | null;
  age: number;
  relationship: string;
  needs: string[];
  fitToTravel: boolean | null;
  hasMedicalClearance: boolean;
  travelMode: string | null;
  hasBestInterestsDetermination: boolean;
  documents: { type: string; number: string }[];
  consent: { decision: string; decidedOn: string } | null;
}

/** A household as a case worker sees it (personal data decrypted: every read is audited). */
export class HouseholdView {
  @ApiProperty() id!: string;
  @ApiProperty() campId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ nullable: true, type: String }) shelterLocation!: string | null;
  @ApiProperty() destinationArea!: string;
  @ApiProperty() language!: string;
  @ApiProperty({ nullable: true, type: String, description: 'E.164' }) phone!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) closedReason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Closed as a duplicate: the household kept for the family' })
  mergedInto!: string | null;
  @ApiProperty({ description: 'Send it back in If-Match when changing the household' }) version!: number;
  @ApiProperty() consentPolicy!: string;
  @ApiProperty() unresolvedDuplicates!: number;
  @ApiProperty({ nullable: true, type: Object }) schedule!: { convoyId: string; departureDate: string | null } | null;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [Object] }) members!: MemberView[];
  @ApiProperty({ description: 'No member has reached the adult age (ADULT_AGE): a guardian or a best-interests decision consents' })
  childHeaded!: boolean;
  @ApiProperty({ nullable: true, type: Object, description: 'With childHeaded: the latest guardian consent or best-interests decision' })
  guardianConsent!: { basis: string; decision: string; decidedOn: string } | null;
  @ApiProperty({
    type: [String],
    description: 'What is missing before the family can travel, e.g. "consent missing for 1 adult", "guardian consent or best-interests decision missing"',
  })
  consentMissing!: string[];
  @ApiPropertyOptional({
    type: [Object],
    description:
      'In the answer to a registration or a change of destination: e.g. REGISTRATION.DESTINATION_NOT_SERVED when no convoy route reaches the destination yet (the family is registered and stays pending until one does)',
  })
  warnings?: DestinationWarning[];
}

/** adultAge: ADULT_AGE, as the snapshot and eligibility use it. */
export function householdView(aggregate: HouseholdAggregate, cipher: PersonalCipher, adultAge: number): HouseholdView {
  const { household: h, members, consents } = aggregate;
  const childHeaded = isChildHeaded(members.map(ageOf), adultAge);
  const guardian = childHeaded ? aggregate.guardianConsent : null;
  const adults: AdultDecision[] = members
    .filter((m) => ageOf(m) >= adultAge)
    .map((m) => ({ memberId: m.id, isHead: m.relationship === 'head', decision: consents.get(m.id)?.decision ?? null }));
  return {
    childHeaded,
    guardianConsent: guardian === null ? null : { basis: guardian.basis, decision: guardian.decision, decidedOn: guardian.decidedOn },
    consentMissing: missingItems(adults, aggregate.consentPolicy, guardian?.decision ?? null),
    id: h.id,
    campId: h.campId,
    caseNumber: h.caseNumber,
    shelterLocation: openShelter(cipher, h),
    destinationArea: h.destinationArea,
    language: h.language,
    phone: h.phoneEncrypted === null ? null : cipher.decrypt(h.phoneEncrypted, h.id),
    status: h.status,
    closedReason: h.closedReason,
    mergedInto: h.mergedInto ?? null,
    version: h.version,
    consentPolicy: aggregate.consentPolicy,
    unresolvedDuplicates: aggregate.unresolvedDuplicates,
    schedule: h.convoyId === null ? null : { convoyId: h.convoyId, departureDate: h.departureDate },
    registeredAt: new Date(h.registeredAt).toISOString(),
    updatedAt: new Date(h.updatedAt).toISOString(),
    members: members.map((m) => {
      const consent = consents.get(m.id);
      return {
        id: m.id,
        fullNameAr: m.fullNameAr,
        fullNameLatin: m.fullNameLatin,
        sex: m.sex,
        dateOfBirth: m.dateOfBirth,
        estimatedAge: m.estimatedAge,
        age: ageOf(m),
        relationship: m.relationship,
        needs: m.needs,
        fitToTravel: m.fitToTravel,
        hasMedicalClearance: m.hasMedicalClearance,
        travelMode: m.travelMode,
        hasBestInterestsDetermination: m.hasBestInterestsDetermination,
        documents: m.documents.map((d) => ({ type: d.type, number: cipher.decrypt(d.numberEncrypted, h.id) })),
        consent: consent ? { decision: consent.decision, decidedOn: consent.decidedOn } : null,
      };
    }),
  };
}
