// The gateway's and services' error body `{ statusCode, code, message, errors?: [{ field, messages }] }`,
// turned into something a form can show: each field's messages next to the field.

export interface FieldMessages {
  field: string;
  messages: string[];
  /** A business refusal placed on the field its details name: its code says it in the user's language. */
  fromCode?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Stable code, e.g. 'REGISTRATION.CASE_NUMBER_TAKEN'; 'NETWORK' when no answer came. */
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldMessages[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** No answer from the server: the outcome of a write is unknown, so retry with the same key. */
  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An ApiError from a status and a parsed body (anything: a proxy may answer with HTML). */
export function apiErrorOf(status: number, body: unknown): ApiError {
  if (!isRecord(body)) return new ApiError(status, status >= 500 ? 'SERVER' : 'HTTP', '');
  const code = typeof body['code'] === 'string' ? body['code'] : `HTTP_${status}`;
  const message = typeof body['message'] === 'string' ? body['message'] : '';
  const errors: FieldMessages[] = Array.isArray(body['errors'])
    ? body['errors'].filter(isRecord).map((e) => ({
        field: typeof e['field'] === 'string' ? e['field'] : '',
        messages: Array.isArray(e['messages']) ? e['messages'].map(String) : [],
      }))
    : [];
  // A business refusal may name the field it is about in its details (e.g. REGISTRATION.UNKNOWN_AREA).
  const details = isRecord(body['details']) ? body['details'] : {};
  if (errors.length === 0 && typeof details['field'] === 'string') errors.push({ field: details['field'], messages: [message], fromCode: true });
  return new ApiError(status, code, message, errors, body);
}

/**
 * Field errors keyed by the form's own field paths. The server names nested fields
 * `members.1.fullNameAr` or `members[1].fullNameAr`; both become `members.1.fullNameAr`. With
 * codeText, a refusal placed on a field by its details shows the code's sentence in the user's
 * language, and with codeText.field each field's message is said in it too.
 */
export interface ErrorTexts {
  (error: ApiError): string;
  /** A field's own message (class-validator's English) in the user's language (i18n/field-text). */
  field?: (field: string, message: string) => string;
}

export function fieldErrorMap(error: ApiError, codeText?: ErrorTexts): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { field, messages, fromCode } of error.fieldErrors) {
    const key = field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
    const fieldText = codeText?.field;
    const said = fromCode && codeText ? [codeText(error)] : fieldText ? messages.map((m) => fieldText(key, m)) : messages;
    map.set(key, [...(map.get(key) ?? []), ...said]);
  }
  return map;
}
