import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';

export class AuditQuery {
  @ApiPropertyOptional({ description: 'Only this user (the token subject)' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CAMP_ID_PATTERN, { message: '$property must be a camp id' }) campId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() householdId?: string;
  @ApiPropertyOptional({ description: 'From this instant (ISO 8601), inclusive' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ description: 'The next page: rows older than this row id (nextBefore of the last page)' }) @IsOptional() @IsUUID() before?: string;
  @ApiPropertyOptional({ default: 100, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class AuditEntry {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ nullable: true, type: String }) householdId!: string | null;
  @ApiProperty({ nullable: true, type: String }) campId!: string | null;
  @ApiProperty({ description: 'What was called, e.g. GET /households/:id' }) endpoint!: string;
  @ApiProperty({ description: 'read (also a change), denied, rpc_read, rpc_refused, erased, exported' }) outcome!: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntry] }) items!: AuditEntry[];
  @ApiProperty({ nullable: true, type: String }) nextBefore!: string | null;
}

export class UnusualAccessQuery {
  @ApiPropertyOptional({ description: 'From this instant (default: 7 days ago)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (default: now)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ default: 10, maximum: 1440 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1440) windowMinutes?: number;
  @ApiPropertyOptional({ default: 30, description: 'Distinct households in one window from which access is unusual' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2) @Max(100000) threshold?: number;
}

export class UnusualAccess {
  @ApiProperty() actor!: string;
  @ApiProperty() windowStart!: string;
  @ApiProperty() windowMinutes!: number;
  @ApiProperty({ description: 'Distinct households whose personal data the user read or changed in the window' }) households!: number;
  @ApiProperty() reads!: number;
  @ApiProperty({ description: 'Attempts on households outside the user’s camps' }) denied!: number;
}
