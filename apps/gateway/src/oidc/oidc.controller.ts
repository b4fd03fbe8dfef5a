import type { ServerResponse } from 'node:http';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@awda/observability';
import type { GatewayRequest } from '../sessions/gateway-request.js';
import { OidcService } from './oidc.service.js';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  /** 302 to the identity provider (authorization code + PKCE). */
  @Public()
  @Get('start')
  start(@Res() response: ServerResponse): Promise<void> {
    return this.oidc.start(response);
  }

  /** The provider sends the browser back here; 302 to the console once signed in. */
  @Public()
  @Get('callback')
  callback(@Req() request: GatewayRequest, @Res() response: ServerResponse): Promise<void> {
    return this.oidc.callback(request, response);
  }
}
