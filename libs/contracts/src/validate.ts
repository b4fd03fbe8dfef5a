import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EventEnvelopeShape, type EventEnvelope } from './envelope.js';
import { EVENT_PAYLOAD_CLASSES, isEventSubject, type EventMap, type EventSubject } from './subjects.js';

export type ContractCheck<S extends EventSubject> =
  | { ok: true; envelope: EventEnvelope<EventMap[S]> }
  | { ok: false; errors: string[] };

/** Flattens class-validator errors to "path: message" lines. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) lines.push(`${path}: ${message}`);
    if (error.children?.length) lines.push(...describeValidationErrors(error.children, path));
  }
  return lines;
}

/** Checks an envelope received for `subject` against the contract; never throws. */
export function checkEnvelope<S extends EventSubject>(subject: S, raw: unknown): ContractCheck<S> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, errors: ['envelope: not a JSON object'] };
  const shape = plainToInstance(EventEnvelopeShape, raw);
  const shapeErrors = describeValidationErrors(validateSync(shape, { forbidUnknownValues: false }));
  if (shapeErrors.length) return { ok: false, errors: shapeErrors };
  if (shape.type !== subject) return { ok: false, errors: [`type: "${shape.type}" does not match subject ${subject}`] };
  if (!isEventSubject(subject)) return { ok: false, errors: [`type: unknown contract ${subject}`] };
  const payloadClass: new () => object = EVENT_PAYLOAD_CLASSES[subject];
  // Unknown fields are stripped, not refused: a producer may add optional fields within a version.
  const data = plainToInstance(payloadClass, shape.data) as unknown as EventMap[S];
  const errors = describeValidationErrors(
    validateSync(data as object, { whitelist: true, forbidUnknownValues: true }),
    'data',
  );
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    envelope: {
      id: shape.id,
      type: shape.type,
      occurredAt: shape.occurredAt,
      producer: shape.producer,
      correlationId: shape.correlationId,
      causationId: shape.causationId ?? null,
      data,
    },
  };
}
