import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CONSENT_DECISIONS, CONSENT_POLICIES, type ConsentDecision, type ConsentPolicy } from '@awda/contracts';
import { IsLocalDate } from '@awda/bootstrap';

/** No displacement Awda serves began before 2011: an earlier decision date is a typing mistake (year 1, 1911…). */
const CONSENT_DATE_FLOOR = '2011-01-01';

export const CONSENT_METHODS = ['signed_form', 'verbal_with_witness'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export class RecordConsentDto {
  @ApiProperty({ description: 'The adult whose decision this is' }) @IsUUID() memberId!: string;
  @ApiProperty({ enum: CONSENT_DECISIONS }) @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @ApiProperty({ example: '2025-06-01', description: 'YYYY-MM-DD, not after today in the camps’ time zone, not before 2011' })
  // Not after today is the service's rule (CampClock, CAMP_TIME_ZONE: 422 REGISTRATION.DATE_IN_FUTURE).
  @IsLocalDate({ notBefore: CONSENT_DATE_FLOOR })
  decidedOn!: string;
  @ApiProperty({ enum: CONSENT_METHODS }) @IsIn(CONSENT_METHODS) method!: ConsentMethod;
  @ApiPropertyOptional({ example: 'FORM-2025-0042' }) @IsOptional() @IsString() @MaxLength(80) formReference?: string;
  @ApiPropertyOptional({ description: 'Supervisors: the recorded decision this one corrects (a data-entry mistake)' })
  @IsOptional() @IsUUID()
  correctsConsentId?: string;
}

export class ConsentPolicyDto {
  @ApiProperty({ enum: CONSENT_POLICIES }) @IsIn(CONSENT_POLICIES) policy!: ConsentPolicy;
}
