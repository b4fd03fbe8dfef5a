import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class AssignHouseholdDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() householdId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Bus or minibus of the convoy; the first with room when absent.' })
  @IsOptional()
  @IsUUID()
  vehicleId?: string;
}

export class MoveHouseholdDto {
  @ApiProperty({ format: 'uuid', description: 'Convoy to move the family to (may be the same convoy, another bus).' })
  @IsUUID()
  convoyId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() vehicleId?: string;
}

// The answer of the seat endpoints, described for the OpenAPI document (units say what they count).
export class SeatVehicleDto {
  @ApiProperty({ format: 'uuid' }) vehicleId!: string;
  @ApiProperty({ example: 'RAQ-12345' }) plate!: string;
  @ApiProperty({ enum: ['bus', 'minibus', 'cargo_truck', 'ambulance'] }) type!: string;
  @ApiProperty({ enum: ['seats', 'cargo', 'stretcher'], description: 'What `units` counts on this vehicle.' }) kind!: string;
  @ApiProperty({
    example: 1.3,
    description:
      'Taken on this vehicle by the family: seats (bus, minibus), truck shares (cargo truck; the unit its cargoCapacity was given in, ' +
      'up to 3 decimals) or stretcher places (ambulance). A family larger than one bus has a line per bus.',
  })
  units!: number;
}

export class SeatViewDto {
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ format: 'uuid' }) convoyId!: string;
  @ApiProperty({ enum: ['planned', 'confirmed', 'boarding', 'departed', 'arrived', 'cancelled'] }) convoyStatus!: string;
  @ApiProperty({ example: '2025-06-10', description: 'YYYY-MM-DD, the camp’s date (CAMP_TIME_ZONE)' }) departureDate!: string;
  @ApiProperty({ example: '07:00', description: 'HH:MM, the camp’s clock' }) departureTime!: string;
  @ApiProperty({ example: 'Gate 2' }) assemblyPoint!: string;
  @ApiProperty({ format: 'uuid' }) assignmentId!: string;
  @ApiProperty({ description: 'Bus seats of the family (infants under 2 ride on a lap).' }) seatUnits!: number;
  @ApiProperty({ description: 'Members who ride an ambulance.' }) ambulancePlaces!: number;
  @ApiProperty({ example: 1, description: 'Truck shares of the family’s belongings: 0.5 + 0.1 per person, between 0.5 and 2.' }) cargoShares!: number;
  @ApiProperty({ description: 'Increases with every scheduling change of the household.' }) scheduleVersion!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'When the family confirmed the seat by SMS reply (1).' }) seatConfirmedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['unanswered'], description: 'No reply by the deadline on a convoy that keeps such seats.' })
  confirmationFlag!: string | null;
  @ApiProperty({ type: [SeatVehicleDto] }) vehicles!: SeatVehicleDto[];
}
