import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConsentPolicy } from '@awda/contracts';
import { execute, pg, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';

const consentRow = z.object({
  id: pg.uuid(),
  memberId: pg.uuid(),
  decision: pg.text(),
  decidedOn: pg.text(),
  method: pg.text(),
  formReference: pg.text().nullable(),
  recordedBy: pg.text(),
  recordedAt: pg.timestamp(),
  correctsConsentId: pg.uuid().nullable(),
  superseded: pg.bool(),
});
export type ConsentRow = Row<typeof consentRow>;

const guardianConsentRow = z.object({
  id: pg.uuid(),
  basis: pg.text(),
  decision: pg.text(),
  decidedOn: pg.text(),
  method: pg.text().nullable(),
  guardianName: pg.text().nullable(),
  guardianRelationship: pg.text().nullable(),
  bestInterestsReference: pg.text().nullable(),
  contactPhoneEncrypted: pg.text().nullable(),
  recordedBy: pg.text(),
  recordedByRole: pg.text(),
  recordedAt: pg.timestamp(),
});
export type GuardianConsentRow = Row<typeof guardianConsentRow>;

/** Members' consent decisions, guardian and best-interests decisions, and each camp's consent policy. */
@Injectable()
export class ConsentsRepository {
  /** Marks a member's current decision superseded by a correction; false when there is no such current decision. */
  async supersede(manager: EntityManager, consentId: string, householdId: string, memberId: string): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'ConsentsRepository.supersede',
      z.object({ id: pg.uuid() }),
      `UPDATE consents SET superseded = true WHERE id = $1 AND household_id = $2 AND member_id = $3 AND NOT superseded RETURNING id`,
      [consentId, householdId, memberId],
    );
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    c: {
      id: string; householdId: string; memberId: string; decision: string; decidedOn: string; method: string; formReference: string | null;
      recordedBy: string; correctsConsentId: string | null;
    },
  ): Promise<void> {
    await execute(
      manager,
      `INSERT INTO consents (id, household_id, member_id, decision, decided_on, method, form_reference, recorded_by, recorded_at, corrects_consent_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9)`,
      [c.id, c.householdId, c.memberId, c.decision, c.decidedOn, c.method, c.formReference, c.recordedBy, c.correctsConsentId],
    );
  }

  /** Every decision recorded for a household, superseded ones included, in the order recorded. */
  async list(runner: SqlRunner, householdId: string): Promise<ConsentRow[]> {
    return queryRows(
      runner,
      'ConsentsRepository.list',
      consentRow,
      `SELECT id, member_id AS "memberId", decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", method,
              form_reference AS "formReference", recorded_by AS "recordedBy", recorded_at AS "recordedAt",
              corrects_consent_id AS "correctsConsentId", superseded
       FROM consents WHERE household_id = $1 ORDER BY recorded_at, id`,
      [householdId],
    );
  }

  async insertGuardian(
    manager: EntityManager,
    g: {
      id: string; householdId: string; basis: string; decision: string; decidedOn: string; method: string | null; guardianName: string | null;
      guardianRelationship: string | null; bestInterestsReference: string | null; contactPhoneEncrypted: string | null; recordedBy: string;
      recordedByRole: string;
    },
  ): Promise<void> {
    await execute(
      manager,
      `INSERT INTO guardian_consents (id, household_id, basis, decision, decided_on, method, guardian_name, guardian_relationship,
         best_interests_reference, contact_phone_encrypted, recorded_by, recorded_by_role, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
      [g.id, g.householdId, g.basis, g.decision, g.decidedOn, g.method, g.guardianName, g.guardianRelationship, g.bestInterestsReference,
        g.contactPhoneEncrypted, g.recordedBy, g.recordedByRole],
    );
  }

  /** Every guardian or best-interests decision of a household, in the order recorded. */
  async listGuardian(runner: SqlRunner, householdId: string): Promise<GuardianConsentRow[]> {
    return queryRows(
      runner,
      'ConsentsRepository.listGuardian',
      guardianConsentRow,
      `SELECT id, basis, decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", method, guardian_name AS "guardianName",
              guardian_relationship AS "guardianRelationship", best_interests_reference AS "bestInterestsReference",
              contact_phone_encrypted AS "contactPhoneEncrypted", recorded_by AS "recordedBy", recorded_by_role AS "recordedByRole",
              recorded_at AS "recordedAt"
       FROM guardian_consents WHERE household_id = $1 ORDER BY recorded_at, id`,
      [householdId],
    );
  }

  /** Sets a camp's consent policy (camp_settings). */
  async setPolicy(manager: EntityManager, campId: string, policy: ConsentPolicy, by: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO camp_settings (camp_id, consent_policy, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (camp_id) DO UPDATE SET consent_policy = EXCLUDED.consent_policy, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [campId, policy, by],
    );
  }
}
