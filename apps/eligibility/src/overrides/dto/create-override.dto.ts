import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateOverrideDto {
  @ApiProperty({ enum: ['eligible', 'ineligible'] })
  @IsIn(['eligible', 'ineligible'])
  outcome!: 'eligible' | 'ineligible';

  @ApiProperty({ description: 'Why the rules are set aside for this household; shown in the explanation', maxLength: 500 })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ description: 'ISO 8601; from this instant the rules decide again' })
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
