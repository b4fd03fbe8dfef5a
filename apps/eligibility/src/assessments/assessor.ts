import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HOUSEHOLD_ASSESSED_V1, type HouseholdAssessedV1 } from '@awda/contracts';
import { evaluate } from '@awda/eligibility-rules';
import { AreasRepository } from '../areas/areas.repository.js';
import { ELIGIBILITY_CLOCK, type Clock } from '../clock.js';
import { EligibilityConfig } from '../config.js';
import { householdFacts, type HouseholdRecord } from '../households/household-record.js';
import { OverridesRepository } from '../overrides/overrides.repository.js';
import { RuleSetsRepository } from '../rule-sets/rule-sets.repository.js';
import { Outbox } from '@awda/messaging';
import { assessedPayload, isNews, type StoredAssessment } from './assessment-decision.js';
import { AssessmentsRepository, type AssessmentWrite } from './assessments.repository.js';

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
    private readonly ruleSets: RuleSetsRepository,
    private readonly areas: AreasRepository,
    private readonly overrides: OverridesRepository,
    private readonly assessments: AssessmentsRepository,
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
    const published: { row: AssessmentWrite; event: HouseholdAssessedV1 }[] = [];
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
    await this.assessments.upsert(
      manager,
      published.map((p) => p.row),
    );
    await this.outbox.enqueueMany(
      manager,
      published.map(({ event }) => ({ subject: HOUSEHOLD_ASSESSED_V1, data: event })),
    );
    return published.length;
  }

  private async previous(manager: EntityManager, ids: readonly string[]): Promise<Map<string, StoredAssessment>> {
    const rows = await this.assessments.previous(manager, ids);
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
