import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SessionAccess } from './session-access.js';
import { SessionGuard } from './session.guard.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

@Module({
  providers: [SessionsRepository, SessionsService, SessionAccess, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [SessionsService, SessionAccess],
})
export class SessionsModule {}
