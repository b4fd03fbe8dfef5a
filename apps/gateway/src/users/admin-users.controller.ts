import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@awda/auth';
import { CurrentSession, clientIp, type GatewayRequest } from '../sessions/gateway-request.js';
import type { ActiveSession } from '../sessions/sessions.service.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import type { AdminUserView } from './user.model.js';
import { UsersService } from './users.service.js';

@ApiTags('admin')
@Controller('admin/users')
@Roles('admin')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<AdminUserView[]> {
    return this.users.list();
  }

  @Post()
  create(@Body() dto: CreateUserDto, @CurrentSession() session: ActiveSession, @Req() request: GatewayRequest) {
    return this.users.create(dto, { id: session.user.id, ip: clientIp(request) });
  }

  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentSession() session: ActiveSession,
    @Req() request: GatewayRequest,
  ): Promise<AdminUserView> {
    return this.users.update(id, dto, { id: session.user.id, ip: clientIp(request) });
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  resetPassword(@Param('id', new ParseUUIDPipe()) id: string, @CurrentSession() session: ActiveSession, @Req() request: GatewayRequest) {
    return this.users.resetPassword(id, { id: session.user.id, ip: clientIp(request) });
  }
}
