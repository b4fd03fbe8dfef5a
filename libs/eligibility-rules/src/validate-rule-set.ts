// Checks a rule set document before activation and names every problem with its path, so a supervisor
// can fix the document in one pass.
import { SPECIFIC_NEED_CODES, isSpecificNeedCode } from './household-facts.js';
import { checkParams, isPlainObject, type RuleSetError } from './param-schema.js';
import { BUILT_IN_PREDICATES, isPredicateName } from './predicates.js';
import { PREDICATE_NAMES, type RuleSet } from './rule-set.js';

export type RuleSetValidation =
  | { readonly valid: true; readonly errors: readonly []; readonly ruleSet: RuleSet }
  | { readonly valid: false; readonly errors: readonly RuleSetError[] };

const RULE_SET_KEYS = ['version', 'name', 'rules', 'priority'];
const RULE_KEYS = ['id', 'description', 'predicate', 'params', 'onFail'];
const PRIORITY_KEYS = ['weights', 'waitingPerMonth', 'maxWaitingMonths'];
const RULE_ID = /^[a-z][a-z0-9_-]*$/;

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): RuleSetError[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: path ? `${path}.${key}` : key, message: `unknown field (allowed: ${allowed.join(', ')})` }));
}

function isNonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function checkDescription(value: unknown, path: string): RuleSetError[] {
  if (!isPlainObject(value)) return [{ path, message: 'is required: an object with "ar" and "en" texts' }];
  const errors = unknownKeys(value, ['ar', 'en'], path);
  for (const lang of ['ar', 'en'] as const) {
    if (!isNonEmptyText(value[lang])) errors.push({ path: `${path}.${lang}`, message: 'must be a non-empty text' });
  }
  return errors;
}

function checkRule(value: unknown, path: string, seenIds: Map<string, string>): RuleSetError[] {
  if (!isPlainObject(value)) return [{ path, message: 'must be an object' }];
  const errors = unknownKeys(value, RULE_KEYS, path);
  const { id, predicate, params, onFail } = value;
  if (typeof id !== 'string' || !RULE_ID.test(id)) {
    errors.push({ path: `${path}.id`, message: 'must be lower-case letters, digits, "_" or "-", starting with a letter' });
  } else {
    const first = seenIds.get(id);
    if (first !== undefined) errors.push({ path: `${path}.id`, message: `duplicate rule id "${id}" (first at ${first})` });
    else seenIds.set(id, path);
  }
  errors.push(...checkDescription(value['description'], `${path}.description`));
  if (!isPredicateName(predicate)) {
    errors.push({
      path: `${path}.predicate`,
      message: `unknown predicate ${JSON.stringify(predicate)} (built-in: ${PREDICATE_NAMES.join(', ')})`,
    });
  } else {
    errors.push(...checkParams(params, BUILT_IN_PREDICATES[predicate].params, `${path}.params`));
  }
  if (onFail !== 'pending' && onFail !== 'ineligible') {
    errors.push({ path: `${path}.onFail`, message: 'must be "pending" or "ineligible"' });
  }
  return errors;
}

function checkPriority(value: unknown): RuleSetError[] {
  if (!isPlainObject(value)) return [{ path: 'priority', message: 'is required: weights, waitingPerMonth, maxWaitingMonths' }];
  const errors = unknownKeys(value, PRIORITY_KEYS, 'priority');
  const { weights, waitingPerMonth, maxWaitingMonths } = value;
  if (!isPlainObject(weights)) {
    errors.push({ path: 'priority.weights', message: 'must be an object of need code to points' });
  } else {
    for (const [code, weight] of Object.entries(weights)) {
      if (!isSpecificNeedCode(code)) {
        errors.push({
          path: `priority.weights.${code}`,
          message: `unknown need code (known: ${SPECIFIC_NEED_CODES.join(', ')})`,
        });
      } else if (!isNonNegativeNumber(weight)) {
        errors.push({ path: `priority.weights.${code}`, message: 'must be a number ≥ 0' });
      }
    }
  }
  if (!isNonNegativeNumber(waitingPerMonth)) {
    errors.push({ path: 'priority.waitingPerMonth', message: 'must be a number ≥ 0' });
  }
  if (!isNonNegativeNumber(maxWaitingMonths) || !Number.isInteger(maxWaitingMonths)) {
    errors.push({ path: 'priority.maxWaitingMonths', message: 'must be a whole number ≥ 0' });
  }
  return errors;
}

function checkRules(value: unknown): RuleSetError[] {
  if (!Array.isArray(value) || value.length === 0) return [{ path: 'rules', message: 'must be a non-empty list' }];
  const seenIds = new Map<string, string>();
  const errors = value.flatMap((rule: unknown, index) => checkRule(rule, `rules[${index}]`, seenIds));
  const predicates = value.map((rule: unknown) => (isPlainObject(rule) ? rule['predicate'] : undefined));
  // Consent counts skip withdrawals on purpose; without not_withdrawn a withdrawal would go unnoticed.
  if (predicates.includes('all_adults_consented') && !predicates.includes('not_withdrawn')) {
    errors.push({
      path: 'rules',
      message: 'a rule set that checks consent must also have a not_withdrawn rule, or a withdrawal would go unnoticed',
    });
  }
  return errors;
}

/** Every problem in a rule set document; when there is none, the document typed as a RuleSet. */
export function validateRuleSet(doc: unknown): RuleSetValidation {
  if (!isPlainObject(doc)) return { valid: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const errors = unknownKeys(doc, RULE_SET_KEYS, '');
  const { version, name } = doc;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) {
    errors.push({ path: 'version', message: 'must be a whole number ≥ 1' });
  }
  if (!isNonEmptyText(name)) errors.push({ path: 'name', message: 'must be a non-empty text' });
  errors.push(...checkRules(doc['rules']), ...checkPriority(doc['priority']));
  if (errors.length > 0) return { valid: false, errors };
  // Every field the RuleSet type names has been checked above; the copy keeps later edits of `doc` out.
  return { valid: true, errors: [], ruleSet: structuredClone(doc) as unknown as RuleSet };
}
