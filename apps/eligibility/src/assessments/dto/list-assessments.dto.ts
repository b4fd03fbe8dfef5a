import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ASSESSMENT_STATUSES, CAMP_ID_PATTERN, type AssessmentStatus } from '@awda/contracts';

export class ListAssessmentsQuery {
  @ApiPropertyOptional({ example: 'mahmoudli', description: 'Camp; default: all camps you may see' })
  @IsOptional()
  @Matches(CAMP_ID_PATTERN, { message: 'campId must be a camp id such as mahmoudli' })
  campId?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: AssessmentStatus;

  @ApiPropertyOptional({ description: 'Household id of the last item of the previous page' })
  @IsOptional()
  @IsUUID()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
