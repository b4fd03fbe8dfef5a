import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { ConsentPolicy } from '@awda/contracts';
import type { RegistrationConfig } from '../config.js';
import type { DocumentRecord, HouseholdAggregate, HouseholdRecord, LatestConsent, LatestGuardianConsent, MemberRecord } from './household.types.js';

export const HOUSEHOLD_COLUMNS = `id, camp_id AS "campId", case_number AS "caseNumber", shelter_location AS "shelterLocation",
  destination_area AS "destinationArea", language, phone_encrypted AS "phoneEncrypted", phone_hash AS "phoneHash",
  status, closed_reason AS "closedReason", version, schedule_version AS "scheduleVersion", convoy_id AS "convoyId",
  to_char(departure_date, 'YYYY-MM-DD') AS "departureDate", registered_at AS "registeredAt", updated_at AS "updatedAt",
  created_by AS "createdBy", merged_into AS "mergedInto", travel_contact AS "travelContact",
  (SELECT k.wrapped_key FROM household_keys k WHERE k.household_id = households.id) AS "wrappedKey", erased_at AS "erasedAt"`;

const MEMBER_COLUMNS = `id, household_id AS "householdId", position, full_name_ar AS "fullNameAr", full_name_latin AS "fullNameLatin",
  sex, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", estimated_age AS "estimatedAge",
  to_char(age_recorded_on, 'YYYY-MM-DD') AS "ageRecordedOn", relationship, needs, fit_to_travel AS "fitToTravel",
  has_medical_clearance AS "hasMedicalClearance", travel_mode AS "travelMode", has_best_interests_determination AS "hasBestInterestsDetermination"`;

/**
 * Open duplicate candidates of a household, counted on each side through its own index: with
 * `household_id = x OR other_household_id = x` PostgreSQL read the whole partial index of open
 * candidates (every camp's) for each household. A pair is never a household with itself.
 */
export const OPEN_DUPLICATES = (id: string): string =>
  `((SELECT count(*) FROM duplicate_candidates WHERE status = 'open' AND household_id = ${id})
    + (SELECT count(*) FROM duplicate_candidates WHERE status = 'open' AND other_household_id = ${id}))::int`;

/** SQL reads of the household aggregate, always through the caller's manager (transaction). */
@Injectable()
export class HouseholdStore {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig) {}

  /** ADULT_AGE: who consents for themselves, and which households are child-headed. */
  get adultAge(): number {
    return this.config.ADULT_AGE;
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<HouseholdRecord | undefined> {
    const rows: HouseholdRecord[] = await manager.query(
      `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  async findMany(manager: EntityManager, ids: string[]): Promise<HouseholdRecord[]> {
    if (ids.length === 0) return [];
    return manager.query(`SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async members(manager: EntityManager, householdIds: string[]): Promise<MemberRecord[]> {
    if (householdIds.length === 0) return [];
    const members: Omit<MemberRecord, 'documents'>[] = await manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM members WHERE household_id = ANY($1::uuid[]) ORDER BY household_id, position`,
      [householdIds],
    );
    const documents: (DocumentRecord & { memberId: string })[] = await manager.query(
      `SELECT id, member_id AS "memberId", type, number_encrypted AS "numberEncrypted"
       FROM identity_documents WHERE household_id = ANY($1::uuid[]) ORDER BY id`,
      [householdIds],
    );
    return members.map((m) => ({
      ...m,
      documents: documents.filter((d) => d.memberId === m.id).map(({ id, type, numberEncrypted }) => ({ id, type, numberEncrypted })),
    }));
  }

  async latestConsents(manager: EntityManager, householdId: string): Promise<Map<string, LatestConsent>> {
    const rows: LatestConsent[] = await manager.query(
      `SELECT DISTINCT ON (member_id) member_id AS "memberId", id AS "consentId", decision,
              to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn"
       FROM consents WHERE household_id = $1 AND NOT superseded
       ORDER BY member_id, recorded_at DESC, id DESC`,
      [householdId],
    );
    return new Map(rows.map((r) => [r.memberId, r]));
  }

  async consentPolicy(manager: EntityManager, campId: string): Promise<ConsentPolicy> {
    const rows: { consent_policy: ConsentPolicy }[] = await manager.query(
      `SELECT consent_policy FROM camp_settings WHERE camp_id = $1`,
      [campId],
    );
    return rows[0]?.consent_policy ?? this.config.DEFAULT_CONSENT_POLICY;
  }

  async unresolvedDuplicates(manager: EntityManager, householdId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT ${OPEN_DUPLICATES('$1')} AS n`,
      [householdId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * The aggregate in one round trip: members with their documents, latest consents, the camp's
   * consent policy and the open duplicate count, each as JSON from one statement.
   */
  async aggregate(manager: EntityManager, household: HouseholdRecord): Promise<HouseholdAggregate> {
    const rows: AggregateRow[] = await manager.query(
      `SELECT
         (SELECT coalesce(json_agg(m ORDER BY m.position), '[]'::json) FROM (
            SELECT ${MEMBER_COLUMNS},
              (SELECT coalesce(json_agg(json_build_object('id', d.id, 'type', d.type, 'numberEncrypted', d.number_encrypted) ORDER BY d.id), '[]'::json)
               FROM identity_documents d WHERE d.member_id = members.id) AS documents
            FROM members WHERE household_id = $1) m) AS members,
         (SELECT coalesce(json_agg(c), '[]'::json) FROM (
            SELECT DISTINCT ON (member_id) member_id AS "memberId", id AS "consentId", decision,
                   to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn"
            FROM consents WHERE household_id = $1 AND NOT superseded
            ORDER BY member_id, recorded_at DESC, id DESC) c) AS consents,
         (SELECT consent_policy FROM camp_settings WHERE camp_id = $2) AS "consentPolicy",
         (SELECT row_to_json(g) FROM (
            SELECT id, basis, decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", contact_phone_encrypted AS "contactPhoneEncrypted"
            FROM guardian_consents WHERE household_id = $1 AND NOT superseded
            ORDER BY recorded_at DESC, id DESC LIMIT 1) g) AS "guardianConsent",
         ${OPEN_DUPLICATES('$1')} AS "unresolvedDuplicates"`,
      [household.id, household.campId],
    );
    const row = rows[0];
    return {
      household,
      members: row?.members ?? [],
      consents: new Map((row?.consents ?? []).map((c) => [c.memberId, c])),
      consentPolicy: row?.consentPolicy ?? this.config.DEFAULT_CONSENT_POLICY,
      unresolvedDuplicates: row?.unresolvedDuplicates ?? 0,
      guardianConsent: row?.guardianConsent ?? null,
    };
  }
}

interface AggregateRow {
  members: MemberRecord[] | null;
  consents: LatestConsent[] | null;
  consentPolicy: ConsentPolicy | null;
  unresolvedDuplicates: number | null;
  guardianConsent: LatestGuardianConsent | null;
}
