import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { AuditPage, AuditQuery, UnusualAccess, UnusualAccessQuery } from './audit-review.dto.js';
import { AuditReview } from './audit-review.service.js';
import { EraseHouseholdDto, ErasureView } from './erasure.dto.js';
import { ErasureService } from './erasure.service.js';
import { HouseholdExporter, exportText, type HouseholdExport } from './export.service.js';
import { KeyBackfill, type BackfillProgress } from './key-backfill.service.js';
import { KeyRotation, type RotationProgress } from './key-rotation.service.js';
import { RetentionService, type RetentionReport } from './retention.service.js';

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'text'], default: 'json', description: "text: a readable document in the household's language" })
  @IsOptional()
  @IsIn(['json', 'text'])
  format?: 'json' | 'text';
}

export class RotateKeysDto {
  @ApiPropertyOptional({ default: 500, maximum: 10000, description: 'Data keys re-wrapped in this call (each batch commits)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  batchSize?: number;
}

export class RotationProgressView {
  @ApiProperty() activeKeyId!: string;
  @ApiProperty() rewrapped!: number;
  @ApiProperty({ description: 'Data keys still wrapped by another field key' }) remaining!: number;
  @ApiProperty() total!: number;
}

export class BackfillKeysDto {
  @ApiPropertyOptional({ default: 500, maximum: 10000, description: 'Households backfilled in this call (each batch commits)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  batchSize?: number;
}

export class BackfillProgressView {
  @ApiProperty({ description: 'False when another replica is running the backfill (nothing done by this call)' }) ran!: boolean;
  @ApiProperty({ description: 'Households given their data key / re-encrypted by this call' }) backfilled!: number;
  @ApiProperty({ description: 'Households still holding values not encrypted with their own data key' }) remaining!: number;
  @ApiProperty({ description: 'Households not erased' }) total!: number;
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
export class PrivacyController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly exporter: HouseholdExporter,
    private readonly review: AuditReview,
    private readonly retention: RetentionService,
    private readonly rotation: KeyRotation,
    private readonly backfill: KeyBackfill,
  ) {}

  @Post('households/:id/erasure')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: "Erase a household's personal data everywhere (administrators; the reason is audited, never the data)" })
  erase(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EraseHouseholdDto): Promise<ErasureView> {
    return this.erasure.erase(user, id, dto.reason);
  }

  @Get('households/:id/export')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Everything registration holds about a household (subject access request; audited), as JSON or text' })
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdExport | string> {
    const data = await this.exporter.export(user, id);
    if (query.format !== 'text') return data;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="household-${id}.txt"`);
    return exportText(data);
  }

  @Get('audit')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: "Who read or changed households' personal data, newest first (your camps)" })
  audit(@CurrentUser() user: AuthUser, @Query() query: AuditQuery): Promise<AuditPage> {
    return this.review.list(user, query);
  }

  @Get('audit/unusual-access')
  @Roles('admin')
  @ApiOperation({ summary: 'Users who read many households within a short window' })
  unusual(@Query() query: UnusualAccessQuery): Promise<UnusualAccess[]> {
    return this.review.unusual(query);
  }

  @Get('privacy/retention')
  @Roles('admin')
  @ApiOperation({ summary: 'Retention dry run: the closed cases and audit rows the next run would erase or delete' })
  retentionDryRun(): Promise<RetentionReport> {
    return this.retention.run(true);
  }

  @Post('privacy/retention/run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Run retention now (as the scheduled job does)' })
  retentionRun(): Promise<RetentionReport> {
    return this.retention.run(false);
  }

  @Get('privacy/key-rotation')
  @Roles('admin')
  @ApiOperation({ summary: 'Key rotation progress: data keys wrapped by the active field key and by older ones' })
  rotationProgress(): Promise<RotationProgressView> {
    return this.rotation.progress();
  }

  @Post('privacy/key-rotation')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Re-wrap data keys with the active field key (no personal field is decrypted); call again until remaining is 0' })
  rotate(@Body() dto: RotateKeysDto): Promise<RotationProgress> {
    return this.rotation.rotate(dto.batchSize ?? 500);
  }

  @Get('privacy/key-backfill')
  @Roles('admin')
  @ApiOperation({ summary: 'Data-key backfill progress: households still holding values written before data keys (field key or clear)' })
  backfillProgress(): Promise<BackfillProgressView> {
    return this.backfill.progress();
  }

  @Post('privacy/key-backfill')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Give households registered before data keys their own key and re-encrypt their values with it; call again until remaining is 0' })
  runBackfill(@Body() dto: BackfillKeysDto): Promise<BackfillProgress> {
    return this.backfill.backfill(dto.batchSize ?? 500);
  }
}
