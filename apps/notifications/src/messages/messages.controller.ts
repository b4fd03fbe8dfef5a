import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { LOCAL_DATE_PATTERN } from '@awda/contracts';
import { MessagesQuery } from './messages.query.js';

export class StatsQueryDto {
  @ApiProperty({ example: '2026-03-01' }) @Matches(LOCAL_DATE_PATTERN, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-03-31' }) @Matches(LOCAL_DATE_PATTERN, { message: 'to must be YYYY-MM-DD' })
  to!: string;
}

@ApiTags('messages')
@ApiBearerAuth()
@Controller()
@Roles('supervisor', 'admin')
export class MessagesController {
  constructor(private readonly messages: MessagesQuery) {}

  @Get('households/:householdId/messages')
  byHousehold(@CurrentUser() user: AuthUser, @Param('householdId', ParseUUIDPipe) householdId: string) {
    return this.messages.byHousehold(user, householdId);
  }

  @Get('messages/stats')
  stats(@CurrentUser() user: AuthUser, @Query() query: StatsQueryDto) {
    return this.messages.stats(user, query.from, query.to);
  }

  @Get('messages/:messageId')
  detail(@CurrentUser() user: AuthUser, @Param('messageId', ParseUUIDPipe) messageId: string) {
    return this.messages.detail(user, messageId);
  }
}
