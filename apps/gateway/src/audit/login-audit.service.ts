import { Injectable } from '@nestjs/common';
import { DomainError } from '@awda/bootstrap';
import type { LoginAuditQueryDto } from './dto/login-audit-query.dto.js';
import { LoginAuditRepository, type AuditRecord } from './login-audit.repository.js';

const PAGE_SIZE = 50;

export interface LoginAuditPage {
  items: AuditRecord[];
  page: number;
  pageSize: number;
  total: number;
}

@Injectable()
export class LoginAuditService {
  constructor(private readonly audit: LoginAuditRepository) {}

  async list(query: LoginAuditQueryDto): Promise<LoginAuditPage> {
    const from = query.from !== undefined ? new Date(query.from) : undefined;
    const to = query.to !== undefined ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new DomainError('AUDIT.BAD_PERIOD', '"from" must be before "to"', 400);
    const page = query.page ?? 1;
    const { items, total } = await this.audit.list({ username: query.username, from, to, page, pageSize: PAGE_SIZE });
    return { items, page, pageSize: PAGE_SIZE, total };
  }
}
