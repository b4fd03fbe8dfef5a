import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; /metrics serialises it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const awdaMetrics = {
  eventsPublished: new Counter({
    name: 'awda_events_published_total',
    help: 'Events published to JetStream by the outbox relay (PubAck received)',
    labelNames: ['subject'] as const,
    registers: [metricsRegistry],
  }),
  eventsConsumed: new Counter({
    name: 'awda_events_consumed_total',
    help: 'Events received by this service, by outcome (handled, duplicate, ignored, failed, dead_lettered)',
    labelNames: ['subject', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  eventsRedelivered: new Counter({
    name: 'awda_events_redelivered_total',
    help: 'Events received again after an earlier delivery was not acknowledged',
    labelNames: ['subject'] as const,
    registers: [metricsRegistry],
  }),
  eventsDeadLettered: new Counter({
    name: 'awda_events_dead_lettered_total',
    help: 'Events moved to the dead-letter subject',
    labelNames: ['subject', 'reason'] as const,
    registers: [metricsRegistry],
  }),
  outboxPending: new Gauge({
    name: 'awda_outbox_pending',
    help: 'Outbox rows not yet published',
    registers: [metricsRegistry],
  }),
  outboxLagSeconds: new Gauge({
    name: 'awda_outbox_lag_seconds',
    help: 'Age of the oldest unpublished outbox row',
    registers: [metricsRegistry],
  }),
  handlerSeconds: new Histogram({
    name: 'awda_event_handler_seconds',
    help: 'Time to handle one event, including its transaction',
    labelNames: ['subject'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [metricsRegistry],
  }),
};
