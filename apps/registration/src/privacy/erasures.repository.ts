import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, z } from '@awda/persistence';

const erasedAtRow = z.object({ erased_at: pg.timestamp() });

/** Who erased a household, when and why (never what). */
export interface ErasureRecord {
  id: string;
  householdId: string;
  campId: string;
  erasedBy: string;
  reason: string;
  source: string;
}

/** The SQL of an erasure: its record, and everything registration holds about the household in clear, blanked. */
@Injectable()
export class ErasuresRepository {
  /** Records the erasure and marks the household erased; answers when. */
  async record(manager: EntityManager, erasure: ErasureRecord): Promise<Date> {
    const row = await queryRow(
      manager,
      'ErasuresRepository.record',
      erasedAtRow,
      `INSERT INTO erasures (id, household_id, camp_id, erased_by, reason, source) VALUES ($1, $2, $3, $4, $5, $6) RETURNING erased_at`,
      [erasure.id, erasure.householdId, erasure.campId, erasure.erasedBy, erasure.reason, erasure.source],
    );
    const erasedAt = row?.erased_at ?? new Date();
    await execute(manager, `UPDATE households SET erased_at = $2 WHERE id = $1`, [erasure.householdId, erasedAt]);
    return erasedAt;
  }

  /**
   * Blanks what registration holds about the household in clear (names and their search keys, documents,
   * shelter, phone, guardian's details, consent form references, history values, duplicate decision
   * reasons, stored idempotent answers) and nulls the phone in its outbox copies of `contactSubject`.
   */
  async blank(manager: EntityManager, id: string, contactSubject: string): Promise<void> {
    await execute(manager, `UPDATE households SET shelter_location = NULL, phone_encrypted = NULL, phone_hash = NULL, content_hash = NULL WHERE id = $1`, [id]);
    await execute(manager, `UPDATE members SET full_name_ar = '', full_name_latin = NULL, name_tokens = '{}', blocking_keys = '{}' WHERE household_id = $1`, [id]);
    await execute(manager, `DELETE FROM identity_documents WHERE household_id = $1`, [id]);
    await execute(
      manager,
      `UPDATE guardian_consents SET
         guardian_name = CASE WHEN guardian_name IS NULL THEN NULL ELSE '' END,
         guardian_relationship = CASE WHEN guardian_relationship IS NULL THEN NULL ELSE '' END,
         best_interests_reference = CASE WHEN best_interests_reference IS NULL THEN NULL ELSE '' END,
         contact_phone_encrypted = CASE WHEN basis = 'guardian' THEN '' ELSE NULL END
       WHERE household_id = $1`,
      [id],
    );
    await execute(manager, `UPDATE consents SET form_reference = NULL WHERE household_id = $1`, [id]);
    await execute(manager, `UPDATE household_timeline SET detail = '{}'::jsonb WHERE household_id = $1`, [id]);
    await execute(manager, `UPDATE duplicate_candidates SET decision_reason = NULL WHERE household_id = $1 OR other_household_id = $1`, [id]);
    await execute(manager, `DELETE FROM idempotency_keys WHERE household_id = $1 OR response::text LIKE '%' || $1::text || '%'`, [id]);
    // The copies of its contact events this service still holds (published or waiting) lose the phone.
    await execute(
      manager,
      `UPDATE outbox SET envelope = jsonb_set(jsonb_set(envelope, '{data,phoneEncrypted}', 'null'), '{data,travelPhoneEncrypted}', 'null')
       WHERE envelope->>'type' = $2 AND envelope->'data'->>'householdId' = $1::text`,
      [id, contactSubject],
    );
  }
}
