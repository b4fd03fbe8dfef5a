export * from './household-facts.js';
export * from './rule-set.js';
export { REASON_CODES, reasonMessage, type ReasonCode, type ReasonParams } from './reason-messages.js';
export type { RuleSetError } from './param-schema.js';
export { BUILT_IN_PREDICATES, type PredicateDefinition, type PredicateVerdict } from './predicates.js';
export { validateRuleSet, type RuleSetValidation } from './validate-rule-set.js';
export { defaultRuleSet } from './default-rule-set.js';
export {
  fullMonthsBetween,
  priorityAt,
  priorityOf,
  type NeedComponent,
  type PriorityBasis,
  type PriorityScore,
  type WaitingComponent,
} from './priority.js';
export {
  checkRule,
  evaluate,
  explain,
  type EligibilityAssessment,
  type EligibilityStatus,
  type OverrideExplanation,
  type RuleReason,
  type RuleResult,
} from './evaluate.js';
export { sameDecision, type EligibilityDecision } from './same-decision.js';
