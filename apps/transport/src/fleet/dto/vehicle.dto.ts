import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';
import { IsLocalDate } from '@awda/bootstrap';
import { DEPARTURE_DATE_BOUNDS } from '../../convoys/dto/convoy.dto.js';

export const VEHICLE_TYPES = ['bus', 'minibus', 'cargo_truck', 'ambulance'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export class CreateVehicleDto {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN) campId!: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) @IsIn(VEHICLE_TYPES) type!: VehicleType;
  @ApiProperty({ example: 'RAQ-12345' }) @IsString() @MinLength(2) @MaxLength(20) plate!: string;
  @ApiProperty({ example: 'Tabqa Transport Co.' }) @IsString() @MinLength(1) @MaxLength(120) operator!: string;
  @ApiPropertyOptional({ description: 'Passenger seats, driver excluded (bus, minibus).' })
  @ValidateIf((dto: CreateVehicleDto) => dto.type === 'bus' || dto.type === 'minibus')
  @IsInt()
  @Min(1)
  @Max(90)
  seats?: number;
  @ApiPropertyOptional({
    description:
      'In truck shares (cargo truck): 1 = the belongings of a family of five; a family takes 0.5 + 0.1 per person, between 0.5 and 2. ' +
      'Read back in the same unit everywhere (convoys, seats).',
  })
  @ValidateIf((dto: CreateVehicleDto) => dto.type === 'cargo_truck')
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.1)
  @Max(100)
  cargoCapacity?: number;
  @ApiPropertyOptional({ description: 'Stretcher places for people who travel lying (ambulance). Give it, seatedPlaces, or both.' })
  @ValidateIf((dto: CreateVehicleDto) => dto.type === 'ambulance' && (dto.stretcherPlaces !== undefined || dto.seatedPlaces === undefined))
  @IsInt()
  @Min(1)
  @Max(6)
  stretcherPlaces?: number;
  @ApiPropertyOptional({ description: 'Places for patients who travel seated in the ambulance, crew excluded (ambulance).' })
  @ValidateIf((dto: CreateVehicleDto) => dto.type === 'ambulance' && dto.seatedPlaces !== undefined)
  @IsInt()
  @Min(1)
  @Max(8)
  seatedPlaces?: number;
  @ApiPropertyOptional({ type: [String], example: ['2025-06-10'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @IsLocalDate(DEPARTURE_DATE_BOUNDS, { each: true })
  availableDates?: string[];
}

export class VehicleAvailabilityDto {
  @ApiProperty({ type: [String], description: 'Every date the vehicle can serve (replaces the list).' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsLocalDate(DEPARTURE_DATE_BOUNDS, { each: true })
  dates!: string[];
}

export class VehicleQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(CAMP_ID_PATTERN) campId?: string;
  @ApiPropertyOptional({ description: 'Only vehicles available and free on this date.' })
  @IsOptional()
  @IsLocalDate()
  date?: string;
}
