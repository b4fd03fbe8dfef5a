import { Inject, Injectable } from '@nestjs/common';
import { signToken } from '@awda/auth';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { GatewayConfig } from '../config.js';
import type { UserView } from '../users/user.model.js';

/**
 * The short-lived bearer token the gateway signs for each proxied call: the user's id, roles and
 * camps as the session holds them now, so a change by an administrator applies to the next call.
 * It goes to the service only; the browser never sees it.
 */
@Injectable()
export class ServiceTokens {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: GatewayConfig) {}

  mint(user: UserView): Promise<string> {
    return signToken(
      { sub: user.id, roles: user.roles, camps: user.camps, ttlSeconds: this.config.SERVICE_TOKEN_TTL_SECONDS },
      { secret: this.config.JWT_SECRET, issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE },
    );
  }
}
