import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { IsLocalDate } from '@awda/bootstrap';
import { MessageLogService } from './message-log.service.js';

export class StatsQueryDto {
  @ApiProperty({ example: '2026-03-01', description: 'YYYY-MM-DD' }) @IsLocalDate()
  from!: string;

  @ApiProperty({ example: '2026-03-31', description: 'YYYY-MM-DD' }) @IsLocalDate()
  to!: string;
}

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
@Roles('supervisor', 'admin')
export class MessagesController {
  constructor(private readonly messages: MessageLogService) {}

  // Case workers are the ones a family asks "did you send me anything?": they read the SMS of households of their camps.
  @Get('households/:householdId/messages')
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Every SMS to a household, with its status and, when it never reached the family, why (outcomeReason)' })
  byHousehold(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string) {
    return this.messages.byHousehold(user, householdId);
  }

  @Get('messages/stats')
  @ApiOperation({
    summary: 'SMS counts by day and template, with segments, failures and what settling saved (superseded, segmentsSaved), between two dates',
  })
  stats(@CurrentUser() user: AuthUser, @Query() query: StatsQueryDto) {
    return this.messages.stats(user, query.from, query.to);
  }

  @Get('messages/:messageId')
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One SMS with its status history' })
  detail(@CurrentUser() user: AuthUser, @Param('messageId', ParseUUIDPipe) messageId: string) {
    return this.messages.detail(user, messageId);
  }
}
