import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';

export const DUPLICATE_STATUSES = ['open', 'same', 'distinct'] as const;

export class ResolveDuplicateDto {
  @ApiProperty({ enum: ['same', 'distinct'] }) @IsIn(['same', 'distinct']) decision!: 'same' | 'distinct';

  @ApiProperty({ example: 'Same family booklet; registered twice at intake' }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;

  @ApiPropertyOptional({
    description: 'With "same": the household of the pair that stays; the other is closed as its duplicate, and its seat and registration date move here',
  })
  @ValidateIf((o: ResolveDuplicateDto) => o.keepHouseholdId !== undefined || (o.decision === 'same' && o.closeHouseholdId === undefined))
  @IsUUID('all', { message: 'keepHouseholdId: with "same", name the household that stays (one of the pair)' })
  keepHouseholdId?: string;

  @ApiPropertyOptional({ description: 'Older form of keepHouseholdId: with "same", the household of the pair that is closed' })
  @IsOptional() @IsUUID()
  closeHouseholdId?: string;
}

export class ListDuplicatesQuery {
  @ApiPropertyOptional({ enum: DUPLICATE_STATUSES, default: 'open' }) @IsOptional() @IsIn(DUPLICATE_STATUSES) status?: (typeof DUPLICATE_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Pairs with a household of this camp' })
  @IsOptional() @Matches(CAMP_ID_PATTERN, { message: '$property must be a camp id' })
  campId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'nextAfter of the previous page' }) @IsOptional() @IsUUID() after?: string;
}
