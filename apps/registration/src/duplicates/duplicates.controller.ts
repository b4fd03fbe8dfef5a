import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { Request } from 'express';
import { IdempotencyInTransaction, IdempotencyInterceptor, idempotencyClaimOf } from '../common/idempotency.interceptor.js';
import { ListDuplicatesQuery, ResolveDuplicateDto } from './dto/duplicates.dto.js';
import { DuplicatesService, type DuplicateCandidateView, type DuplicatePage } from './duplicates.service.js';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('duplicates')
@Roles('supervisor', 'admin')
@UseInterceptors(IdempotencyInterceptor)
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Get()
  @ApiOperation({ summary: 'Possible duplicates waiting for a supervisor (or decided ones), a page at a time in the order they were found' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDuplicatesQuery): Promise<DuplicatePage> {
    return this.duplicates.list(user, query);
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @IdempotencyInTransaction()
  @ApiOperation({
    summary: 'Decide: distinct families, or the same family (name the household kept; the other is closed and its seat and registration date move)',
  })
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResolveDuplicateDto,
    @Req() req: Request,
  ): Promise<DuplicateCandidateView> {
    return this.duplicates.resolve(user, id, dto, idempotencyClaimOf(req));
  }
}
