import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { CleanName } from '../name-text.js';
import { NEED_CODES, SEXES, TRAVEL_MODES, type NeedCode, type Sex, type TravelMode } from '@awda/contracts';
import { IsLocalDate } from '@awda/bootstrap';

/** No one registered was born before this (and a date before it is a typing mistake). */
const BIRTH_DATE_FLOOR = '1900-01-01';

export const RELATIONSHIPS = ['head', 'spouse', 'son', 'daughter', 'parent', 'sibling', 'grandchild', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const DOCUMENT_TYPES = ['national_id', 'family_booklet', 'camp_card', 'passport', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
const TRAVEL_MODE_DESCRIPTION =
  'How the person can travel, as the medical clearance states: bus (a bus seat), bus_with_companion (a bus seat with an adult ' +
  'of the family beside them), ambulance_seated (a seated ambulance place), stretcher (an ambulance stretcher). null: not stated';
const ARABIC_LETTER = /[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]/;

export class IdentityDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES }) @IsIn(DOCUMENT_TYPES) type!: DocumentType;
  @ApiProperty({ example: '02010012345' })
  @IsString() @MinLength(2) @MaxLength(40) @Matches(/^[\p{L}\p{N} /-]+$/u, { message: '$property may hold letters, digits, spaces, / and -' })
  number!: string;
}

export class MemberDto {
  @ApiProperty({ example: 'محمد أحمد العلي', description: 'Invisible direction and zero-width characters are removed' })
  @CleanName() @IsString() @MinLength(2) @MaxLength(200) @Matches(ARABIC_LETTER, { message: '$property must be written in Arabic letters' })
  fullNameAr!: string;

  @ApiPropertyOptional({ example: 'Mohammed Ahmad al-Ali' })
  @CleanName() @IsOptional() @IsString() @MaxLength(200)
  fullNameLatin?: string;

  @ApiProperty({ enum: SEXES }) @IsIn(SEXES) sex!: Sex;

  @ApiPropertyOptional({ example: '1984-03-01', description: 'YYYY-MM-DD, not in the future, not before 1900; or give estimatedAge' })
  @ValidateIf((m: MemberDto) => m.dateOfBirth !== undefined || m.estimatedAge === undefined)
  @IsLocalDate({ notBefore: BIRTH_DATE_FLOOR, notAfter: 'today' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 120 })
  @IsOptional() @IsInt() @Min(0) @Max(120)
  estimatedAge?: number;

  @ApiProperty({ enum: RELATIONSHIPS }) @IsIn(RELATIONSHIPS) relationship!: Relationship;

  @ApiPropertyOptional({ type: [IdentityDocumentDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => IdentityDocumentDto)
  documents?: IdentityDocumentDto[];

  @ApiPropertyOptional({ enum: NEED_CODES, isArray: true, description: 'UNHCR-style specific needs' })
  @IsOptional() @IsArray() @IsIn(NEED_CODES, { each: true })
  needs?: NeedCode[];

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Fit to travel as a medical assessment says; null when not assessed' })
  @IsOptional() @IsBoolean()
  fitToTravel?: boolean | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasMedicalClearance?: boolean;
  @ApiPropertyOptional({ enum: TRAVEL_MODES, nullable: true, description: TRAVEL_MODE_DESCRIPTION })
  @IsOptional() @IsIn(TRAVEL_MODES, { message: `$property must be one of ${TRAVEL_MODES.join(', ')} (or null: not stated)` })
  travelMode?: TravelMode | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasBestInterestsDetermination?: boolean;
}

/** A change to one member: only the fields sent change; documents, when sent, replace the list. */
export class UpdateMemberDto {
  @ApiPropertyOptional()
  @CleanName() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) @Matches(ARABIC_LETTER, { message: '$property must be written in Arabic letters' })
  fullNameAr?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @CleanName() @IsOptional() @IsString() @MaxLength(200) fullNameLatin?: string | null;
  @ApiPropertyOptional({ enum: SEXES }) @IsOptional() @IsIn(SEXES) sex?: Sex;
  @ApiPropertyOptional({ example: '1984-03-01', description: 'YYYY-MM-DD, not in the future, not before 1900' }) @IsOptional() @IsLocalDate({ notBefore: BIRTH_DATE_FLOOR, notAfter: 'today' }) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(120) estimatedAge?: number;
  @ApiPropertyOptional({ enum: RELATIONSHIPS }) @IsOptional() @IsIn(RELATIONSHIPS) relationship?: Relationship;
  @ApiPropertyOptional({ type: [IdentityDocumentDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => IdentityDocumentDto)
  documents?: IdentityDocumentDto[];
  @ApiPropertyOptional({ enum: NEED_CODES, isArray: true }) @IsOptional() @IsArray() @IsIn(NEED_CODES, { each: true }) needs?: NeedCode[];
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'null: not assessed' }) @IsOptional() @IsBoolean() fitToTravel?: boolean | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasMedicalClearance?: boolean;
  @ApiPropertyOptional({ enum: TRAVEL_MODES, nullable: true, description: TRAVEL_MODE_DESCRIPTION })
  @IsOptional() @IsIn(TRAVEL_MODES, { message: `$property must be one of ${TRAVEL_MODES.join(', ')} (or null: not stated)` })
  travelMode?: TravelMode | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasBestInterestsDetermination?: boolean;
}
