// Runs a rule set over one household: every rule's result in rule order, the status they add up to,
// the fixable items, the priority score, and the override when one applies.
import type {
  AreaState,
  EligibilityOverride,
  EvaluationContext,
  HouseholdFacts,
  OverrideOutcome,
} from './household-facts.js';
import { BUILT_IN_PREDICATES, type PredicateDefinition, type PredicateSettings, type PredicateVerdict } from './predicates.js';
import { parseInstant, priorityOf, type PriorityScore } from './priority.js';
import { overrideMessage, reasonMessage, type ReasonCode, type ReasonParams } from './reason-messages.js';
import { waivableRuleIds, type BilingualText, type PredicateName, type RuleDefinition, type RuleOutcome, type RuleSet } from './rule-set.js';

export type EligibilityStatus = 'eligible' | 'pending' | 'ineligible';

export type RuleResult =
  | {
      readonly ruleId: string;
      readonly passed: true;
      readonly code: 'passed';
      readonly params: ReasonParams;
      /** The rule's own description: what was asked for and is met. */
      readonly message: BilingualText;
    }
  | {
      readonly ruleId: string;
      readonly passed: false;
      readonly code: ReasonCode;
      readonly params: ReasonParams;
      readonly message: BilingualText;
    };

/** A failed rule, as shown to the case worker. */
export interface RuleReason {
  readonly ruleId: string;
  readonly code: ReasonCode;
  readonly params: ReasonParams;
  readonly message: BilingualText;
  /** The rule's onFail: what this failure does to the status (the wire name in AssessmentReasonV1). */
  readonly outcome: RuleOutcome;
  /** Set when an override in force waives this failure: it is shown, but does not decide the status. */
  readonly waived?: true;
}

export interface OverrideExplanation {
  /** false when the override had expired and the rules decided. */
  readonly applied: boolean;
  readonly expired: boolean;
  readonly outcome: OverrideOutcome;
  readonly reason: string;
  readonly by: string;
  readonly expiresAt: string | null;
  /** Rule ids an eligible override waives: those it names that the rule set has and that may be waived. */
  readonly waives: readonly string[];
  readonly message: BilingualText;
}

export interface EligibilityAssessment {
  /** The decision: the rules' with the failures an override in force waives set aside; ineligible under an ineligible override. */
  readonly status: EligibilityStatus;
  /** What the rules alone decided. */
  readonly ruleStatus: EligibilityStatus;
  /** Every rule's result, in rule order. */
  readonly results: readonly RuleResult[];
  /** Failed rules that leave the household pending: the items a case worker can fix. */
  readonly missing: readonly RuleReason[];
  /** Every failed rule, in rule order. */
  readonly reasons: readonly RuleReason[];
  readonly priority: PriorityScore;
  /** null for an unversioned (draft) rule set. */
  readonly ruleSetVersion: number | null;
  readonly override?: OverrideExplanation;
}

function verdictOf<P extends PredicateName>(
  rule: RuleDefinition<P>,
  facts: HouseholdFacts,
  area: AreaState,
  settings?: PredicateSettings,
): PredicateVerdict {
  const predicate: PredicateDefinition<P> | undefined = BUILT_IN_PREDICATES[rule.predicate];
  // Only reachable with a document that skipped validateRuleSet.
  if (predicate === undefined) throw new TypeError(`Rule ${rule.id}: unknown predicate ${String(rule.predicate)}`);
  return predicate.check(facts, rule.params, area, settings);
}

/** One rule's result for one household; settings (the deployment's adult age) win over the rule's params. */
export function checkRule<P extends PredicateName>(
  rule: RuleDefinition<P>,
  facts: HouseholdFacts,
  area: AreaState,
  settings?: PredicateSettings,
): RuleResult {
  const verdict = verdictOf(rule, facts, area, settings);
  if (verdict.passed) return { ruleId: rule.id, passed: true, code: 'passed', params: {}, message: rule.description };
  return {
    ruleId: rule.id,
    passed: false,
    code: verdict.code,
    params: verdict.params,
    message: reasonMessage(verdict.code, verdict.params),
  };
}

function explainOverride(override: EligibilityOverride, ruleSet: RuleSet, now: Date): OverrideExplanation {
  const expiresAt = override.expiresAt ?? null;
  const expired = expiresAt !== null && parseInstant(expiresAt, 'override.expiresAt').getTime() <= now.getTime();
  // A rule named but absent from this rule set, or one that may not be waived, is simply not waived.
  const waivable = new Set(waivableRuleIds(ruleSet));
  const waives = override.outcome === 'eligible' ? override.waives.filter((id) => waivable.has(id)) : [];
  return {
    applied: !expired,
    expired,
    outcome: override.outcome,
    reason: override.reason,
    by: override.by,
    expiresAt,
    waives,
    message: overrideMessage(override.outcome, expiresAt, !expired, waives),
  };
}

/** The status failed rules add up to: any ineligible failure, else any pending one, else eligible. */
function statusOf(reasons: readonly RuleReason[]): EligibilityStatus {
  if (reasons.some((reason) => reason.outcome === 'ineligible')) return 'ineligible';
  return reasons.length > 0 ? 'pending' : 'eligible';
}

/** Decides one household under a rule set; never drops a rule's result, even under an override. */
export function evaluate(facts: HouseholdFacts, ruleSet: RuleSet, context: EvaluationContext): EligibilityAssessment {
  const { area, now } = context;
  if (Number.isNaN(now.getTime())) throw new RangeError('context.now is not a valid date');
  if (area.code !== facts.destinationArea) {
    throw new RangeError(
      `Household ${facts.householdId}: area state is for ${area.code}, destination is ${facts.destinationArea}`,
    );
  }
  const results: RuleResult[] = [];
  const failures: RuleReason[] = [];
  for (const rule of ruleSet.rules) {
    const result = checkRule(rule, facts, area, context.adultAge === undefined ? undefined : { adultAge: context.adultAge });
    results.push(result);
    if (result.passed) continue;
    failures.push({ ruleId: result.ruleId, code: result.code, params: result.params, message: result.message, outcome: rule.onFail });
  }
  const ruleStatus = statusOf(failures);
  const override = context.override ? explainOverride(context.override, ruleSet, now) : undefined;
  const waived = new Set(override?.applied ? override.waives : []);
  const reasons = failures.map((reason): RuleReason => (waived.has(reason.ruleId) ? { ...reason, waived: true } : reason));
  const deciding = reasons.filter((reason) => !reason.waived);
  const status = override?.applied && override.outcome === 'ineligible' ? 'ineligible' : statusOf(deciding);
  const assessment: EligibilityAssessment = {
    status,
    ruleStatus,
    results,
    missing: deciding.filter((reason) => reason.outcome === 'pending'),
    reasons,
    priority: priorityOf(facts, ruleSet.priority, now),
    ruleSetVersion: ruleSet.version ?? null,
  };
  return override ? { ...assessment, override } : assessment;
}

const STATUS_TEXT: Readonly<Record<EligibilityStatus, BilingualText>> = {
  eligible: { en: 'Eligible', ar: 'مؤهلة' },
  pending: { en: 'Pending', ar: 'قيد الانتظار' },
  ineligible: { en: 'Not eligible', ar: 'غير مؤهلة' },
};

const WAIVED_TEXT: BilingualText = { en: 'waived', ar: 'معفى منه' };

/** One line per language, e.g. "Pending — Consent missing for 2 adults; …", for a case file or SMS draft. */
export function explain(assessment: EligibilityAssessment): BilingualText {
  const line = (lang: keyof BilingualText, separator: string): string => {
    const parts = [STATUS_TEXT[assessment.status][lang]];
    if (assessment.override) parts.push(assessment.override.message[lang]);
    const reasons = assessment.reasons.map((r) => (r.waived ? `${r.message[lang]} (${WAIVED_TEXT[lang]})` : r.message[lang]));
    if (reasons.length > 0) parts.push(reasons.join(separator));
    return parts.join(' — ');
  };
  return { en: line('en', '; '), ar: line('ar', '؛ ') };
}
