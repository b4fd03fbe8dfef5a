import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pg, queryRow, queryRows, z, type Row, type SqlRunner } from '@awda/persistence';

const assessmentRow = z.object({
  status: pg.text(),
  reasons: pg.json(),
  assessmentVersion: pg.int(),
  householdVersion: pg.int(),
  assessedAt: pg.timestamp(),
});
export type LatestAssessmentRow = Row<typeof assessmentRow>;

/** registration's copy of eligibility's latest decision per household (from household.assessed). */
@Injectable()
export class AssessmentsRepository {
  /** Saves a decision unless a newer one is held; true when it was saved. */
  async saveIfNewer(
    manager: EntityManager,
    a: { householdId: string; assessmentVersion: number; status: string; reasons: unknown; householdVersion: number; assessedAt: string },
  ): Promise<boolean> {
    const rows = await queryRows(
      manager,
      'AssessmentsRepository.saveIfNewer',
      z.object({ household_id: pg.uuid() }),
      `INSERT INTO assessments (household_id, assessment_version, status, reasons, household_version, assessed_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (household_id) DO UPDATE SET assessment_version = EXCLUDED.assessment_version, status = EXCLUDED.status,
         reasons = EXCLUDED.reasons, household_version = EXCLUDED.household_version, assessed_at = EXCLUDED.assessed_at
       WHERE assessments.assessment_version < EXCLUDED.assessment_version
       RETURNING household_id`,
      [a.householdId, a.assessmentVersion, a.status, JSON.stringify(a.reasons), a.householdVersion, a.assessedAt],
    );
    return rows.length > 0;
  }

  /** The decision registration last heard of. */
  async latest(runner: SqlRunner, householdId: string): Promise<LatestAssessmentRow | undefined> {
    return queryRow(
      runner,
      'AssessmentsRepository.latest',
      assessmentRow,
      `SELECT status, reasons, assessment_version AS "assessmentVersion", household_version AS "householdVersion",
              assessed_at AS "assessedAt"
       FROM assessments WHERE household_id = $1`,
      [householdId],
    );
  }

  /** The decision registration last heard of, with its reason codes only. */
  async latestCodes(runner: SqlRunner, householdId: string): Promise<{ status: string; codes: string[] } | undefined> {
    const row = await queryRow(
      runner,
      'AssessmentsRepository.latestCodes',
      z.object({ status: pg.text(), codes: z.array(z.string().nullable()).nullable() }),
      `SELECT status, ARRAY(SELECT r->>'code' FROM jsonb_array_elements(reasons) r) AS codes FROM assessments WHERE household_id = $1`,
      [householdId],
    );
    // A reason without a code comes back as null in the array, as before.
    return row === undefined ? undefined : { status: row.status, codes: (row.codes ?? []) as string[] };
  }
}
