import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class ManifestQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'html'])
  format?: 'json' | 'csv' | 'html';
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this vehicle of the convoy.' })
  @IsOptional()
  @IsUUID()
  vehicleId?: string;
}
