import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { consumerName, eventStreamName, eventStreamSubjects, wireSubject } from './names.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/**
 * Creates the event stream if missing, or brings its subjects in line; safe to call from every
 * replica of every service at the same time.
 */
export async function ensureEventStream(jsm: JetStreamManager, namespace: string, replicas = 1): Promise<string> {
  const name = eventStreamName(namespace);
  const subjects = eventStreamSubjects(namespace);
  try {
    const info = await jsm.streams.info(name);
    if (subjects.some((s) => !info.config.subjects?.includes(s))) {
      await jsm.streams.update(name, { ...info.config, subjects });
    }
    return name;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      num_replicas: replicas,
      max_age: nanos(90 * DAY_MS),
      // Nats-Msg-Id duplicates are dropped within this window: the outbox relay's safety net.
      duplicate_window: nanos(10 * 60 * 1000),
    });
  } catch (error) {
    // Another replica created it between our info() and add().
    const info = await jsm.streams.info(name).catch(() => undefined);
    if (!info) throw error;
  }
  return name;
}

/**
 * One durable pull consumer per service over all domain events, shared by its replicas.
 * nats-server 2.9 allows one filter subject per consumer, so the filter is the awda.> wildcard
 * and events without a handler are acknowledged and skipped.
 */
export async function ensureServiceConsumer(
  jsm: JetStreamManager,
  namespace: string,
  service: string,
  ackWaitMs = 30_000,
): Promise<{ stream: string; durable: string }> {
  const stream = eventStreamName(namespace);
  const durable = consumerName(namespace, service);
  const config = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: wireSubject(namespace, 'awda.>'),
    ack_wait: nanos(ackWaitMs),
    // Dead-lettering is ours (it records the error); the server never gives up on its own.
    max_deliver: -1,
    max_ack_pending: 2000,
  };
  try {
    await jsm.consumers.info(stream, durable);
    await jsm.consumers.update(stream, durable, {
      ack_wait: config.ack_wait,
      max_deliver: config.max_deliver,
      max_ack_pending: config.max_ack_pending,
    });
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    try {
      await jsm.consumers.add(stream, config);
    } catch (addError) {
      const info = await jsm.consumers.info(stream, durable).catch(() => undefined);
      if (!info) throw addError;
    }
  }
  return { stream, durable };
}
