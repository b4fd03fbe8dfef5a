import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@awda/auth';
import { CurrentSession } from '../sessions/gateway-request.js';
import type { ActiveSession } from '../sessions/sessions.service.js';
import { UserNamesQueryDto } from './dto/user-names-query.dto.js';
import type { UserName } from './user.model.js';
import { UsersService } from './users.service.js';

// Under /admin so that a reload of a console page never shadows it (see web/console-files.ts).
@ApiTags('admin')
@Controller('admin/user-names')
@Roles('supervisor', 'admin')
export class UserNamesController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Usernames of user ids shown on review screens (the audit): supervisors get those of users who share one of their camps' })
  names(@Query() query: UserNamesQueryDto, @CurrentSession() session: ActiveSession): Promise<UserName[]> {
    return this.users.namesFor(query.ids, session.user);
  }
}
