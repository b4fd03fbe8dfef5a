import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldCipher } from '@awda/auth';
import type { DestinationWarning } from '../areas/corridor-coverage.js';
import { ageOf } from './member-age.js';
import type { HouseholdAggregate } from './household.types.js';

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
  @ApiPropertyOptional({
    type: [Object],
    description:
      'In the answer to a registration or a change of destination: e.g. REGISTRATION.DESTINATION_NOT_SERVED when no convoy route reaches the destination yet (the family is registered and stays pending until one does)',
  })
  warnings?: DestinationWarning[];
}

export function householdView(aggregate: HouseholdAggregate, cipher: FieldCipher): HouseholdView {
  const { household: h, members, consents } = aggregate;
  return {
    id: h.id,
    campId: h.campId,
    caseNumber: h.caseNumber,
    shelterLocation: h.shelterLocation,
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
