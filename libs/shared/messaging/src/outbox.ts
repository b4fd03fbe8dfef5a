import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { execute } from '@awda/persistence';
import {
  EVENT_PAYLOAD_CLASSES,
  describeValidationErrors,
  type EventEnvelope,
  type EventMap,
  type EventSubject,
} from '@awda/contracts';
import { currentContext } from '@awda/observability';
import { MESSAGING_OPTIONS, type MessagingOptions } from './options.js';

export interface EnqueueOptions {
  /** Ordering key: defaults to data.householdId, else data.convoyId. */
  key?: string;
}

/** Channel the relay LISTENs on; enqueue NOTIFYs it (delivered at commit). */
export function outboxChannel(schema: string): string {
  return `awda_outbox_${schema}`;
}

function defaultKey(data: object): string | null {
  const record = data as Record<string, unknown>;
  for (const field of ['householdId', 'convoyId', 'areaCode']) {
    if (typeof record[field] === 'string') return record[field];
  }
  const household = record['household'] as Record<string, unknown> | undefined;
  if (household && typeof household['householdId'] === 'string') return household['householdId'];
  return null;
}

/**
 * Writes events into the outbox inside the caller's transaction. Nothing reaches NATS unless the
 * transaction commits, and nothing committed is lost: the relay publishes it.
 */
@Injectable()
export class Outbox {
  private readonly table: string;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.table = `"${options.schema}".outbox`;
  }

  async enqueue<S extends EventSubject>(
    manager: EntityManager,
    subject: S,
    data: EventMap[S],
    options: EnqueueOptions = {},
  ): Promise<EventEnvelope<EventMap[S]>> {
    const [envelope] = await this.enqueueMany(manager, [{ subject, data, key: options.key }]);
    return envelope as EventEnvelope<EventMap[S]>;
  }

  /** Several events in one INSERT (a plan that schedules 200 households, say). */
  async enqueueMany<S extends EventSubject>(
    manager: EntityManager,
    events: { subject: S; data: EventMap[S]; key?: string }[],
  ): Promise<EventEnvelope<EventMap[S]>[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.enqueue must run inside the transaction that changes the state');
    }
    if (events.length === 0) return [];
    const ctx = currentContext();
    const envelopes: EventEnvelope<EventMap[S]>[] = [];
    const params: unknown[] = [];
    const rows: string[] = [];
    for (const { subject, data, key } of events) {
      assertValidPayload(subject, data);
      const envelope: EventEnvelope<EventMap[S]> = {
        id: uuidv7(),
        type: subject,
        occurredAt: new Date().toISOString(),
        producer: this.options.service,
        correlationId: ctx?.correlationId ?? uuidv7(),
        causationId: ctx?.causationId ?? null,
        data,
      };
      envelopes.push(envelope);
      const n = params.length;
      rows.push(`($${n + 1}, $${n + 2}, $${n + 3}::jsonb, $${n + 4})`);
      params.push(envelope.id, subject, JSON.stringify(envelope), key ?? defaultKey(data as object));
    }
    // One round trip: the NOTIFY (delivered at commit) rides on the INSERT.
    params.push(outboxChannel(this.options.schema));
    await execute(
      manager,
      `WITH inserted AS (INSERT INTO ${this.table} (id, subject, envelope, ordering_key) VALUES ${rows.join(', ')})
       SELECT pg_notify($${params.length}, '')`,
      params,
    );
    return envelopes;
  }
}

/** A producer bug must fail the request, not poison every consumer downstream. */
function assertValidPayload(subject: EventSubject, data: object): void {
  const payloadClass: (new () => object) | undefined = EVENT_PAYLOAD_CLASSES[subject];
  if (!payloadClass) throw new Error(`unknown event subject ${subject}`);
  const instance = data instanceof payloadClass ? data : plainToInstance(payloadClass, data);
  const errors = describeValidationErrors(validateSync(instance as object, { forbidUnknownValues: true }));
  if (errors.length) throw new Error(`invalid ${subject} payload: ${errors.join('; ')}`);
}
