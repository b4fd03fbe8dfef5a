// The service publishes household.assessed only when the decision changed; a re-evaluation that
// reaches the same outcome for the same reasons is not news.
import type { EligibilityAssessment, OverrideExplanation, RuleReason } from './evaluate.js';
import type { ReasonParams } from './reason-messages.js';

/** The parts of an assessment that make up the decision; a stored (JSON) assessment has them too. */
export type EligibilityDecision = Pick<EligibilityAssessment, 'status' | 'reasons' | 'ruleSetVersion' | 'override'> & {
  readonly priority: { readonly score: number };
};

function sameParams(a: ReasonParams, b: ReasonParams): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => a[key] === b[key]);
}

function sameReasons(a: readonly RuleReason[], b: readonly RuleReason[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((reason, i) => {
    const other = b[i];
    return (
      other !== undefined &&
      reason.ruleId === other.ruleId &&
      reason.code === other.code &&
      sameParams(reason.params, other.params)
    );
  });
}

function sameOverride(a: OverrideExplanation | undefined, b: OverrideExplanation | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.applied === b.applied &&
    a.outcome === b.outcome &&
    a.reason === b.reason &&
    a.by === b.by &&
    a.expiresAt === b.expiresAt &&
    // Stored assessments from before waivers have none.
    (a.waives ?? []).join(',') === (b.waives ?? []).join(',')
  );
}

/** Whether two assessments are the same decision: status, reasons, priority score, rule set version, override. */
export function sameDecision(a: EligibilityDecision, b: EligibilityDecision): boolean {
  return (
    a.status === b.status &&
    a.ruleSetVersion === b.ruleSetVersion &&
    a.priority.score === b.priority.score &&
    sameReasons(a.reasons, b.reasons) &&
    sameOverride(a.override ?? undefined, b.override ?? undefined)
  );
}
