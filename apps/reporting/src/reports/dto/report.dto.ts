import { ApiProperty } from '@nestjs/swagger';
import { REPORT_TABLES, type ColumnKind, type ReportTableName } from '../../projection/tables.js';
import type { Row } from '../../projection/suppression.js';

export class ReportColumnDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['key', 'number', 'count', 'cost'], description: 'count: 1–4 is returned as {"suppressed": true}' })
  kind!: ColumnKind;
}

export class ReportTableDto {
  @ApiProperty({ enum: REPORT_TABLES }) name!: ReportTableName;
  @ApiProperty({ type: [ReportColumnDto] }) columns!: ReportColumnDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'object', properties: { suppressed: { type: 'boolean', enum: [true] } } }], nullable: true } },
    description: 'One object per row, keyed by column; a suppressed count is {"suppressed": true}',
  })
  rows!: Row[];
}

export class ReportDto {
  @ApiProperty({ description: 'The threshold: counts from 1 to this minus one are suppressed', example: 5 })
  suppressionThreshold!: number;
  @ApiProperty({ type: [ReportTableDto] }) tables!: ReportTableDto[];
}
