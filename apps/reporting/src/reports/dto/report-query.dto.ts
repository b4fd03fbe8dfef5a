import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CAMP_ID_PATTERN } from '@awda/contracts';
import { REPORT_TABLES, type ReportTableName } from '../../projection/tables.js';

export class ReportQueryDto {
  @ApiPropertyOptional({ description: "One camp (default: every camp of the caller's account)", example: 'mahmoudli' })
  @IsOptional()
  @Matches(CAMP_ID_PATTERN, { message: 'campId must be a camp id such as mahmoudli' })
  campId?: string;
}

export class ExportQueryDto extends ReportQueryDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format!: 'csv' | 'xlsx';
}

export class TableParamDto {
  @ApiProperty({ enum: REPORT_TABLES })
  @IsIn(REPORT_TABLES, { message: `table must be one of ${REPORT_TABLES.join(', ')}` })
  table!: ReportTableName;
}
