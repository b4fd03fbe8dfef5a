import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MAX_AREA_DEPTH } from '@awda/areas';
import type { ConsentPolicy, GuardianConsent, HouseholdMember, HouseholdStatus } from '@awda/eligibility-rules';
import type { HouseholdRecord, StatusEvent } from './household-record.js';

export interface HouseholdRow {
  household_id: string;
  camp_id: string;
  version: number;
  snapshot_version: number | null;
  status: string;
  status_event: string | null;
  status_event_version: number | null;
  destination_area: string | null;
  consent_policy: string | null;
  registered_at: Date | null;
  members: HouseholdMember[] | null;
  unresolved_duplicates: number | null;
  guardian_consent: GuardianConsent | null;
}

/** Reads a households row as the projection record. */
export function recordOfRow(row: HouseholdRow): HouseholdRecord {
  const hasFacts = row.snapshot_version !== null && row.destination_area !== null && row.members !== null;
  return {
    householdId: row.household_id,
    campId: row.camp_id,
    version: row.version,
    snapshotVersion: row.snapshot_version,
    status: row.status as HouseholdStatus,
    statusEvent: row.status_event as StatusEvent | null,
    statusEventVersion: row.status_event_version,
    facts: hasFacts
      ? {
          destinationArea: row.destination_area ?? '',
          consentPolicy: (row.consent_policy ?? 'each_adult') as ConsentPolicy,
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
export class HouseholdRepository {
  /**
   * Locks and returns the household, or null when none is known yet. The advisory lock also covers
   * a household without a row, so two replicas cannot both insert its first version.
   */
  async lock(manager: EntityManager, householdId: string): Promise<HouseholdRecord | null> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`eligibility-household-${householdId}`]);
    const rows: HouseholdRow[] = await manager.query('SELECT * FROM households WHERE household_id = $1 FOR UPDATE', [householdId]);
    const row = rows[0];
    return row ? recordOfRow(row) : null;
  }

  async find(manager: EntityManager, householdId: string): Promise<HouseholdRecord | null> {
    const rows: HouseholdRow[] = await manager.query('SELECT * FROM households WHERE household_id = $1', [householdId]);
    const row = rows[0];
    return row ? recordOfRow(row) : null;
  }

  async save(manager: EntityManager, record: HouseholdRecord): Promise<void> {
    const f = record.facts;
    await manager.query(
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
    const rows: HouseholdRow[] = await manager.query(
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
