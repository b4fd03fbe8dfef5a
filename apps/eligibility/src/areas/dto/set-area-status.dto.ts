import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AREA_STATUSES, type AreaStatus } from '@awda/contracts';

export class SetAreaStatusDto {
  @ApiProperty({ enum: AREA_STATUSES })
  @IsIn(AREA_STATUSES)
  status!: AreaStatus;

  @ApiPropertyOptional({ description: 'Why; required to close or restrict an area. Families may be told it.', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'When it takes effect (ISO 8601); default now. A future date is applied when due.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;
}
