import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';

/** A ciphertext made with a household data key; anything else in these columns is legacy. */
const OWN = 'v1.household.%';

// A household still holding a value not encrypted with its own data key (or having no data key at all).
const NEEDS_BACKFILL = `
  h.erased_at IS NULL AND (
    NOT EXISTS (SELECT 1 FROM household_keys k WHERE k.household_id = h.id)
    OR h.phone_encrypted NOT LIKE '${OWN}'
    OR h.shelter_location NOT LIKE '${OWN}'
    OR EXISTS (SELECT 1 FROM identity_documents d WHERE d.household_id = h.id AND d.number_encrypted NOT LIKE '${OWN}')
    OR EXISTS (SELECT 1 FROM guardian_consents g WHERE g.household_id = h.id AND (
         (g.contact_phone_encrypted <> '' AND g.contact_phone_encrypted NOT LIKE '${OWN}')
         OR (g.guardian_name <> '' AND g.guardian_name NOT LIKE '${OWN}')))
    OR EXISTS (SELECT 1 FROM household_timeline t WHERE t.household_id = h.id AND t.detail ? 'sealed' AND t.detail->>'sealed' NOT LIKE '${OWN}')
  )`;

const legacyHousehold = z.object({ id: pg.uuid(), phone_encrypted: pg.text().nullable(), shelter_location: pg.text().nullable() });
const legacyDocument = z.object({ id: pg.uuid(), number_encrypted: pg.text() });
const legacyGuardian = z.object({ id: pg.uuid(), guardian_name: pg.text().nullable(), contact_phone_encrypted: pg.text().nullable() });
const legacyTimeline = z.object({ id: pg.uuid(), sealed: pg.text() });
const counts = z.object({ total: pg.int(), remaining: pg.int() });
const lockRow = z.object({ ok: pg.bool() });

export type LegacyHousehold = z.output<typeof legacyHousehold>;
export type LegacyDocument = z.output<typeof legacyDocument>;
export type LegacyGuardianConsent = z.output<typeof legacyGuardian>;
export type LegacyTimelineEntry = z.output<typeof legacyTimeline>;

/** One advisory lock for the backfill: with several replicas, one runs it and the others answer busy. */
const BACKFILL_LOCK = 'registration-key-backfill';

/** The SQL of the data-key backfill: households written before data keys and their legacy values. */
@Injectable()
export class KeyBackfillRepository {
  /** Takes the backfill's session lock on this connection; false when another replica holds it. */
  async tryLock(manager: EntityManager): Promise<boolean> {
    const row = await queryRow(manager, 'KeyBackfillRepository.tryLock', lockRow, `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [BACKFILL_LOCK]);
    return row?.ok === true;
  }

  async unlock(manager: EntityManager): Promise<void> {
    await execute(manager, `SELECT pg_advisory_unlock(hashtext($1))`, [BACKFILL_LOCK]);
  }

  /** Up to `limit` households still needing the backfill, locked as an edit locks them (others skipped). */
  lockBatch(manager: EntityManager, limit: number): Promise<LegacyHousehold[]> {
    return queryRows(
      manager,
      'KeyBackfillRepository.lockBatch',
      legacyHousehold,
      `SELECT h.id, h.phone_encrypted, h.shelter_location FROM households h WHERE ${NEEDS_BACKFILL}
       ORDER BY h.id LIMIT $1 FOR UPDATE OF h SKIP LOCKED`,
      [limit],
    );
  }

  documents(manager: EntityManager, householdId: string): Promise<LegacyDocument[]> {
    return queryRows(manager, 'KeyBackfillRepository.documents', legacyDocument,
      `SELECT id, number_encrypted FROM identity_documents WHERE household_id = $1 AND number_encrypted NOT LIKE '${OWN}'`, [householdId]);
  }

  guardianConsents(manager: EntityManager, householdId: string): Promise<LegacyGuardianConsent[]> {
    return queryRows(manager, 'KeyBackfillRepository.guardianConsents', legacyGuardian,
      `SELECT id, guardian_name, contact_phone_encrypted FROM guardian_consents WHERE household_id = $1
       AND ((contact_phone_encrypted <> '' AND contact_phone_encrypted NOT LIKE '${OWN}') OR (guardian_name <> '' AND guardian_name NOT LIKE '${OWN}'))`,
      [householdId]);
  }

  timeline(manager: EntityManager, householdId: string): Promise<LegacyTimelineEntry[]> {
    return queryRows(manager, 'KeyBackfillRepository.timeline', legacyTimeline,
      `SELECT id, detail->>'sealed' AS sealed FROM household_timeline
       WHERE household_id = $1 AND detail ? 'sealed' AND detail->>'sealed' NOT LIKE '${OWN}'`, [householdId]);
  }

  async saveHousehold(manager: EntityManager, id: string, phoneEncrypted: string | null, shelterLocation: string | null): Promise<void> {
    await execute(manager, `UPDATE households SET phone_encrypted = $2, shelter_location = $3 WHERE id = $1`, [id, phoneEncrypted, shelterLocation]);
  }

  async saveDocument(manager: EntityManager, id: string, numberEncrypted: string): Promise<void> {
    await execute(manager, `UPDATE identity_documents SET number_encrypted = $2 WHERE id = $1`, [id, numberEncrypted]);
  }

  async saveGuardianConsent(manager: EntityManager, id: string, guardianName: string | null, contactPhoneEncrypted: string | null): Promise<void> {
    await execute(manager, `UPDATE guardian_consents SET guardian_name = $2, contact_phone_encrypted = $3 WHERE id = $1`, [id, guardianName, contactPhoneEncrypted]);
  }

  async saveTimelineEntry(manager: EntityManager, id: string, sealed: string): Promise<void> {
    await execute(manager, `UPDATE household_timeline SET detail = jsonb_set(detail, '{sealed}', to_jsonb($2::text)) WHERE id = $1`, [id, sealed]);
  }

  /** Households not erased, and those of them still needing the backfill. */
  async progress(manager: EntityManager): Promise<{ total: number; remaining: number }> {
    const row = await queryRow(manager, 'KeyBackfillRepository.progress', counts,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE ${NEEDS_BACKFILL})::int AS remaining FROM households h WHERE h.erased_at IS NULL`);
    return row ?? { total: 0, remaining: 0 };
  }
}
