import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';
import { IsLocalDate, IsLocalTime } from '@awda/bootstrap';
import { AssemblyPointTextsDto, DEPARTURE_DATE_BOUNDS } from '../../convoys/dto/convoy.dto.js';

export class ProposePlanDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN) campId!: string;
  @ApiProperty({ example: '2025-06-10', description: 'YYYY-MM-DD' }) @IsLocalDate(DEPARTURE_DATE_BOUNDS) departureDate!: string;
  @ApiProperty({ example: '07:00', description: 'HH:MM, 24-hour' }) @IsLocalTime() departureTime!: string;
  @ApiProperty({ example: 'Gate 2' }) @IsString() @MinLength(1) @MaxLength(200) assemblyPoint!: string;
  @ApiPropertyOptional({ type: AssemblyPointTextsDto, description: 'The assembly point per SMS language (ar, ckb, kmr, en; each at most 200 characters); a language without one gets `assemblyPoint`.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AssemblyPointTextsDto)
  assemblyPointTexts?: AssemblyPointTextsDto;
  @ApiPropertyOptional({ type: [String], description: 'Corridors to plan; all when absent.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  corridorIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) escortNotes?: string;
  @ApiPropertyOptional({ description: 'Share of bus seats kept free; default 0.10.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(0.5)
  spareShare?: number;
}
