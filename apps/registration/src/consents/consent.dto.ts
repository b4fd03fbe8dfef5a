import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CONSENT_DECISIONS, CONSENT_POLICIES, LOCAL_DATE_PATTERN, type ConsentDecision, type ConsentPolicy } from '@awda/contracts';

export const CONSENT_METHODS = ['signed_form', 'verbal_with_witness'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export class RecordConsentDto {
  @ApiProperty({ description: 'The adult whose decision this is' }) @IsUUID() memberId!: string;
  @ApiProperty({ enum: CONSENT_DECISIONS }) @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @ApiProperty({ example: '2025-06-01' }) @Matches(LOCAL_DATE_PATTERN, { message: '$property must be a date YYYY-MM-DD' }) decidedOn!: string;
  @ApiProperty({ enum: CONSENT_METHODS }) @IsIn(CONSENT_METHODS) method!: ConsentMethod;
  @ApiPropertyOptional({ example: 'FORM-2025-0042' }) @IsOptional() @IsString() @MaxLength(80) formReference?: string;
  @ApiPropertyOptional({ description: 'Supervisors: the recorded decision this one corrects (a data-entry mistake)' })
  @IsOptional() @IsUUID()
  correctsConsentId?: string;
}

export class ConsentPolicyDto {
  @ApiProperty({ enum: CONSENT_POLICIES }) @IsIn(CONSENT_POLICIES) policy!: ConsentPolicy;
}
