// The rule set document a supervisor reads and edits: plain JSON, checked by validateRuleSet before
// it is activated.
import type { SpecificNeedCode } from './household-facts.js';

export interface BilingualText {
  readonly ar: string;
  readonly en: string;
}

/** What a failed rule does to the household's status. */
export type RuleOutcome = 'pending' | 'ineligible';

export type EmptyParams = Readonly<Record<string, never>>;

/** Each built-in predicate with the parameters it accepts. */
export interface PredicateParams {
  all_adults_consented: { readonly adultAge?: number };
  destination_open: EmptyParams;
  head_has_identity_document: EmptyParams;
  no_unresolved_duplicates: EmptyParams;
  medical_clearance: { readonly needCodes?: readonly SpecificNeedCode[] };
  separated_child_bid: { readonly adultAge?: number };
  not_withdrawn: EmptyParams;
}

export type PredicateName = keyof PredicateParams;

export const PREDICATE_NAMES = [
  'all_adults_consented',
  'destination_open',
  'head_has_identity_document',
  'no_unresolved_duplicates',
  'medical_clearance',
  'separated_child_bid',
  'not_withdrawn',
] as const satisfies readonly PredicateName[];

export const DEFAULT_ADULT_AGE = 18;

/**
 * Rules no override may waive: return is voluntary (every adult's consent, no withdrawal), and a family
 * is never sent to an area closed or restricted for return, unknown, or where no convoy goes.
 */
export const UNWAIVABLE_PREDICATES: readonly PredicateName[] = ['all_adults_consented', 'not_withdrawn', 'destination_open'];

/** The rules of a rule set an override may waive, by id. */
export function waivableRuleIds(ruleSet: Pick<RuleSet, 'rules'>): string[] {
  return ruleSet.rules.filter((rule) => !UNWAIVABLE_PREDICATES.includes(rule.predicate)).map((rule) => rule.id);
}

interface RuleBase {
  /** Stable within a rule set; shown next to every result. */
  readonly id: string;
  /** What the rule asks for, in the words a case worker says to a family. */
  readonly description: BilingualText;
  readonly onFail: RuleOutcome;
}

/** One rule; `predicate` decides which `params` are allowed. */
export type RuleDefinition<P extends PredicateName = PredicateName> = {
  [K in P]: RuleBase & { readonly predicate: K; readonly params: PredicateParams[K] };
}[P];

export interface PriorityConfig {
  /** Points per member having the need; needs not listed weigh nothing. */
  readonly weights: Readonly<Partial<Record<SpecificNeedCode, number>>>;
  /** Points per full calendar month since registration. */
  readonly waitingPerMonth: number;
  /** Months beyond this cap add nothing. */
  readonly maxWaitingMonths: number;
}

export interface RuleSet {
  /** Unversioned rule sets are drafts; an active rule set carries a version. */
  readonly version?: number;
  readonly name: string;
  readonly rules: readonly RuleDefinition[];
  readonly priority: PriorityConfig;
}
