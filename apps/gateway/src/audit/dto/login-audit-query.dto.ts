import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class LoginAuditQueryDto {
  @ApiPropertyOptional({ description: 'Only this username (any case)' })
  @IsOptional() @IsString() @MaxLength(256)
  username?: string;

  @ApiPropertyOptional({ description: 'From this instant (ISO 8601), inclusive' })
  @IsOptional() @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this instant (ISO 8601), exclusive' })
  @IsOptional() @IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'Page number, from 1 (50 entries a page)', default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: '$property must be a whole number' }) @Min(1) @Max(100_000)
  page?: number;
}
