import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateOverrideDto {
  @ApiProperty({ enum: ['eligible', 'ineligible'] })
  @IsIn(['eligible', 'ineligible'])
  outcome!: 'eligible' | 'ineligible';

  @ApiProperty({ description: 'Why the rules are set aside for this household; shown in the explanation', maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['head-identity-document'],
    description:
      'For "eligible": the ids of the rules waived (as the assessment shows them). Default: the rules failing now that may be waived. ' +
      'Consent, withdrawal and the destination area (closed, restricted, unknown, no road) are never waived.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  waives?: string[];

  @ApiPropertyOptional({
    description:
      'ISO 8601; from this instant the rules decide again. An "eligible" override expires after OVERRIDE_DEFAULT_DAYS (30) by default ' +
      'and at most OVERRIDE_MAX_DAYS (180) after it is given.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class RevokeOverrideDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason!: string;
}
