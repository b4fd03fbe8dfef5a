import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { Request } from 'express';
import { IdempotencyInTransaction, IdempotencyInterceptor, idempotencyClaimOf } from '../common/idempotency.interceptor.js';
import { DuplicatesService, ListDuplicatesQuery, ResolveDuplicateDto, type DuplicateCandidateView } from './duplicates.service.js';

@ApiTags('duplicates')
@ApiBearerAuth()
@Controller('duplicates')
@Roles('supervisor', 'admin')
@UseInterceptors(IdempotencyInterceptor)
export class DuplicatesController {
  constructor(private readonly duplicates: DuplicatesService) {}

  @Get()
  @ApiOperation({ summary: 'Possible duplicates waiting for a supervisor (or decided ones)' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListDuplicatesQuery): Promise<DuplicateCandidateView[]> {
    return this.duplicates.list(user, query.status);
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @IdempotencyInTransaction()
  @ApiOperation({ summary: 'Decide: same family or distinct, with a reason; optionally close one case as a duplicate' })
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResolveDuplicateDto,
    @Req() req: Request,
  ): Promise<DuplicateCandidateView> {
    return this.duplicates.resolve(user, id, dto, idempotencyClaimOf(req));
  }
}
