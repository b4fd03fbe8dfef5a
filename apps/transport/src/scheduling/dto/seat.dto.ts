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
