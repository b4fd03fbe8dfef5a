import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { LoginModule } from './login/login.module.js';
import { OidcModule } from './oidc/oidc.module.js';
import { ProxyModule } from './proxy/proxy.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { UsersModule } from './users/users.module.js';

/** The gateway's features: people and sign-in, sessions, the audit, the identity provider, the proxy. */
@Module({
  imports: [SessionsModule, AuditModule, UsersModule, LoginModule, OidcModule, ProxyModule],
})
export class GatewayModule {}
