import type { HttpAppDefinition } from '@awda/bootstrap';
import { GatewayConfig } from './config.js';
import { GatewayModule } from './gateway.module.js';
import { gatewayMigrations } from './migrations/index.js';
import { configureGatewayHttp } from './web/configure-http.js';

/** The gateway: one origin for the browser. No domain events, its own schema, its own sign-in. */
export const gatewayApp: HttpAppDefinition<GatewayConfig> = {
  service: 'gateway',
  events: 'none',
  schema: 'gateway',
  configClass: GatewayConfig,
  entities: [],
  migrations: gatewayMigrations,
  features: () => [GatewayModule],
  // Bodies to /api must reach the services as they come; configureGatewayHttp parses JSON for the gateway's own routes.
  bodyParser: false,
  configureHttp: configureGatewayHttp,
  openApi: {
    title: 'Awda gateway',
    description:
      'Sign-in, sessions and people. The four services are reached through /api/<registration|eligibility|transport|notifications>/… with the session cookie and the X-CSRF-Token header.',
  },
};
