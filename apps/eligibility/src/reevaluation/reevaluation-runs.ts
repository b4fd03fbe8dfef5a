import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Assessor } from '../assessments/assessor.js';
import { EligibilityConfig } from '../config.js';
import { HouseholdsRepository } from '../households/households.repository.js';
import { ReevaluationRunsRepository, type FullRunCause } from './reevaluation-runs.repository.js';

export type { FullRunCause } from './reevaluation-runs.repository.js';

export type RunCause =
  | { kind: 'area'; areaCode: string }
  | { kind: 'rule_set'; ruleSetVersion: number }
  | { kind: 'all'; cause: FullRunCause };

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
    private readonly households: HouseholdsRepository,
    private readonly runs: ReevaluationRunsRepository,
    private readonly assessor: Assessor,
    @Inject(EligibilityConfig) private readonly config: EligibilityConfig,
  ) {}

  /** Records a run in the caller's transaction, so it exists exactly when the change that needs it commits. */
  async start(manager: EntityManager, cause: RunCause): Promise<string> {
    const id = uuidv7();
    if (cause.kind !== 'area') {
      // This run re-evaluates everyone with what is current when it reaches them: older full runs can stop.
      await this.runs.finishFullRuns(manager);
    }
    await this.runs.insert(manager, {
      id,
      cause: cause.kind === 'all' ? cause.cause : cause.kind,
      areaCode: cause.kind === 'area' ? cause.areaCode : null,
      ruleSetVersion: cause.kind === 'rule_set' ? cause.ruleSetVersion : null,
    });
    return id;
  }

  /** Processes one batch of the oldest unfinished run nobody else is working on; false when there was none. */
  async processNextBatch(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const run = await this.runs.claimOldest(manager);
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
      await this.runs.advance(manager, run.id, { lastHouseholdId: last, seen: page.length, published, finished });
      if (finished) this.logger.log(`re-evaluation run ${run.id} (${run.cause} ${run.area_code ?? ''}) finished`);
      return true;
    });
  }
}
