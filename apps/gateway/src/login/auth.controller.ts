import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@awda/observability';
import { AllowBeforePasswordChange, CurrentSession, clientIp, type GatewayRequest } from '../sessions/gateway-request.js';
import type { ActiveSession } from '../sessions/sessions.service.js';
import { ChangePasswordDto, PreferencesDto } from '../users/dto/password.dto.js';
import { UsersService } from '../users/users.service.js';
import { LoginDto } from './dto/login.dto.js';
import { LoginService, type SessionAnswer } from './login.service.js';
import { SignInOptions, type AuthConfigAnswer } from './sign-in-options.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly users: UsersService,
    private readonly options: SignInOptions,
  ) {}

  /** How to sign in here: whether an identity provider is configured and its button's label. */
  @Public()
  @Get('config')
  config(): AuthConfigAnswer {
    return this.options.answer();
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  signIn(@Body() dto: LoginDto, @Req() request: GatewayRequest, @Res({ passthrough: true }) response: ServerResponse): Promise<SessionAnswer> {
    return this.login.login(dto, clientIp(request), response);
  }

  @Get('session')
  @AllowBeforePasswordChange()
  session(@CurrentSession() session: ActiveSession): SessionAnswer {
    return this.login.sessionAnswer(session);
  }

  @Post('logout')
  @HttpCode(204)
  @AllowBeforePasswordChange()
  signOut(@CurrentSession() session: ActiveSession, @Req() request: GatewayRequest, @Res({ passthrough: true }) response: ServerResponse): Promise<void> {
    return this.login.logout(session, clientIp(request), response);
  }

  @Post('password')
  @HttpCode(204)
  @AllowBeforePasswordChange()
  changePassword(@CurrentSession() session: ActiveSession, @Body() dto: ChangePasswordDto, @Req() request: GatewayRequest): Promise<void> {
    return this.users.changePassword(session, dto, clientIp(request));
  }

  @Put('preferences')
  @AllowBeforePasswordChange()
  preferences(@CurrentSession() session: ActiveSession, @Body() dto: PreferencesDto) {
    return this.users.setPreferences(session, dto);
  }
}
