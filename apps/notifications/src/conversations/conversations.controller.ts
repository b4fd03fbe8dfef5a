import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { ConversationReadsService } from './conversation-reads.service.js';
import { ConversationsService } from './conversations.service.js';
import { ClearFlagDto, ConversationViewDto, FlaggedHouseholdDto, FlaggedQueryDto } from './dto/conversation-view.dto.js';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller()
@Roles('caseworker', 'supervisor', 'admin')
export class ConversationsController {
  constructor(
    private readonly query: ConversationReadsService,
    private readonly conversations: ConversationsService,
  ) {}

  @Get('households/:householdId/conversations')
  @ApiOperation({ summary: 'Questions asked to a household by SMS (seat confirmation, arrival check, follow-up survey), their state, flags, survey answers and the replies as written' })
  @ApiOkResponse({ type: [ConversationViewDto] })
  byHousehold(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string): Promise<ConversationViewDto[]> {
    return this.query.byHousehold(user, householdId);
  }

  @Get('conversations/flagged')
  @ApiOperation({ summary: 'Work list: households flagged for follow-up (needs help, or no answer to the arrival check), in the user’s camps' })
  @ApiOkResponse({ type: [FlaggedHouseholdDto] })
  @ApiForbiddenResponse({ description: 'NOTIFICATIONS.CAMP_NOT_ALLOWED: campId is not one of your camps' })
  flagged(@CurrentUser() user: AuthUser, @Query() query: FlaggedQueryDto): Promise<FlaggedHouseholdDto[]> {
    return this.query.flagged(user, query.campId);
  }

  @Post('conversations/:conversationId/flag/clear')
  @HttpCode(204)
  @ApiOperation({ summary: 'A case worker followed the flag up: it leaves the work list (who and when are kept)' })
  @ApiNoContentResponse()
  clearFlag(
    @CurrentUser() user: AuthUser,
    @Param('conversationId', ParseUUIDPipe) conversationId: string,
    @Body() dto: ClearFlagDto,
  ): Promise<void> {
    return this.conversations.clearFlag(user, conversationId, dto.note);
  }
}
