import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { ExportQueryDto, ReportQueryDto, TableParamDto } from './dto/report-query.dto.js';
import { ReportDto, ReportTableDto } from './dto/report.dto.js';
import { tableCsv, tableXlsx } from './report-export.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles('supervisor', 'admin', 'logistics')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({ summary: "Every report table of the caller's camps (or one camp); counts of 1–4 are {\"suppressed\": true}" })
  @ApiOkResponse({ type: ReportDto })
  report(@CurrentUser() user: AuthUser, @Query() query: ReportQueryDto): Promise<ReportDto> {
    return this.reports.report(user, query.campId);
  }

  @Get(':table')
  @ApiOperation({ summary: 'One report table' })
  @ApiOkResponse({ type: ReportTableDto })
  table(@CurrentUser() user: AuthUser, @Param() params: TableParamDto, @Query() query: ReportQueryDto): Promise<ReportTableDto> {
    return this.reports.table(user, params.table, query.campId);
  }

  @Get(':table/export')
  @ApiOperation({ summary: 'One report table as CSV or XLSX (a suppressed count reads "<5")' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @CurrentUser() user: AuthUser,
    @Param() params: TableParamDto,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | StreamableFile> {
    const table = await this.reports.table(user, params.table, query.campId);
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${table.name}.csv`);
      return tableCsv(table);
    }
    // A Buffer returned as such would be sent as JSON.
    return new StreamableFile(await tableXlsx(table), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${table.name}.xlsx"`,
    });
  }
}
