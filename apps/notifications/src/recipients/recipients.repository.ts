import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FieldCipher, FieldDecryptionError, LookupHasher } from '@awda/auth';
import type { ContactChangedV1, HouseholdSnapshotV1 } from '@awda/contracts';
import { PermanentEventError } from '@awda/messaging';
import { readPhone } from '@awda/phone';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

/** What notifications knows of a household: how to reach it and what it was last told. */
const recipientRow = z.object({
  household_id: pg.uuid(),
  camp_id: pg.text(),
  case_number: pg.text().nullable(),
  language: pg.text(),
  destination_area: pg.text().nullable(),
  phone_encrypted: pg.text().nullable(),
  phone_hash: pg.text().nullable(),
  assessment_version: pg.int(),
  assessment_status: pg.text().nullable(),
  assessment_signature: pg.text().nullable(),
  schedule_version: pg.int(),
  convoy_id: pg.uuid().nullable(),
  withdrawn: pg.bool(),
  opted_out: pg.bool(),
});
export type RecipientRow = Row<typeof recipientRow>;

/**
 * The recipients projection. Each fact family has its own version (contact, household snapshot,
 * assessment, schedule): an older event never overwrites a newer one, whatever the arrival order.
 */
@Injectable()
export class RecipientsRepository {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
  ) {}

  /** The row, created empty first so versioned updates can lock it (an event may beat registration). */
  async lock(manager: EntityManager, householdId: string, campId: string): Promise<RecipientRow> {
    await execute(manager, `INSERT INTO recipients (household_id, camp_id) VALUES ($1, $2) ON CONFLICT (household_id) DO NOTHING`, [
      householdId,
      campId,
    ]);
    const row = await queryRow(manager, 'RecipientsRepository.lock', recipientRow, `SELECT * FROM recipients WHERE household_id = $1 FOR UPDATE`, [householdId]);
    if (!row) throw new Error(`recipient ${householdId} vanished`);
    return row;
  }

  async find(manager: EntityManager, householdId: string): Promise<RecipientRow | undefined> {
    return queryRow(manager, 'RecipientsRepository.find', recipientRow, `SELECT * FROM recipients WHERE household_id = $1`, [householdId]);
  }

  /**
   * Applies a household snapshot if newer; the language only until a contact event sets it. The
   * withdrawn flag follows the snapshot's status: a family that consents again after withdrawing is
   * `registered` again, and hears about its travel again.
   */
  async applySnapshot(manager: EntityManager, household: HouseholdSnapshotV1): Promise<boolean> {
    const changed = await execute(
      manager,
      `UPDATE recipients SET camp_id = $2, case_number = COALESCE(case_number, $3), destination_area = $4,
         language = CASE WHEN contact_version = 0 THEN $5 ELSE language END,
         withdrawn = $6, household_version = $7, updated_at = now()
       WHERE household_id = $1 AND household_version < $7`,
      [household.householdId, household.campId, household.caseNumber, household.destinationArea, household.language, household.status === 'withdrawn', household.version],
    );
    return (changed ?? 0) > 0;
  }

  /**
   * Applies a contact if newer. A child-headed household (travelContact set) is reached at its
   * guardian's or case worker's phone, never at the child's; with 'none' at no phone at all.
   */
  async applyContact(manager: EntityManager, contact: ContactChangedV1, householdPhoneHash: string | null): Promise<boolean> {
    const viaContact = contact.travelContact !== undefined;
    const phoneEncrypted = viaContact ? (contact.travelPhoneEncrypted ?? null) : contact.phoneEncrypted;
    const phoneHash = viaContact ? this.hashOf(contact.householdId, phoneEncrypted) : householdPhoneHash;
    const changed = await execute(
      manager,
      `UPDATE recipients SET camp_id = $2, phone_encrypted = $3, phone_hash = $4, language = $5, case_number = $6,
         contact_version = $7, updated_at = now()
       WHERE household_id = $1 AND contact_version < $7 AND erased_at IS NULL`,
      [contact.householdId, contact.campId, phoneEncrypted, phoneHash, contact.language, contact.caseNumber, contact.version],
    );
    return (changed ?? 0) > 0;
  }

  // The phone is decrypted only to derive its lookup hash (a STOP from it is matched); it stays encrypted.
  private hashOf(householdId: string, phoneEncrypted: string | null): string | null {
    if (phoneEncrypted === null) return null;
    try {
      const reading = readPhone(this.cipher.decrypt(phoneEncrypted, householdId));
      if (!reading.ok) throw new PermanentEventError(`contact of ${householdId}: the travel contact's phone is not a phone number`);
      return this.hasher.hash(reading.phone.e164);
    } catch (error) {
      if (error instanceof FieldDecryptionError) throw new PermanentEventError(`contact of ${householdId}: ${error.message}`);
      throw error;
    }
  }

  async setAssessment(manager: EntityManager, householdId: string, version: number, status: string, signature: string | null): Promise<void> {
    await execute(
      manager,
      `UPDATE recipients SET assessment_version = $2, assessment_status = $3, assessment_signature = $4, updated_at = now() WHERE household_id = $1`,
      [householdId, version, status, signature],
    );
  }

  async setSchedule(manager: EntityManager, householdId: string, version: number, convoyId: string | null, destination?: string): Promise<void> {
    await execute(
      manager,
      `UPDATE recipients SET schedule_version = $2, convoy_id = $3, destination_area = COALESCE($4, destination_area), updated_at = now()
       WHERE household_id = $1`,
      [householdId, version, convoyId, destination ?? null],
    );
  }

  /** Withdrawn as of household version `version`, unless a newer snapshot (a consent again) already came. */
  async setWithdrawn(manager: EntityManager, householdId: string, version: number): Promise<void> {
    await execute(manager, `UPDATE recipients SET withdrawn = true, updated_at = now() WHERE household_id = $1 AND household_version <= $2`, [
      householdId,
      version,
    ]);
  }

  /** Households reached at a phone (several families may share one), locked for an opt-in/out. */
  async lockByPhoneHash(manager: EntityManager, phoneHash: string): Promise<RecipientRow[]> {
    return queryRows(manager, 'RecipientsRepository.lockByPhoneHash', recipientRow, `SELECT * FROM recipients WHERE phone_hash = $1 ORDER BY household_id FOR UPDATE`, [
      phoneHash,
    ]);
  }

  async setOptOut(manager: EntityManager, householdId: string, optedOut: boolean): Promise<void> {
    await execute(
      manager,
      `UPDATE recipients SET opted_out = $2, opted_out_at = CASE WHEN $2 THEN now() ELSE NULL END, updated_at = now() WHERE household_id = $1`,
      [householdId, optedOut],
    );
  }
}
