/** What a redacted value is replaced with in logs. */
export const REDACTED = '[redacted]';

/** Keys that hold personal data (or raw query parameters that may): never logged at any depth. */
export const PERSONAL_FIELD_NAMES: readonly string[] = [
  'phone',
  'phoneE164',
  // A child-headed household's case worker contact, given with a best-interests decision.
  'contactPhone',
  'fullName',
  'fullNameAr',
  'fullNameLatin',
  'name',
  'documents',
  'documentNumber',
  'number',
  'body',
  // SQL errors (TypeORM QueryFailedError, pg DatabaseError) carry the bound values and a detail
  // such as `Key (document_number)=(…) already exists`.
  'parameters',
  'detail',
];

/**
 * pino `redact` paths: request secrets plus each personal field at the top level and up to three
 * levels down (pino paths have no recursive wildcard; deeper keys are caught by scrubPersonalFields).
 */
export const PERSONAL_FIELD_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.body',
  'res.body',
  ...PERSONAL_FIELD_NAMES.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
];

const PERSONAL = new Set(PERSONAL_FIELD_NAMES);
const MAX_DEPTH = 12;

// req/res/err go through pino serializers that need the original objects.
const SERIALIZED_KEYS = new Set(['req', 'res', 'err']);

/**
 * Returns a copy of a log record with every personal field in plain objects and arrays replaced
 * by REDACTED, at any depth. Other objects (errors, requests, entities) are left to the pino
 * serializers and the PERSONAL_FIELD_PATHS redaction.
 */
export function scrubPersonalFields(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const seen = new WeakSet<object>([record]);
  for (const [key, value] of Object.entries(record)) {
    if (PERSONAL.has(key)) copy[key] = REDACTED;
    else copy[key] = SERIALIZED_KEYS.has(key) ? value : scrubValue(value, 1, seen);
  }
  return copy;
}

function scrubObject(value: object, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = PERSONAL.has(key) ? REDACTED : scrubValue(inner, depth + 1, seen);
  }
  seen.delete(value);
  return copy;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  if (Array.isArray(value)) {
    seen.add(value);
    const items = value.map((item) => scrubValue(item, depth + 1, seen));
    seen.delete(value);
    return items;
  }
  return scrubObject(value, depth, seen);
}
