// A tiny schema for predicate parameters: enough to reject a typo or an absurd value before a rule
// set is activated, without a validation package.
import { SPECIFIC_NEED_CODES, isSpecificNeedCode } from './household-facts.js';

export interface RuleSetError {
  /** Where in the document, e.g. `rules[2].params.adultAge`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

export type ParamSpec =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly optional: boolean }
  | { readonly kind: 'needCodes'; readonly optional: boolean };

export type ParamSchema = Readonly<Record<string, ParamSpec>>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(value: unknown, spec: ParamSpec, path: string): RuleSetError[] {
  switch (spec.kind) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        return [{ path, message: `must be a whole number from ${spec.min} to ${spec.max}` }];
      }
      return [];
    case 'needCodes': {
      if (!Array.isArray(value) || value.length === 0) {
        return [{ path, message: `must be a non-empty list of need codes (${SPECIFIC_NEED_CODES.join(', ')})` }];
      }
      const errors: RuleSetError[] = [];
      value.forEach((code: unknown, index) => {
        if (!isSpecificNeedCode(code)) {
          errors.push({ path: `${path}[${index}]`, message: `unknown need code ${JSON.stringify(code)}` });
        } else if (value.indexOf(code) !== index) {
          errors.push({ path: `${path}[${index}]`, message: `need code ${code} is listed twice` });
        }
      });
      return errors;
    }
  }
}

/** Every way `params` breaks `schema`: not an object, unknown keys, missing or bad values. */
export function checkParams(params: unknown, schema: ParamSchema, path: string): RuleSetError[] {
  if (params === undefined) return [{ path, message: 'is required: an object, {} when there are no parameters' }];
  if (!isPlainObject(params)) return [{ path, message: 'must be an object' }];
  const errors: RuleSetError[] = [];
  for (const key of Object.keys(params)) {
    if (!(key in schema)) {
      const allowed = Object.keys(schema);
      const hint = allowed.length === 0 ? 'this predicate takes no parameters' : `allowed: ${allowed.join(', ')}`;
      errors.push({ path: `${path}.${key}`, message: `unknown parameter (${hint})` });
    }
  }
  for (const [key, spec] of Object.entries(schema)) {
    const value = params[key];
    if (value === undefined) {
      if (!spec.optional) errors.push({ path: `${path}.${key}`, message: 'is required' });
      continue;
    }
    errors.push(...checkValue(value, spec, `${path}.${key}`));
  }
  return errors;
}
