import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '@awda/contracts';
import type { EligibilityAssessment } from '@awda/eligibility-rules';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

/** The stored result is the engine's own output (jsonb written by upsert); its inside is the engine's business. */
const assessmentResult = z.custom<EligibilityAssessment>((value) => typeof value === 'object' && value !== null, 'expected an assessment object');

const assessmentRow = z.object({
  household_id: pg.uuid(),
  camp_id: pg.text(),
  destination_area: pg.text(),
  status: z.enum(ASSESSMENT_STATUSES),
  rule_set_version: pg.int(),
  household_version: pg.int(),
  assessment_version: pg.int(),
  result: assessmentResult,
  assessed_at: pg.timestamp(),
});
export type AssessmentRow = Row<typeof assessmentRow>;

const previousRow = assessmentRow.pick({ household_id: true, camp_id: true, destination_area: true, assessment_version: true, result: true });
export type PreviousAssessmentRow = Row<typeof previousRow>;

/** What upsert writes for one household (the columns of the assessments table). */
export interface AssessmentWrite {
  household_id: string;
  camp_id: string;
  destination_area: string;
  status: AssessmentStatus;
  priority: number;
  rule_set_version: number;
  household_version: number;
  assessment_version: number;
  override_outcome: string | null;
  result: EligibilityAssessment;
  assessed_at: string;
}

/** Households still in the camps (a departed or closed household's assessment is history). */
const CURRENT = `h.status NOT IN ('departed', 'closed') AND ($1::text[] IS NULL OR a.camp_id = ANY($1::text[]))`;

/** The assessments table: the latest decision per household. */
@Injectable()
export class AssessmentsRepository {
  async current(manager: EntityManager, householdId: string): Promise<AssessmentRow | undefined> {
    return queryRow(
      manager,
      'AssessmentsRepository.current',
      assessmentRow,
      `SELECT a.* FROM assessments a JOIN households h USING (household_id)
       WHERE a.household_id = $1 AND h.status NOT IN ('departed', 'closed')`,
      [householdId],
    );
  }

  /** Current assessments per status in the camps given (null: all camps). */
  async counts(manager: EntityManager, camps: readonly string[] | null): Promise<Record<AssessmentStatus, number>> {
    const rows = await queryRows(
      manager,
      'AssessmentsRepository.counts',
      z.object({ status: z.enum(ASSESSMENT_STATUSES), n: pg.int() }),
      `SELECT a.status, count(*)::int AS n FROM assessments a JOIN households h USING (household_id) WHERE ${CURRENT} GROUP BY a.status`,
      [camps],
    );
    const counts: Record<AssessmentStatus, number> = { eligible: 0, pending: 0, ineligible: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** A keyset page of current assessments in household id order. */
  async page(
    manager: EntityManager,
    filter: { camps: readonly string[] | null; status: AssessmentStatus | null; after: string | null; limit: number },
  ): Promise<AssessmentRow[]> {
    return queryRows(
      manager,
      'AssessmentsRepository.page',
      assessmentRow,
      `SELECT a.* FROM assessments a JOIN households h USING (household_id)
       WHERE ${CURRENT} AND ($2::text IS NULL OR a.status = $2) AND ($3::uuid IS NULL OR a.household_id > $3)
       ORDER BY a.household_id LIMIT $4`,
      [filter.camps, filter.status, filter.after, filter.limit],
    );
  }

  /** The stored assessments of these households, whatever their status. */
  async previous(manager: EntityManager, householdIds: readonly string[]): Promise<PreviousAssessmentRow[]> {
    return queryRows(
      manager,
      'AssessmentsRepository.previous',
      previousRow,
      `SELECT household_id, camp_id, destination_area, assessment_version, result
       FROM assessments WHERE household_id = ANY($1::uuid[])`,
      [householdIds],
    );
  }

  /** The engine's latest result for one household, if it has been assessed. */
  async resultOf(manager: EntityManager, householdId: string): Promise<EligibilityAssessment | undefined> {
    const row = await queryRow(manager, 'AssessmentsRepository.resultOf', z.object({ result: assessmentResult }), 'SELECT result FROM assessments WHERE household_id = $1', [
      householdId,
    ]);
    return row?.result;
  }

  /** Writes the new decisions in one statement. */
  async upsert(manager: EntityManager, rows: readonly AssessmentWrite[]): Promise<void> {
    await execute(
      manager,
      `INSERT INTO assessments (household_id, camp_id, destination_area, status, priority, rule_set_version, household_version,
                                assessment_version, override_outcome, result, assessed_at)
       SELECT household_id, camp_id, destination_area, status, priority, rule_set_version, household_version,
              assessment_version, override_outcome, result, assessed_at
       FROM jsonb_to_recordset($1::jsonb) AS x(household_id uuid, camp_id text, destination_area text, status text,
            priority numeric, rule_set_version integer, household_version integer, assessment_version integer,
            override_outcome text, result jsonb, assessed_at timestamptz)
       ON CONFLICT (household_id) DO UPDATE SET
         camp_id = EXCLUDED.camp_id, destination_area = EXCLUDED.destination_area, status = EXCLUDED.status,
         priority = EXCLUDED.priority, rule_set_version = EXCLUDED.rule_set_version,
         household_version = EXCLUDED.household_version, assessment_version = EXCLUDED.assessment_version,
         override_outcome = EXCLUDED.override_outcome, result = EXCLUDED.result, assessed_at = EXCLUDED.assessed_at`,
      [JSON.stringify(rows)],
    );
  }
}
