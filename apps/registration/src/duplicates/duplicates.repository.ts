import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A supervisor's agreement to merge a pair, for the camps their token covers. */
export interface MergeApproval {
  camp: string;
  by: string;
  keepHouseholdId: string;
  reason: string;
  at: string;
}

export interface CandidateRow {
  id: string;
  householdId: string;
  otherHouseholdId: string;
  campId: string;
  otherCampId: string;
  reasons: string[];
  score: number;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
  keepHouseholdId: string | null;
  mergeApprovals: MergeApproval[];
  householdStatus: string | null;
  otherHouseholdStatus: string | null;
  createdAt: Date | string;
}

const COLUMNS = `c.id, c.household_id AS "householdId", c.other_household_id AS "otherHouseholdId", c.camp_id AS "campId",
  c.other_camp_id AS "otherCampId", c.reasons, c.score, c.status, c.decided_by AS "decidedBy", c.decision_reason AS "decisionReason",
  c.keep_household_id AS "keepHouseholdId", c.merge_approvals AS "mergeApprovals", c.created_at AS "createdAt",
  (SELECT h.status FROM households h WHERE h.id = c.household_id) AS "householdStatus",
  (SELECT h.status FROM households h WHERE h.id = c.other_household_id) AS "otherHouseholdStatus"`;

/** The possible-duplicate pairs, read and decided. */
@Injectable()
export class DuplicatesRepository {
  /** One page in id order (uuid v7: the order they were queued), after a cursor; one more than asked tells whether a page follows. */
  async page(
    manager: EntityManager,
    filter: { status: string; camps: string[] | null; campId: string | null; after: string | null; limit: number },
  ): Promise<CandidateRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM duplicate_candidates c
       WHERE c.status = $1
         AND ($2::text[] IS NULL OR c.camp_id = ANY($2::text[]) OR c.other_camp_id = ANY($2::text[]))
         AND ($3::text IS NULL OR c.camp_id = $3 OR c.other_camp_id = $3)
         AND ($4::uuid IS NULL OR c.id > $4)
       ORDER BY c.id
       LIMIT $5`,
      [filter.status, filter.camps, filter.campId, filter.after, filter.limit + 1],
    );
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<CandidateRow | undefined> {
    const rows: CandidateRow[] = await manager.query(`SELECT ${COLUMNS} FROM duplicate_candidates c WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
    return rows[0];
  }

  async decide(manager: EntityManager, id: string, decision: 'same' | 'distinct', by: string, reason: string, keep: string | null): Promise<void> {
    await manager.query(
      `UPDATE duplicate_candidates SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, keep_household_id = $5 WHERE id = $1`,
      [id, decision, by, reason, keep],
    );
  }

  async proposeMerge(manager: EntityManager, id: string, approvals: MergeApproval[], keep: string): Promise<void> {
    await manager.query(`UPDATE duplicate_candidates SET merge_approvals = $2::jsonb, keep_household_id = $3 WHERE id = $1`, [
      id,
      JSON.stringify(approvals),
      keep,
    ]);
  }

  /** The eligibility decision registration last heard of, with its reason codes. */
  async latestAssessment(manager: EntityManager, householdId: string): Promise<{ status: string; codes: string[] } | undefined> {
    const rows: { status: string; codes: string[] | null }[] = await manager.query(
      `SELECT status, ARRAY(SELECT r->>'code' FROM jsonb_array_elements(reasons) r) AS codes FROM assessments WHERE household_id = $1`,
      [householdId],
    );
    const row = rows[0];
    return row === undefined ? undefined : { status: row.status, codes: row.codes ?? [] };
  }
}
