import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';

/** The most families one commit may move or take out (a day's plan of a large camp). */
export const PLAN_EDITS_MAX = 2000;

export class PlanMoveDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() householdId!: string;
  @ApiProperty({ format: 'uuid', description: 'A bus of the same convoy in this proposal: the whole family rides it.' }) @IsUUID() toVehicleId!: string;
}

/**
 * The officer's edits to the stored proposal, applied and checked by transport at commit. No body (or
 * empty lists): the proposal as it was proposed.
 */
export class CommitPlanDto {
  @ApiPropertyOptional({ type: [PlanMoveDto], description: 'Families moved to another bus of their own convoy.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_EDITS_MAX)
  @ValidateNested({ each: true })
  @Type(() => PlanMoveDto)
  moves?: PlanMoveDto[];

  @ApiPropertyOptional({ type: [String], description: 'Families taken out of this plan (they stay in the pool).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_EDITS_MAX)
  @IsUUID('all', { each: true })
  takenOut?: string[];
}
