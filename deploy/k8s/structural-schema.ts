// A checker for the structural OpenAPI v3 schemas of CustomResourceDefinitions (what the API server
// applies to a custom resource): types (with int-or-string), unknown fields (as kubectl's strict field
// validation), required, enum, bounds, patterns, items, additionalProperties, anyOf. Not evaluated: CEL
// rules (x-kubernetes-validations) and formats — the spec checks the CEL rules it relies on by hand.
export interface StructuralSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  anyOf?: StructuralSchema[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Every violation as "<path>: <message>", in document order; [] when the value fits the schema. */
export function structuralErrors(schema: StructuralSchema, value: unknown, path = ''): string[] {
  const errors: string[] = [];
  const at = path || '.';
  const actual = typeOf(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string') errors.push(`${at}: must be an integer or a string (got ${actual})`);
    return errors;
  }
  if (schema.type) {
    const fits = schema.type === actual || (schema.type === 'number' && actual === 'integer');
    if (!fits) {
      errors.push(`${at}: must be ${schema.type === 'integer' || schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type} (got ${actual})`);
      return errors;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: must be one of ${schema.enum.join(', ')} (got ${JSON.stringify(value)})`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: must be >= ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: must be <= ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...structuralErrors(schema.items as StructuralSchema, item, `${path}[${i}]`)));
  }
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) errors.push(`${path}.${name}: required`);
    for (const [name, child] of Object.entries(object)) {
      const known = schema.properties?.[name];
      if (known) errors.push(...structuralErrors(known, child, `${path}.${name}`));
      else if (typeof schema.additionalProperties === 'object') errors.push(...structuralErrors(schema.additionalProperties, child, `${path}.${name}`));
      else if (!schema.additionalProperties && !schema['x-kubernetes-preserve-unknown-fields']) errors.push(`${path}.${name}: unknown field`);
    }
  }
  if (schema.anyOf && !schema.anyOf.some((alternative) => structuralErrors(alternative, value, path).length === 0)) {
    errors.push(`${at}: matches none of the allowed forms`);
  }
  return errors.sort();
}
