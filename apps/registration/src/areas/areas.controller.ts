import { Controller, Get, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles } from '@awda/auth';
import { readTextBody } from '../common/request-body.js';
import { AreasService, type AreaView } from './areas.service.js';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @ApiOperation({
    summary: 'Destination areas (governorate → district → sub-district → community); served: whether a convoy route reaches the area yet',
  })
  list(): Promise<AreaView[]> {
    return this.areas.list();
  }

  @Put()
  @Roles('admin')
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Replace the list from a CSV: code,level,parent_code,name_en,name_ar' })
  async replace(@Req() request: Request): Promise<{ areas: number; removed: number; kept: string[] }> {
    return this.areas.replace(await readTextBody(request, 10 * 1024 * 1024));
  }
}
