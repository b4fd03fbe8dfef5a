import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Assessor } from '../assessments/assessor.js';
import { EligibilityConfig } from '../config.js';
import { HouseholdRepository } from '../households/household.repository.js';

/** Why everyone is re-evaluated: a new rule set, area hierarchy or corridor list, or migrated overrides. */
export type FullRunCause = 'area_list' | 'corridors' | 'overrides_migrated';

export type RunCause =
  | { kind: 'area'; areaCode: string }
  | { kind: 'rule_set'; ruleSetVersion: number }
  | { kind: 'all'; cause: FullRunCause };

/** Runs over every household: a newer one covers an older one still going. */
const FULL_RUNS = ['rule_set', 'area_list', 'corridors', 'overrides_migrated'];

interface RunRow {
  id: string;
  cause: 'area' | 'rule_set' | FullRunCause;
  area_code: string | null;
  after_household_id: string | null;
}

/**
 * Re-evaluations of many households (an area changed: the households bound for it or anywhere inside
 * it; a rule set was activated, the area list or the corridors changed: everyone), stored as runs with
 * a keyset cursor: each batch is one transaction with its household.assessed events, and a run
 * interrupted by a restart resumes after its last committed batch, on whichever replica is free.
 */
@Injectable()
export class ReevaluationRuns {
  private readonly logger = new Logger(ReevaluationRuns.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdRepository,
    private readonly assessor: Assessor,
    @Inject(EligibilityConfig) private readonly config: EligibilityConfig,
  ) {}

  /** Records a run in the caller's transaction, so it exists exactly when the change that needs it commits. */
  async start(manager: EntityManager, cause: RunCause): Promise<string> {
    const id = uuidv7();
    if (cause.kind !== 'area') {
      // This run re-evaluates everyone with what is current when it reaches them: older full runs can stop.
      await manager.query(`UPDATE reevaluation_runs SET finished_at = now() WHERE cause = ANY($1::text[]) AND finished_at IS NULL`, [FULL_RUNS]);
    }
    await manager.query('INSERT INTO reevaluation_runs (id, cause, area_code, rule_set_version) VALUES ($1, $2, $3, $4)', [
      id,
      cause.kind === 'all' ? cause.cause : cause.kind,
      cause.kind === 'area' ? cause.areaCode : null,
      cause.kind === 'rule_set' ? cause.ruleSetVersion : null,
    ]);
    return id;
  }

  /** Processes one batch of the oldest unfinished run nobody else is working on; false when there was none. */
  async processNextBatch(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const runs: RunRow[] = await manager.query(
        `SELECT id, cause, area_code, after_household_id FROM reevaluation_runs
         WHERE finished_at IS NULL ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const run = runs[0];
      if (!run) return false;
      const limit = this.config.REEVALUATION_BATCH_SIZE;
      const page = await this.households.lockPage(manager, {
        areaCode: run.cause === 'area' ? run.area_code : null,
        afterHouseholdId: run.after_household_id,
        limit,
      });
      const published = await this.assessor.assess(manager, page);
      const last = page.at(-1)?.householdId ?? run.after_household_id;
      const finished = page.length < limit;
      await manager.query(
        `UPDATE reevaluation_runs SET after_household_id = $2, households_seen = households_seen + $3,
           assessments_published = assessments_published + $4, finished_at = CASE WHEN $5 THEN now() ELSE NULL END
         WHERE id = $1`,
        [run.id, last, page.length, published, finished],
      );
      if (finished) this.logger.log(`re-evaluation run ${run.id} (${run.cause} ${run.area_code ?? ''}) finished`);
      return true;
    });
  }
}
