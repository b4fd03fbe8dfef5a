import { Module } from '@nestjs/common';
import { LoginAuditController } from './login-audit.controller.js';
import { LoginAuditRepository } from './login-audit.repository.js';
import { LoginAuditService } from './login-audit.service.js';
import { LoginFailuresRepository } from './login-failures.repository.js';

@Module({
  controllers: [LoginAuditController],
  providers: [LoginAuditRepository, LoginAuditService, LoginFailuresRepository],
  exports: [LoginAuditRepository, LoginFailuresRepository],
})
export class AuditModule {}

