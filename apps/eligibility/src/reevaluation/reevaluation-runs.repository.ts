import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, z, type Row } from '@awda/persistence';

/** Why everyone is re-evaluated: a new rule set, area hierarchy or corridor list, or migrated overrides. */
export const FULL_RUN_CAUSES = ['area_list', 'corridors', 'overrides_migrated'] as const;
export type FullRunCause = (typeof FULL_RUN_CAUSES)[number];

/** Runs over every household: a newer one covers an older one still going. */
const FULL_RUNS = ['rule_set', ...FULL_RUN_CAUSES];

const runRow = z.object({
  id: pg.uuid(),
  cause: z.enum(['area', 'rule_set', ...FULL_RUN_CAUSES]),
  area_code: pg.text().nullable(),
  after_household_id: pg.uuid().nullable(),
});
export type RunRow = Row<typeof runRow>;

/** Stored re-evaluation runs and their keyset cursors. */
@Injectable()
export class ReevaluationRunsRepository {
  /** Finishes every full run still going (a new one re-evaluates everyone with what is current). */
  async finishFullRuns(manager: EntityManager): Promise<void> {
    await execute(manager, `UPDATE reevaluation_runs SET finished_at = now() WHERE cause = ANY($1::text[]) AND finished_at IS NULL`, [FULL_RUNS]);
  }

  async insert(manager: EntityManager, run: { id: string; cause: RunRow['cause']; areaCode: string | null; ruleSetVersion: number | null }): Promise<void> {
    await execute(manager, 'INSERT INTO reevaluation_runs (id, cause, area_code, rule_set_version) VALUES ($1, $2, $3, $4)', [
      run.id,
      run.cause,
      run.areaCode,
      run.ruleSetVersion,
    ]);
  }

  /** The oldest unfinished run nobody else is working on, locked for the transaction. */
  async claimOldest(manager: EntityManager): Promise<RunRow | undefined> {
    return queryRow(
      manager,
      'ReevaluationRunsRepository.claimOldest',
      runRow,
      `SELECT id, cause, area_code, after_household_id FROM reevaluation_runs
       WHERE finished_at IS NULL ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
  }

  /** Moves a run's cursor past a batch and adds its counts; a short batch finishes it. */
  async advance(
    manager: EntityManager,
    runId: string,
    batch: { lastHouseholdId: string | null; seen: number; published: number; finished: boolean },
  ): Promise<void> {
    await execute(
      manager,
      `UPDATE reevaluation_runs SET after_household_id = $2, households_seen = households_seen + $3,
         assessments_published = assessments_published + $4, finished_at = CASE WHEN $5 THEN now() ELSE NULL END
       WHERE id = $1`,
      [runId, batch.lastHouseholdId, batch.seen, batch.published, batch.finished],
    );
  }
}
