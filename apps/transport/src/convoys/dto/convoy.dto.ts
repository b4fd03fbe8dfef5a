import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AREA_CODE_PATTERN, CAMP_ID_PATTERN } from '@awda/contracts';
import { IsLocalDate, IsLocalTime, type LocalDateOptions } from '@awda/bootstrap';

/** Dates a convoy can have at all (1970 or 9999 are typing mistakes); whether a date suits a plan is transport's own rule. */
export const DEPARTURE_DATE_BOUNDS: LocalDateOptions = { notBefore: '2011-01-01', notAfter: { yearsFromToday: 5 } };

/** The assembly point written per SMS language; a language left out falls back to the free-text `assemblyPoint`. */
export class AssemblyPointTextsDto {
  @ApiPropertyOptional({ example: 'البوابة الرئيسية للمخيم', maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) ar?: string;
  @ApiPropertyOptional({ example: 'دەروازەی سەرەکیی کەمپ', maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) ckb?: string;
  @ApiPropertyOptional({ example: 'Deriyê sereke yê kampê', maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) kmr?: string;
  @ApiPropertyOptional({ example: 'Camp main gate', maxLength: 200 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) en?: string;
}

/** The texts given, or null when none was (stored and published as such). */
export function assemblyPointTextsOf(texts: AssemblyPointTextsDto | undefined | null): AssemblyPointTexts | null {
  if (!texts) return null;
  const given: AssemblyPointTexts = {};
  for (const language of ['ar', 'ckb', 'kmr', 'en'] as const) {
    const text = texts[language];
    if (text !== undefined) given[language] = text;
  }
  return Object.keys(given).length > 0 ? given : null;
}

/** Stored and published form: only the languages written. */
export type AssemblyPointTexts = Partial<Record<'ar' | 'ckb' | 'kmr' | 'en', string>>;

export class CreateConvoyDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN) campId!: string;
  @ApiProperty({ example: 'raqqa-tabqa' }) @IsString() @MaxLength(64) corridorId!: string;
  @ApiProperty({ example: '2025-06-10', description: 'YYYY-MM-DD' }) @IsLocalDate(DEPARTURE_DATE_BOUNDS) departureDate!: string;
  @ApiProperty({ example: '07:00', description: 'HH:MM, 24-hour' }) @IsLocalTime() departureTime!: string;
  @ApiProperty({ example: 'Gate 2' }) @IsString() @MinLength(1) @MaxLength(200) assemblyPoint!: string;
  @ApiPropertyOptional({ type: AssemblyPointTextsDto, description: 'The assembly point per SMS language (ar, ckb, kmr, en; each at most 200 characters); a language without one gets `assemblyPoint`.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AssemblyPointTextsDto)
  assemblyPointTexts?: AssemblyPointTextsDto;
  @ApiProperty({ type: [String], example: ['SY1101'], description: 'Area codes on the corridor; a code covers every place under it.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(AREA_CODE_PATTERN, { each: true })
  destinations!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) escortNotes?: string;
}

export class AddVehicleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() vehicleId!: string;
}

export class CancelConvoyDto {
  @ApiProperty({ example: 'Road closed at Maadan' }) @IsString() @MinLength(3) @MaxLength(500) reason!: string;
}

export class ConvoyQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(CAMP_ID_PATTERN) campId?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD' }) @IsOptional() @IsLocalDate() date?: string;
}
