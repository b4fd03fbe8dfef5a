import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { DomainError, NotFoundError } from '@awda/bootstrap';
import { AuditLogRepository } from '../audit/audit-log.repository.js';
import { HouseholdsRepository } from '../households/households.repository.js';

export const HOUSEHOLD_NOT_FOUND = 'ELIGIBILITY.HOUSEHOLD_NOT_FOUND';
export const CAMP_NOT_ALLOWED = 'ELIGIBILITY.CAMP_NOT_ALLOWED';

/**
 * Camp scoping: a household outside the caller's camps is answered exactly like one that does not
 * exist (404), a camp named outside them 403; each attempt is audited in its own transaction so the
 * refusal cannot roll it back.
 */
@Injectable()
export class CampAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogRepository,
    private readonly households: HouseholdsRepository,
  ) {}

  /** The household's camp when the user may see it; otherwise a 404. */
  async householdCamp(user: AuthUser, householdId: string, attempted: string): Promise<string> {
    const campId = await this.households.campOf(this.dataSource.manager, householdId);
    if (campId !== undefined && canAccessCamp(user, campId)) return campId;
    if (campId !== undefined) {
      await this.audit.record(this.dataSource.manager, {
        actor: user.sub,
        action: 'camp_scope.denied',
        householdId,
        details: { attempted, campId },
      });
    }
    throw new NotFoundError(HOUSEHOLD_NOT_FOUND, 'No household with this id in your camps');
  }

  /** A camp the caller names explicitly: outside its token it is 403 (the camp's existence is no secret), audited. */
  async assertCamp(user: AuthUser, campId: string, attempted: string): Promise<void> {
    if (canAccessCamp(user, campId)) return;
    await this.audit.record(this.dataSource.manager, {
      actor: user.sub,
      action: 'camp_scope.denied',
      details: { attempted, campId },
    });
    throw new DomainError(CAMP_NOT_ALLOWED, `Your account does not give you access to camp ${campId}`, 403);
  }
}
