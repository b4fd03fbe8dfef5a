import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CONSENT_DECISIONS, GUARDIAN_CONSENT_BASES, type ConsentDecision, type GuardianConsentBasis } from '@awda/contracts';
import { IsLocalDate } from '@awda/bootstrap';
import { IsMobilePhoneNumber } from '../households/dto/phone.validator.js';
import { CONSENT_METHODS, type ConsentMethod } from './consent.dto.js';

/** As for an adult's decision: no displacement Awda serves began before 2011. */
const CONSENT_DATE_FLOOR = '2011-01-01';

export class GuardianDto {
  @ApiProperty({ description: 'The guardian’s full name (personal data: never logged, not in events)' })
  @IsString() @MinLength(1) @MaxLength(120)
  fullName!: string;

  @ApiProperty({ example: 'maternal uncle', description: 'How the guardian is related to the children' })
  @IsString() @MinLength(1) @MaxLength(60)
  relationship!: string;

  @ApiProperty({ example: '0944 123 456', description: 'A mobile number: the family’s SMS go here, not to the children’s phone' })
  @IsMobilePhoneNumber()
  phone!: string;
}

export class BestInterestsDecisionDto {
  @ApiProperty({ example: 'BID-2025-0107', description: 'Reference of the best-interests decision on the case file' })
  @IsString() @MinLength(1) @MaxLength(80)
  reference!: string;

  @ApiPropertyOptional({ example: '0944 765 432', description: 'The case worker’s contact number: the family’s SMS go here, not to the children’s phone' })
  @IsOptional() @IsMobilePhoneNumber()
  contactPhone?: string;
}

/** Consent for a household with no adult: its guardian decides, or staff take a best-interests decision. */
export class RecordGuardianConsentDto {
  @ApiProperty({ enum: GUARDIAN_CONSENT_BASES }) @IsIn(GUARDIAN_CONSENT_BASES) basis!: GuardianConsentBasis;
  @ApiProperty({ enum: CONSENT_DECISIONS }) @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  @ApiProperty({ example: '2025-06-01', description: 'YYYY-MM-DD, not after today in the camps’ time zone, not before 2011' })
  @IsLocalDate({ notBefore: CONSENT_DATE_FLOOR })
  decidedOn!: string;

  @ApiPropertyOptional({ type: GuardianDto, description: 'Required with basis guardian, refused otherwise' })
  @ValidateIf((o: RecordGuardianConsentDto) => o.basis === 'guardian' || o.guardian !== undefined)
  @IsDefined({ message: 'guardian is required when basis is guardian' })
  @ValidateNested() @Type(() => GuardianDto)
  guardian?: GuardianDto;

  @ApiPropertyOptional({ type: BestInterestsDecisionDto, description: 'Required with basis best_interests, refused otherwise' })
  @ValidateIf((o: RecordGuardianConsentDto) => o.basis === 'best_interests' || o.bestInterests !== undefined)
  @IsDefined({ message: 'bestInterests is required when basis is best_interests' })
  @ValidateNested() @Type(() => BestInterestsDecisionDto)
  bestInterests?: BestInterestsDecisionDto;

  @ApiPropertyOptional({ enum: CONSENT_METHODS, description: 'How the guardian gave the decision (basis guardian)' })
  @IsOptional() @IsIn(CONSENT_METHODS)
  method?: ConsentMethod;
}
