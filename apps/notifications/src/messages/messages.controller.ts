import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { IsLocalDate } from '@awda/bootstrap';
import { MessagesQuery } from './messages.query.js';

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
  constructor(private readonly messages: MessagesQuery) {}

  @Get('households/:householdId/messages')
  @ApiOperation({ summary: 'Every SMS to a household, with its status' })
  byHousehold(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string) {
    return this.messages.byHousehold(user, householdId);
  }

  @Get('messages/stats')
  @ApiOperation({ summary: 'SMS counts by template, language and status, with segments, between two dates' })
  stats(@CurrentUser() user: AuthUser, @Query() query: StatsQueryDto) {
    return this.messages.stats(user, query.from, query.to);
  }

  @Get('messages/:messageId')
  @ApiOperation({ summary: 'One SMS with its status history' })
  detail(@CurrentUser() user: AuthUser, @Param('messageId', ParseUUIDPipe) messageId: string) {
    return this.messages.detail(user, messageId);
  }
}
