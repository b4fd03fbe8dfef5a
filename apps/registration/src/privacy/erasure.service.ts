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
    await this.blank(manager, householdId);
    const rows: { erased_at: Date }[] = await manager.query(
      `INSERT INTO erasures (id, household_id, camp_id, erased_by, reason, source) VALUES ($1, $2, $3, $4, $5, $6) RETURNING erased_at`,
      [uuidv7(), householdId, campId, auditText(actor), auditText(reason, 500), source],
    );
    const erasedAt = new Date(rows[0]?.erased_at ?? Date.now()).toISOString();
    await manager.query(`UPDATE households SET erased_at = $2 WHERE id = $1`, [householdId, erasedAt]);
    await this.audit.record(actor, [householdId], 'POST /households/:id/erasure', 'erased', manager);
    await this.outbox.enqueue(manager, HOUSEHOLD_ERASED_V1, { householdId, campId, erasedAt, source }, { key: householdId });
    this.logger.log(`household ${householdId} erased (${source})`);
    return { householdId, campId, erasedAt, erasedBy: actor, source };
  }

  /** Everything registration holds about the household in clear, blanked; what only counts is kept. */
  private async blank(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE households SET shelter_location = NULL, phone_encrypted = NULL, phone_hash = NULL, content_hash = NULL WHERE id = $1`,
      [id],
    );
    await manager.query(
      `UPDATE members SET full_name_ar = '', full_name_latin = NULL, name_tokens = '{}', blocking_keys = '{}' WHERE household_id = $1`,
      [id],
    );
    await manager.query(`DELETE FROM identity_documents WHERE household_id = $1`, [id]);
    await manager.query(
      `UPDATE guardian_consents SET
         guardian_name = CASE WHEN guardian_name IS NULL THEN NULL ELSE '' END,
         guardian_relationship = CASE WHEN guardian_relationship IS NULL THEN NULL ELSE '' END,
         best_interests_reference = CASE WHEN best_interests_reference IS NULL THEN NULL ELSE '' END,
         contact_phone_encrypted = CASE WHEN basis = 'guardian' THEN '' ELSE NULL END
       WHERE household_id = $1`,
      [id],
    );
    await manager.query(`UPDATE consents SET form_reference = NULL WHERE household_id = $1`, [id]);
    await manager.query(`UPDATE household_timeline SET detail = '{}'::jsonb WHERE household_id = $1`, [id]);
    await manager.query(
      `UPDATE duplicate_candidates SET decision_reason = NULL WHERE household_id = $1 OR other_household_id = $1`,
      [id],
    );
    await manager.query(`DELETE FROM idempotency_keys WHERE household_id = $1 OR response::text LIKE '%' || $1::text || '%'`, [id]);
    // The copies of its contact events this service still holds (published or waiting) lose the phone.
    await manager.query(
      `UPDATE outbox SET envelope = jsonb_set(jsonb_set(envelope, '{data,phoneEncrypted}', 'null'), '{data,travelPhoneEncrypted}', 'null')
       WHERE envelope->>'type' = $2 AND envelope->'data'->>'householdId' = $1::text`,
      [id, CONTACT_CHANGED_V1],
    );
  }
}
