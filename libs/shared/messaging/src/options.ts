/** Settings of the messaging library for one service. */
export interface MessagingOptions {
  /** Service name: producer of its events, durable consumer name, RPC queue group. */
  service: string;
  /** PostgreSQL schema holding this service's outbox and processed_events tables. */
  schema: string;
  natsUrl: string;
  /** Prefix of stream, subjects and consumers, so that each test run has its own ('' in production). */
  namespace: string;
  /** Deliveries of one event before it is dead-lettered. */
  maxDeliver: number;
  /** Events handled at once by one replica (events with the same key are handled in order). */
  concurrency: number;
  /**
   * Events handled in one PostgreSQL transaction, each in its own SAVEPOINT (at most one per key in a
   * batch; 1 = one transaction per event). A batch takes what is ready: it never waits to fill up.
   * At most 64: PostgreSQL keeps 64 subtransaction ids per backend in shared memory, beyond that
   * every snapshot of every session must look them up on disk (subtransaction overflow).
   */
  batch: number;
  /** Base of the exponential redelivery delay after a failure. */
  retryBaseMs: number;
  retryMaxMs: number;
  outboxPollMs: number;
  outboxBatchSize: number;
  outboxRetentionHours: number;
  /** Stream replicas: 1 locally, 3 in deploy/. */
  streamReplicas: number;
  /** Start the outbox relay with the application (tests turn it off to drive it by hand). */
  startRelay: boolean;
  /** Start consuming events (tests may turn it off for a producer-only app). */
  startConsumer: boolean;
}

/** MESSAGING_BATCH (default 32); a bad value stops the service at start, naming the variable. */
function batchFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 32;
  const batch = Number(value);
  if (!Number.isInteger(batch) || batch < 1 || batch > 64) {
    throw new Error(`MESSAGING_BATCH must be an integer between 1 and 64 (got "${value}")`);
  }
  return batch;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const MESSAGING_DEFAULTS: Omit<MessagingOptions, 'service' | 'schema'> = {
  natsUrl: 'nats://127.0.0.1:4222',
  namespace: '',
  maxDeliver: 5,
  concurrency: 8,
  batch: batchFromEnv(process.env['MESSAGING_BATCH']),
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  outboxPollMs: 1000,
  outboxBatchSize: 200,
  outboxRetentionHours: 168,
  streamReplicas: 1,
  startRelay: true,
  startConsumer: true,
};

export function messagingOptions(
  partial: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>,
): MessagingOptions {
  return { ...MESSAGING_DEFAULTS, ...partial };
}
