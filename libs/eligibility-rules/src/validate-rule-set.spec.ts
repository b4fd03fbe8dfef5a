import { describe, expect, it } from '@jest/globals';
import { defaultRuleSet } from './default-rule-set.js';
import { PREDICATE_NAMES } from './rule-set.js';
import { validateRuleSet } from './validate-rule-set.js';

// A mutable copy of the default rule set as a supervisor would edit it: plain JSON.
function draft(): Record<string, unknown> & { rules: Record<string, unknown>[]; priority: Record<string, unknown> } {
  return JSON.parse(JSON.stringify(defaultRuleSet));
}

function errorsOf(doc: unknown): { path: string; message: string }[] {
  const validation = validateRuleSet(doc);
  return validation.valid ? [] : [...validation.errors];
}

describe(validateRuleSet.name, () => {
  it('should accept the default rule set, which uses every built-in predicate', () => {
    const validation = validateRuleSet(draft());
    expect(validation).toMatchObject({ valid: true, errors: [] });
    expect(defaultRuleSet.rules.map((r) => r.predicate).sort()).toEqual([...PREDICATE_NAMES].sort());
  });

  it('should hand back a copy, so later edits of the document do not reach the active rule set', () => {
    const doc = draft();
    const validation = validateRuleSet(doc);
    doc.name = 'edited';
    expect(validation.valid && validation.ruleSet.name).toBe('Default return eligibility rules');
  });

  it('should refuse something that is not an object', () => {
    expect(errorsOf([])).toEqual([{ path: '', message: 'must be a JSON object' }]);
    expect(errorsOf(null)).toHaveLength(1);
  });

  it('should name an unknown predicate', () => {
    const doc = draft();
    doc.rules[2] = { ...doc.rules[2], predicate: 'area_is_safe' };
    expect(errorsOf(doc)).toEqual([
      { path: 'rules[2].predicate', message: expect.stringContaining('unknown predicate "area_is_safe"') },
    ]);
  });

  it('should check parameters against the predicate', () => {
    const doc = draft();
    doc.rules[1] = { ...doc.rules[1], params: { adultAge: '18' } };
    doc.rules[2] = { ...doc.rules[2], params: { strict: true } };
    doc.rules[5] = { ...doc.rules[5], params: { needCodes: ['SMC', 'FLU', 'SMC'] } };
    delete doc.rules[6]?.['params'];
    expect(errorsOf(doc)).toEqual([
      { path: 'rules[1].params.adultAge', message: 'must be a whole number from 1 to 120' },
      { path: 'rules[2].params.strict', message: 'unknown parameter (this predicate takes no parameters)' },
      { path: 'rules[5].params.needCodes[1]', message: 'unknown need code "FLU"' },
      { path: 'rules[5].params.needCodes[2]', message: 'need code SMC is listed twice' },
      { path: 'rules[6].params', message: 'is required: an object, {} when there are no parameters' },
    ]);
  });

  it('should refuse duplicate rule ids, missing descriptions and a bad outcome', () => {
    const doc = draft();
    doc.rules[3] = { ...doc.rules[3], id: 'consent', description: { en: 'Head has an ID' }, onFail: 'reject' };
    expect(errorsOf(doc)).toEqual([
      { path: 'rules[3].id', message: 'duplicate rule id "consent" (first at rules[1])' },
      { path: 'rules[3].description.ar', message: 'must be a non-empty text' },
      { path: 'rules[3].onFail', message: 'must be "pending" or "ineligible"' },
    ]);
  });

  it('should refuse unknown fields, a typo most of all', () => {
    const doc = draft();
    doc.rules[0] = { ...doc.rules[0], onfail: 'pending' };
    doc['author'] = 'someone';
    expect(errorsOf(doc).map((e) => e.path)).toEqual(['author', 'rules[0].onfail']);
  });

  it('should check the document fields and the priority configuration', () => {
    const doc = draft();
    doc['version'] = 1.5;
    doc['name'] = ' ';
    doc.priority = { weights: { SMC: -1, XYZ: 3 }, waitingPerMonth: '1', maxWaitingMonths: 2.5 };
    expect(errorsOf(doc)).toEqual([
      { path: 'version', message: 'must be a whole number ≥ 1' },
      { path: 'name', message: 'must be a non-empty text' },
      { path: 'priority.weights.SMC', message: 'must be a number ≥ 0' },
      { path: 'priority.weights.XYZ', message: expect.stringContaining('unknown need code') },
      { path: 'priority.waitingPerMonth', message: 'must be a number ≥ 0' },
      { path: 'priority.maxWaitingMonths', message: 'must be a whole number ≥ 0' },
    ]);
  });

  it('should accept a rule set without a version, as a draft', () => {
    const doc = draft();
    delete doc['version'];
    expect(validateRuleSet(doc).valid).toBe(true);
  });

  it('should require not_withdrawn wherever consent is checked', () => {
    const doc = draft();
    doc.rules = doc.rules.filter((rule) => rule['predicate'] !== 'not_withdrawn');
    expect(errorsOf(doc)).toEqual([{ path: 'rules', message: expect.stringContaining('not_withdrawn') }]);
  });

  it('should refuse a rule set without rules or priority', () => {
    expect(errorsOf({ name: 'empty', rules: [] })).toEqual([
      { path: 'rules', message: 'must be a non-empty list' },
      { path: 'priority', message: 'is required: weights, waitingPerMonth, maxWaitingMonths' },
    ]);
  });
});
