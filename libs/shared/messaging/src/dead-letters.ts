import { DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { HEADER_DLQ_ERROR, HEADER_DLQ_ORIGINAL_SUBJECT, HEADER_DLQ_REASON } from '@awda/contracts';
import { eventStreamName, wireSubject } from './names.js';

export interface DeadLetter {
  seq: number;
  subject: string;
  originalSubject: string;
  reason: string;
  error: string;
  body: string;
}

/** Reads dead letters (all services, or one) without consuming them: for tests and operators. */
export async function readDeadLetters(jsm: JetStreamManager, namespace: string, service?: string): Promise<DeadLetter[]> {
  const stream = eventStreamName(namespace);
  const filter = wireSubject(namespace, service ? `awda.dlq.${service}` : 'awda.dlq.>');
  const info = await jsm.streams.info(stream, { subjects_filter: filter });
  const count = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  if (count === 0) return [];
  const js = jsm.jetstream();
  const consumer = await js.consumers.get(stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.All });
  const letters: DeadLetter[] = [];
  const batch = await consumer.fetch({ max_messages: count, expires: 2000 });
  for await (const m of batch) {
    letters.push({
      seq: m.seq,
      subject: m.subject,
      originalSubject: m.headers?.get(HEADER_DLQ_ORIGINAL_SUBJECT) ?? '',
      reason: m.headers?.get(HEADER_DLQ_REASON) ?? '',
      error: m.headers?.get(HEADER_DLQ_ERROR) ?? '',
      body: m.string(),
    });
    if (letters.length >= count) break;
  }
  return letters;
}
