import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RateLimit } from '@awda/bootstrap';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import {
  IdempotencyInTransaction,
  IdempotencyInterceptor,
  idempotencyClaimOf,
} from '../common/idempotency.interceptor.js';
import { etagOf, versionFromIfMatch } from '../common/if-match.js';
import { CreateHouseholdDto, ListHouseholdsQuery, UpdateHouseholdDto } from './dto/household.dto.js';
import { MemberDto, UpdateMemberDto } from './dto/member.dto.js';
import type { HouseholdView } from './household.view.js';
import { HouseholdReads, type HouseholdPage, type TimelineEntry } from './household-reads.service.js';
import { HouseholdsService } from './households.service.js';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The household version you last saw, e.g. "3"' };

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
@Roles('caseworker', 'supervisor', 'admin')
@UseInterceptors(IdempotencyInterceptor)
export class HouseholdsController {
  constructor(
    private readonly households: HouseholdsService,
    private readonly query: HouseholdReads,
  ) {}

  @Post()
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @IdempotencyInTransaction({ required: true })
  @ApiOperation({ summary: 'Register a household with its members' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateHouseholdDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdView> {
    return tagged(res, await this.households.create(user, dto, idempotencyClaimOf(req)));
  }

  @Get()
  @ApiOperation({ summary: 'List and search households in your camps (name, phone, case number, status)' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListHouseholdsQuery): Promise<HouseholdPage> {
    return this.query.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A household with its members, documents and consents (audited)' })
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<HouseholdView> {
    return tagged(res, await this.query.get(user, id, 'GET /households/:id'));
  }

  @Patch(':id')
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Change case number, shelter, destination, language or phone' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateHouseholdDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdView> {
    return tagged(res, await this.households.update(user, id, versionFromIfMatch(ifMatch), dto));
  }

  @Post(':id/members')
  @IdempotencyInTransaction()
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Add a member' })
  async addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: MemberDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdView> {
    return tagged(res, await this.households.addMember(user, id, versionFromIfMatch(ifMatch), dto, idempotencyClaimOf(req)));
  }

  @Patch(':id/members/:memberId')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Change a member' })
  async updateMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateMemberDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdView> {
    return tagged(res, await this.households.updateMember(user, id, memberId, versionFromIfMatch(ifMatch), dto));
  }

  @Delete(':id/members/:memberId')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Remove a member who is not the head' })
  async removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdView> {
    return tagged(res, await this.households.removeMember(user, id, memberId, versionFromIfMatch(ifMatch)));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every version of the household: what changed, who, when' })
  history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<TimelineEntry[]> {
    return this.query.history(user, id, 'GET /households/:id/history');
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'What happened to the household across services, and why it is not scheduled yet' })
  async timeline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ entries: TimelineEntry[]; latestAssessment: Record<string, unknown> | null }> {
    // The assessment first: its timeline row commits with it, so the entries read next include it
    // (read the other way round, an assessment landing in between showed without its entry).
    // Nothing is returned unless history() finds the household in the user's camps.
    const latestAssessment = await this.query.latestAssessment(id);
    const entries = await this.query.history(user, id, 'GET /households/:id/timeline', true);
    return { entries, latestAssessment };
  }
}

function tagged(res: Response, view: HouseholdView): HouseholdView {
  res.setHeader('ETag', etagOf(view.version));
  return view;
}
