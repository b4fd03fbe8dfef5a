import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { GatewayConfig } from '../config.js';

export interface AuthConfigAnswer {
  oidc: boolean;
  oidcLabel?: string;
}

/** What the sign-in page offers, from the configuration. */
@Injectable()
export class SignInOptions {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: GatewayConfig) {}

  answer(): AuthConfigAnswer {
    return this.config.OIDC_ISSUER_URL !== undefined ? { oidc: true, oidcLabel: this.config.OIDC_LABEL } : { oidc: false };
  }
}
