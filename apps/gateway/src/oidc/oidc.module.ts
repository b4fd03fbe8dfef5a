import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LoginModule } from '../login/login.module.js';
import { UsersModule } from '../users/users.module.js';
import { OidcLoginsRepository } from './oidc-logins.repository.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';

@Module({
  imports: [AuditModule, LoginModule, UsersModule],
  controllers: [OidcController],
  providers: [OidcService, OidcLoginsRepository],
})
export class OidcModule {}
