import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@awda/auth';
import { LoginAuditQueryDto } from './dto/login-audit-query.dto.js';
import { LoginAuditService, type LoginAuditPage } from './login-audit.service.js';

@ApiTags('admin')
@Controller('admin/login-audit')
@Roles('admin')
export class LoginAuditController {
  constructor(private readonly audit: LoginAuditService) {}

  /** Every sign-in, failure, lockout, sign-out and reset, newest first (never a password). */
  @Get()
  list(@Query() query: LoginAuditQueryDto): Promise<LoginAuditPage> {
    return this.audit.list(query);
  }
}
