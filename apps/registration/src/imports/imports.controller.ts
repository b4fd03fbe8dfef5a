import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { CAMP_ID_PATTERN } from '@awda/contracts';
import { IdempotencyInTransaction, IdempotencyInterceptor, idempotencyClaimOf } from '../common/idempotency.interceptor.js';
import { ImportsService, type ImportView } from './imports.service.js';

export class StartImportQuery {
  @ApiProperty({ example: 'mahmoudli' }) @Matches(CAMP_ID_PATTERN, { message: '$property must be a camp id' }) campId!: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format!: 'csv' | 'xlsx';
  @ApiPropertyOptional({ default: false })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  dryRun?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) fileName?: string;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
@Roles('caseworker', 'supervisor', 'admin')
@UseInterceptors(IdempotencyInterceptor)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  @IdempotencyInTransaction()
  @ApiConsumes('application/octet-stream', 'text/csv')
  @ApiOperation({ summary: 'Upload a CSV or XLSX (one row per member, household_key per row); processed in the background' })
  start(@CurrentUser() user: AuthUser, @Query() query: StartImportQuery, @Req() request: Request): Promise<ImportView> {
    const fileName = query.fileName ?? `upload.${query.format}`;
    return this.imports.start(user, query.campId, query.format, query.dryRun ?? false, fileName, request, idempotencyClaimOf(request));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress and per-row errors of an import' })
  view(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ImportView> {
    return this.imports.view(user, id);
  }
}
