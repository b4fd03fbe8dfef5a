import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { canAccessCamp, isRole, type AuthUser } from '@awda/auth';
import { DomainError } from '@awda/bootstrap';
import { ManifestNamesRequestV1, describeValidationErrors, type ManifestNamesReplyV1 } from '@awda/contracts';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import { HouseholdsRepository } from '../households/households.repository.js';

const ALLOWED_ROLES = ['logistics', 'supervisor', 'admin'];
const ENDPOINT = 'rpc manifest-names.v1';

/** Names for a convoy manifest, at the moment it is printed: only households in the caller's camps, audited. */
@Injectable()
export class ManifestNamesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async answer(raw: unknown): Promise<ManifestNamesReplyV1> {
    const request = plainToInstance(ManifestNamesRequestV1, raw ?? {});
    const errors = describeValidationErrors(validateSync(request, { whitelist: true, forbidUnknownValues: true }));
    if (errors.length) throw new DomainError('RPC.INVALID_REQUEST', errors.join('; '), 400);
    const caller: AuthUser = { sub: request.caller.sub, roles: request.caller.roles.filter(isRole), camps: request.caller.camps };
    if (!caller.roles.some((r) => ALLOWED_ROLES.includes(r))) {
      await this.audit.record(caller.sub, [...new Set(request.householdIds)], ENDPOINT, 'rpc_refused');
      throw new DomainError('AUTH.FORBIDDEN', 'Manifest names need the logistics, supervisor or admin role', 403);
    }
    const ids = [...new Set(request.householdIds)];
    const households = await this.store.findMany(this.dataSource.manager, ids);
    const allowed = households.filter((h) => canAccessCamp(caller, h.campId));
    const allowedIds = new Set(allowed.map((h) => h.id));
    const refused = ids.filter((id) => !allowedIds.has(id));
    const members = await this.store.members(this.dataSource.manager, [...allowedIds]);
    await this.audit.record(caller.sub, [...allowedIds], ENDPOINT, 'rpc_read');
    const seen = new Set(households.map((h) => h.id));
    await this.audit.record(caller.sub, refused.filter((id) => seen.has(id)), ENDPOINT, 'rpc_refused');
    return {
      households: allowed.map((h) => ({
        householdId: h.id,
        caseNumber: h.caseNumber,
        members: members
          .filter((m) => m.householdId === h.id)
          .map((m) => ({ memberId: m.id, fullNameAr: m.fullNameAr, fullNameLatin: m.fullNameLatin, isHead: m.relationship === 'head' })),
      })),
      refused,
    };
  }
}
