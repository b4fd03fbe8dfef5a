import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AREA_CODE_PATTERN, CAMP_ID_PATTERN, LOCAL_DATE_PATTERN, LOCAL_TIME_PATTERN } from '@awda/contracts';

export class CreateConvoyDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN) campId!: string;
  @ApiProperty({ example: 'raqqa-tabqa' }) @IsString() @MaxLength(64) corridorId!: string;
  @ApiProperty({ example: '2025-06-10' }) @Matches(LOCAL_DATE_PATTERN) departureDate!: string;
  @ApiProperty({ example: '07:00' }) @Matches(LOCAL_TIME_PATTERN) departureTime!: string;
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
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_DATE_PATTERN) date?: string;
}
