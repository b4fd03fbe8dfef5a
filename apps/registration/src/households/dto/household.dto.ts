import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { AREA_CODE_PATTERN, CAMP_ID_PATTERN, HOUSEHOLD_STATUSES, LANGUAGES, type HouseholdStatus, type Language } from '@awda/contracts';
import { nameSearchTokens } from '../member-keys.js';
import { CleanName } from '../name-text.js';
import { MemberDto } from './member.dto.js';
import { IsMobilePhoneNumber, IsPhoneNumberOnRecord } from './phone.validator.js';

const CASE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,39}$/;
const PHONE_DESCRIPTION = 'A mobile number for SMS: Syrian (0944 123 456) or, where configured (PHONE_COUNTRIES), another country\'s written with its country code (+90 …)';

export class CreateHouseholdDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN, { message: '$property must be a camp id' }) campId!: string;

  @ApiProperty({ example: 'MHM-2025-00123' })
  @Matches(CASE_NUMBER, { message: '$property must be 1–40 letters, digits, / _ or -' })
  caseNumber!: string;

  @ApiPropertyOptional({ example: 'Sector C, tent 14' }) @IsOptional() @IsString() @MaxLength(120) shelterLocation?: string;

  @ApiProperty({ example: 'SY110000', description: 'A code from GET /areas' })
  @Matches(AREA_CODE_PATTERN, { message: '$property must be an area code such as SY110000' })
  destinationArea!: string;

  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES) language!: Language;

  @ApiPropertyOptional({ example: '0944 123 456', description: PHONE_DESCRIPTION }) @IsOptional() @IsMobilePhoneNumber() phone?: string;

  @ApiProperty({ type: [MemberDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => MemberDto)
  members!: MemberDto[];
}

/** A change to the household itself (members have their own endpoints). Send only what changes. */
export class UpdateHouseholdDto {
  @ApiPropertyOptional() @IsOptional() @Matches(CASE_NUMBER, { message: '$property must be 1–40 letters, digits, / _ or -' }) caseNumber?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(120) shelterLocation?: string | null;
  @ApiPropertyOptional() @IsOptional() @Matches(AREA_CODE_PATTERN, { message: '$property must be an area code such as SY110000' }) destinationArea?: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: Language;
  @ApiPropertyOptional({ type: String, nullable: true, description: `${PHONE_DESCRIPTION}; null removes the phone` })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsMobilePhoneNumber()
  phone?: string | null;
}

/**
 * A name query must hold at least one word of letters: search matches whole words (never SQL LIKE), so
 * % and _ are plain characters, and a query left with no word after punctuation and invisible
 * characters are dropped would match every household.
 */
function HasNameWords(): PropertyDecorator {
  return ValidateBy({
    name: 'hasNameWords',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || nameSearchTokens(value).length > 0,
      defaultMessage: () => '$property must contain at least one word of letters (wildcards, punctuation and invisible characters do not count)',
    },
  });
}

export class ListHouseholdsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CAMP_ID_PATTERN, { message: '$property must be a camp id' }) campId?: string;
  @ApiPropertyOptional({ enum: HOUSEHOLD_STATUSES }) @IsOptional() @IsIn(HOUSEHOLD_STATUSES) status?: HouseholdStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) caseNumber?: string;
  @ApiPropertyOptional({ description: 'Arabic or Latin; spelling variants match; every word given must match' })
  @CleanName() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) @HasNameWords()
  name?: string;
  @ApiPropertyOptional({ description: 'Any phone number on record, as typed' }) @IsOptional() @IsPhoneNumberOnRecord() phone?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 25, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}
