import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { LoginService } from './login.service.js';
import { SignInOptions } from './sign-in-options.js';

@Module({
  imports: [AuditModule, SessionsModule, UsersModule],
  controllers: [AuthController],
  providers: [LoginService, SignInOptions],
  exports: [LoginService],
})
export class LoginModule {}
