import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { canAccessCamp, type AuthUser } from '@awda/auth';
import { ConflictError, auditText } from '@awda/bootstrap';
import { CONTACT_CHANGED_V1, HOUSEHOLD_ERASED_V1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { AuditLogRepository } from '../common/audit-log.repository.js';
import { householdNotFound } from '../common/registration.errors.js';
import { retriedTransaction } from '../common/retried-transaction.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import type { ErasureView } from './erasure.dto.js';
import { ErasuresRepository } from './erasures.repository.js';
import { HouseholdKeys } from './household-keys.js';

export type ErasureSource = 'request' | 'retention';

/**
 * Erasure of one household's personal data. Its data key is destroyed (crypto-shredding: every
 * ciphertext made with it, here, in backups and in the event stream, is unreadable from then on);
 * what registration holds in clear is blanked or deleted in the same transaction (names and their
 * search keys, documents, shelter, the guardian's details, free text, stored idempotent answers);
 * household.erased tells the other services to drop their copies. Counts stay: the household, its
 * members (without names), consents, timeline entries (without values) and the audit remain.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: HouseholdsRepository,
    private readonly keys: HouseholdKeys,
    private readonly outbox: Outbox,
    private readonly audit: AuditLogRepository,
    private readonly erasures: ErasuresRepository,
  ) {}

  /** POST /households/:id/erasure: an administrator of the household's camp, with a reason. */
  async erase(user: AuthUser, householdId: string, reason: string): Promise<ErasureView> {
    return retriedTransaction(this.dataSource, async (manager) => {
      const household = await this.store.find(manager, householdId, true);
      if (household === undefined) throw householdNotFound();
      if (!canAccessCamp(user, household.campId)) {
        await this.audit.record(user.sub, [householdId], 'POST /households/:id/erasure', 'denied');
        throw householdNotFound();
      }
      if (household.erasedAt !== null) {
        throw new ConflictError('REGISTRATION.ALREADY_ERASED', "This household's personal data was already erased");
      }
      return this.eraseLocked(manager, householdId, household.campId, user.sub, reason, 'request');
    });
  }

  /** Erases a household whose row the caller has locked (FOR UPDATE) in `manager`'s transaction. */
  async eraseLocked(
    manager: EntityManager,
    householdId: string,
    campId: string,
    actor: string,
    reason: string,
    source: ErasureSource,
  ): Promise<ErasureView> {
    await this.keys.destroy(manager, householdId);
    await this.erasures.blank(manager, householdId, CONTACT_CHANGED_V1);
    const erasedAt = (
      await this.erasures.record(manager, { id: uuidv7(), householdId, campId, erasedBy: auditText(actor), reason: auditText(reason, 500), source })
    ).toISOString();
    await this.audit.record(actor, [householdId], 'POST /households/:id/erasure', 'erased', manager);
    await this.outbox.enqueue(manager, HOUSEHOLD_ERASED_V1, { householdId, campId, erasedAt, source }, { key: householdId });
    this.logger.log(`household ${householdId} erased (${source})`);
    return { householdId, campId, erasedAt, erasedBy: actor, source };
  }
}
