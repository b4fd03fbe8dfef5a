import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AREA_CODE_PATTERN, CAMP_ID_PATTERN } from '@awda/contracts';
import { IsLocalDate, IsLocalTime, type LocalDateOptions } from '@awda/bootstrap';

/** Dates a convoy can have at all (1970 or 9999 are typing mistakes); whether a date suits a plan is transport's own rule. */
export const DEPARTURE_DATE_BOUNDS: LocalDateOptions = { notBefore: '2011-01-01', notAfter: { yearsFromToday: 5 } };

export class CreateConvoyDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN) campId!: string;
  @ApiProperty({ example: 'raqqa-tabqa' }) @IsString() @MaxLength(64) corridorId!: string;
  @ApiProperty({ example: '2025-06-10', description: 'YYYY-MM-DD' }) @IsLocalDate(DEPARTURE_DATE_BOUNDS) departureDate!: string;
  @ApiProperty({ example: '07:00', description: 'HH:MM, 24-hour' }) @IsLocalTime() departureTime!: string;
  @ApiProperty({ example: 'Gate 2' }) @IsString() @MinLength(1) @MaxLength(200) assemblyPoint!: string;
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
