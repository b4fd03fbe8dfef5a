import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MAX_AREA_DEPTH } from '@awda/areas';
import {
  CONSENT_POLICIES,
  HOUSEHOLD_STATUSES,
  type GuardianConsent,
  type HouseholdMember,
} from '@awda/eligibility-rules';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';
import type { HouseholdRecord } from './household-record.js';

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

/** A households row as every query here selects it (`SELECT *`). Members and guardian consent are jsonb written by save(). */
export const householdRow = z.object({
  household_id: pg.uuid(),
  camp_id: pg.text(),
  version: pg.int(),
  snapshot_version: pg.int().nullable(),
  status: z.enum(HOUSEHOLD_STATUSES),
  status_event: z.enum(['withdrawn', 'closed']).nullable(),
  status_event_version: pg.int().nullable(),
  destination_area: pg.text().nullable(),
  consent_policy: z.enum(CONSENT_POLICIES).nullable(),
  registered_at: pg.timestamp().nullable(),
  members: z.array(z.custom<HouseholdMember>(isObject, 'expected a member object')).nullable(),
  unresolved_duplicates: pg.int().nullable(),
  guardian_consent: z.custom<GuardianConsent>(isObject, 'expected a guardian consent object').nullable(),
});
export type HouseholdRow = Row<typeof householdRow>;

/** Reads a households row as the projection record. */
export function recordOfRow(row: HouseholdRow): HouseholdRecord {
  const hasFacts = row.snapshot_version !== null && row.destination_area !== null && row.members !== null;
  return {
    householdId: row.household_id,
    campId: row.camp_id,
    version: row.version,
    snapshotVersion: row.snapshot_version,
    status: row.status,
    statusEvent: row.status_event,
    statusEventVersion: row.status_event_version,
    facts: hasFacts
      ? {
          destinationArea: row.destination_area ?? '',
          consentPolicy: row.consent_policy ?? 'each_adult',
          registeredAt: (row.registered_at ?? new Date(0)).toISOString(),
          members: row.members ?? [],
          unresolvedDuplicates: row.unresolved_duplicates ?? 0,
          guardianConsent: row.guardian_consent ?? null,
        }
      : null,
  };
}

/** The households table: the eligibility projection of registration's households. */
@Injectable()
export class HouseholdsRepository {
  /**
   * Locks and returns the household, or null when none is known yet. The advisory lock also covers
   * a household without a row, so two replicas cannot both insert its first version.
   */
  async lock(manager: EntityManager, householdId: string): Promise<HouseholdRecord | null> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`eligibility-household-${householdId}`]);
    const row = await queryRow(manager, 'HouseholdsRepository.lock', householdRow, 'SELECT * FROM households WHERE household_id = $1 FOR UPDATE', [
      householdId,
    ]);
    return row ? recordOfRow(row) : null;
  }

  async find(manager: EntityManager, householdId: string): Promise<HouseholdRecord | null> {
    const row = await queryRow(manager, 'HouseholdsRepository.find', householdRow, 'SELECT * FROM households WHERE household_id = $1', [householdId]);
    return row ? recordOfRow(row) : null;
  }

  /** The camp a household belongs to, or undefined when it is not known here. */
  async campOf(manager: EntityManager, householdId: string): Promise<string | undefined> {
    const row = await queryRow(manager, 'HouseholdsRepository.campOf', z.object({ camp_id: pg.text() }), 'SELECT camp_id FROM households WHERE household_id = $1', [
      householdId,
    ]);
    return row?.camp_id;
  }

  async save(manager: EntityManager, record: HouseholdRecord): Promise<void> {
    const f = record.facts;
    await execute(
      manager,
      `INSERT INTO households (household_id, camp_id, version, snapshot_version, status, status_event, status_event_version,
                               destination_area, consent_policy, registered_at, members, unresolved_duplicates, guardian_consent, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13::jsonb, now())
       ON CONFLICT (household_id) DO UPDATE SET
         camp_id = EXCLUDED.camp_id, version = EXCLUDED.version, snapshot_version = EXCLUDED.snapshot_version,
         status = EXCLUDED.status, status_event = EXCLUDED.status_event, status_event_version = EXCLUDED.status_event_version,
         destination_area = EXCLUDED.destination_area, consent_policy = EXCLUDED.consent_policy,
         registered_at = EXCLUDED.registered_at, members = EXCLUDED.members,
         unresolved_duplicates = EXCLUDED.unresolved_duplicates, guardian_consent = EXCLUDED.guardian_consent, updated_at = now()`,
      [
        record.householdId,
        record.campId,
        record.version,
        record.snapshotVersion,
        record.status,
        record.statusEvent,
        record.statusEventVersion,
        f?.destinationArea ?? null,
        f?.consentPolicy ?? null,
        f?.registeredAt ?? null,
        f ? JSON.stringify(f.members) : null,
        f?.unresolvedDuplicates ?? null,
        f?.guardianConsent ? JSON.stringify(f.guardianConsent) : null,
      ],
    );
  }

  /**
   * The next keyset page of households that can be evaluated, locked for the batch's transaction:
   * all of them, or those bound for an area or any place inside it (its whole subtree in the hierarchy).
   */
  async lockPage(
    manager: EntityManager,
    filter: { areaCode: string | null; afterHouseholdId: string | null; limit: number },
  ): Promise<HouseholdRecord[]> {
    const rows = await queryRows(
      manager,
      'HouseholdsRepository.lockPage',
      householdRow,
      `WITH RECURSIVE inside(code, depth) AS (
         SELECT $1::text, 0 WHERE $1::text IS NOT NULL
         UNION
         SELECT h.code, i.depth + 1 FROM area_hierarchy h JOIN inside i ON h.parent_code = i.code WHERE i.depth < $4
       )
       SELECT * FROM households
       WHERE snapshot_version IS NOT NULL AND status NOT IN ('departed', 'closed')
         AND ($1::text IS NULL OR destination_area IN (SELECT code FROM inside))
         AND ($2::uuid IS NULL OR household_id > $2)
       ORDER BY household_id
       LIMIT $3
       FOR UPDATE OF households`,
      [filter.areaCode, filter.afterHouseholdId, filter.limit, MAX_AREA_DEPTH],
    );
    return rows.map(recordOfRow);
  }
}
