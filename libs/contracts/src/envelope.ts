import { IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Every domain event travels in this envelope; `data` is the subject's payload class. */
export interface EventEnvelope<T = unknown> {
  /** uuid v7, also the JetStream Nats-Msg-Id and the inbox key. */
  id: string;
  /** The subject (contract name), e.g. awda.registration.household.registered.v1 */
  type: string;
  occurredAt: string;
  /** Service that produced it, e.g. "registration". */
  producer: string;
  /** Flows unchanged from the HTTP request through every event it causes. */
  correlationId: string;
  /** Id of the event whose handling produced this one, or null when caused by a request. */
  causationId: string | null;
  data: T;
}

/** Runtime shape check of an envelope; the payload is validated by its own class. */
export class EventEnvelopeShape {
  @IsUUID() id!: string;
  @IsString() @Matches(/^awda\.[a-z0-9_-]+(\.[a-z0-9_-]+)+\.v[0-9]+$/) type!: string;
  @IsISO8601() occurredAt!: string;
  @IsString() @MaxLength(64) producer!: string;
  @IsString() @MaxLength(64) correlationId!: string;
  @IsOptional() @IsUUID() causationId!: string | null;
  @IsObject() data!: Record<string, unknown>;
}

/** Headers set on every published event. */
export const HEADER_MSG_ID = 'Nats-Msg-Id';
export const HEADER_CORRELATION_ID = 'Awda-Correlation-Id';
export const HEADER_CAUSATION_ID = 'Awda-Causation-Id';
/** Ordering key: events with the same key are handled one after another by a replica. */
export const HEADER_KEY = 'Awda-Key';
export const HEADER_DLQ_ERROR = 'Awda-Dlq-Error';
export const HEADER_DLQ_REASON = 'Awda-Dlq-Reason';
export const HEADER_DLQ_ORIGINAL_SUBJECT = 'Awda-Dlq-Original-Subject';
export const HEADER_DLQ_DELIVERIES = 'Awda-Dlq-Deliveries';
export const HEADER_DLQ_CONSUMER = 'Awda-Dlq-Consumer';
