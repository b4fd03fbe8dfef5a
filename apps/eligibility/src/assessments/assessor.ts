import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HOUSEHOLD_ASSESSED_V1, type HouseholdAssessedV1 } from '@awda/contracts';
import { evaluate, type EligibilityAssessment } from '@awda/eligibility-rules';
import { AreaRepository } from '../areas/area.repository.js';
import { ELIGIBILITY_CLOCK, type Clock } from '../clock.js';
import { EligibilityConfig } from '../config.js';
import { householdFacts, type HouseholdRecord } from '../households/household-record.js';
import { OverrideRepository } from '../overrides/override.repository.js';
import { RuleSetRepository } from '../rule-sets/rule-set.repository.js';
import { Outbox } from '@awda/messaging';
import { assessedPayload, isNews, type StoredAssessment } from './assessment-decision.js';

interface AssessmentRow {
  household_id: string;
  camp_id: string;
  destination_area: string;
  assessment_version: number;
  result: EligibilityAssessment;
}

/**
 * Evaluates households under the active rule set, the areas and the overrides, and publishes
 * household.assessed for each one whose decision changed, in the caller's transaction. The caller
 * holds the households' row locks, so assessment versions never race. Destinations are resolved
 * through the area hierarchy; until the area and corridor lists have arrived nothing is published
 * (their arrival re-evaluates everyone), so a family is never told something the lists would undo.
 */
@Injectable()
export class Assessor {
  private readonly logger = new Logger(Assessor.name);

  constructor(
    private readonly ruleSets: RuleSetRepository,
    private readonly areas: AreaRepository,
    private readonly overrides: OverrideRepository,
    private readonly outbox: Outbox,
    @Inject(ELIGIBILITY_CLOCK) private readonly clock: Clock,
    @Inject(EligibilityConfig) private readonly config: EligibilityConfig,
  ) {}

  /** Returns how many assessments were published. */
  async assess(manager: EntityManager, households: readonly HouseholdRecord[], now = this.clock.now()): Promise<number> {
    const evaluable = households.flatMap((record) => {
      const facts = householdFacts(record);
      return facts ? [{ record, facts }] : [];
    });
    if (evaluable.length === 0) return 0;
    const ids = evaluable.map(({ facts }) => facts.householdId);
    const ruleSet = await this.ruleSets.active(manager);
    const areas = await this.areas.resolve(manager, evaluable.map(({ facts }) => facts.destinationArea));
    if (!areas) {
      this.logger.debug(`${evaluable.length} household(s) not assessed yet: the area or corridor list has not arrived`);
      return 0;
    }
    const overrides = await this.overrides.current(manager, ids);
    const previous = await this.previous(manager, ids);
    const published: { row: Record<string, unknown>; event: HouseholdAssessedV1 }[] = [];
    for (const { record, facts } of evaluable) {
      const area = areas.get(facts.destinationArea) ?? { code: facts.destinationArea, status: 'open' as const, known: false };
      // ADULT_AGE, the setting registration reads too, decides who is an adult whatever a rule says.
      const assessment = evaluate(facts, ruleSet, { area, now, override: overrides.get(facts.householdId) ?? null, adultAge: this.config.ADULT_AGE });
      const before = previous.get(facts.householdId);
      if (!isNews(before, assessment, facts)) continue;
      const assessmentVersion = (before?.assessmentVersion ?? 0) + 1;
      const event = assessedPayload(facts, record.version, assessment, assessmentVersion, now);
      published.push({
        event,
        row: {
          household_id: event.householdId,
          camp_id: event.campId,
          destination_area: event.destinationArea,
          status: event.status,
          priority: event.priority,
          rule_set_version: event.ruleSetVersion,
          household_version: event.householdVersion,
          assessment_version: assessmentVersion,
          override_outcome: event.override,
          result: assessment,
          assessed_at: event.assessedAt,
        },
      });
    }
    if (published.length === 0) return 0;
    await manager.query(
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
      [JSON.stringify(published.map((p) => p.row))],
    );
    await this.outbox.enqueueMany(
      manager,
      published.map(({ event }) => ({ subject: HOUSEHOLD_ASSESSED_V1, data: event })),
    );
    return published.length;
  }

  private async previous(manager: EntityManager, ids: readonly string[]): Promise<Map<string, StoredAssessment>> {
    const rows: AssessmentRow[] = await manager.query(
      `SELECT household_id, camp_id, destination_area, assessment_version, result
       FROM assessments WHERE household_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.household_id,
        {
          householdId: row.household_id,
          campId: row.camp_id,
          destinationArea: row.destination_area,
          assessmentVersion: row.assessment_version,
          result: row.result,
        },
      ]),
    );
  }
}
