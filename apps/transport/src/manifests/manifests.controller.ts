import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { ManifestQueryDto } from './dto/manifest-query.dto.js';
import { manifestCsv, manifestHtml, type Manifest } from './manifest.js';
import { ManifestsService } from './manifests.service.js';

@ApiTags('manifests')
@ApiBearerAuth()
@Controller('convoys/:convoyId/manifest')
@Roles('logistics', 'supervisor')
export class ManifestsController {
  constructor(private readonly manifests: ManifestsService) {}

  @Get()
  @ApiOperation({ summary: 'The convoy manifest (JSON, CSV or printable HTML), per vehicle or whole; names fetched from registration at print time' })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  async manifest(
    @CurrentUser() user: AuthUser,
    @Param('convoyId', ParseUUIDPipe) convoyId: string,
    @Query() query: ManifestQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Manifest | string> {
    const manifest = await this.manifests.manifest(user, convoyId, query.vehicleId);
    res.setHeader('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`manifest-${convoyId}.csv`);
      return manifestCsv(manifest);
    }
    if (query.format === 'html') {
      res.type('text/html; charset=utf-8');
      return manifestHtml(manifest);
    }
    return manifest;
  }
}
