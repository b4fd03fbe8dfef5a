// When an evaluation is news, and the household.assessed payload that tells the other services.
import type { HouseholdAssessedV1 } from '@awda/contracts';
import { sameDecision, type EligibilityAssessment, type HouseholdFacts } from '@awda/eligibility-rules';

/** The last published assessment of a household, as stored. */
export interface StoredAssessment {
  householdId: string;
  campId: string;
  destinationArea: string;
  assessmentVersion: number;
  result: EligibilityAssessment;
}

/**
 * Whether a fresh evaluation must be published: the decision (status, reasons, priority, rule set,
 * override) changed, or it now concerns another destination or camp, which the planner groups by.
 */
export function isNews(previous: StoredAssessment | undefined, next: EligibilityAssessment, facts: HouseholdFacts): boolean {
  if (!previous) return true;
  return (
    !sameDecision(previous.result, next) ||
    previous.destinationArea !== facts.destinationArea ||
    previous.campId !== facts.campId
  );
}

/** The wire payload for a published assessment. */
export function assessedPayload(
  facts: HouseholdFacts,
  householdVersion: number,
  assessment: EligibilityAssessment,
  assessmentVersion: number,
  assessedAt: Date,
): HouseholdAssessedV1 {
  if (assessment.ruleSetVersion === null) throw new Error('only a versioned (activated) rule set can publish an assessment');
  return {
    householdId: facts.householdId,
    campId: facts.campId,
    status: assessment.status,
    // A waived failure does not hold the family: other services (and the family's SMS) never see it.
    reasons: assessment.reasons
      .filter((reason) => !reason.waived)
      .map((reason) => ({ ruleId: reason.ruleId, code: reason.code, params: { ...reason.params }, outcome: reason.outcome })),
    priority: assessment.priority.score,
    ruleSetVersion: assessment.ruleSetVersion,
    householdVersion,
    assessmentVersion,
    destinationArea: facts.destinationArea,
    // The override's outcome when it made the decision what it is.
    override: assessment.override?.applied && assessment.status === assessment.override.outcome ? assessment.override.outcome : null,
    assessedAt: assessedAt.toISOString(),
    ...(assessment.priority.basis ? { priorityBasis: { ...assessment.priority.basis } } : {}),
  };
}
