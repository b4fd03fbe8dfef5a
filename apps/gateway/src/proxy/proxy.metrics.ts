import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@awda/observability';

export const proxyMetrics = {
  requests: new Counter({
    name: 'awda_gateway_proxy_requests_total',
    help: 'Calls proxied to a service, by service and outcome (HTTP status class, unavailable, timeout, aborted)',
    labelNames: ['service', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  seconds: new Histogram({
    name: 'awda_gateway_proxy_seconds',
    help: 'Time from the call reaching the gateway to the service starting its answer',
    labelNames: ['service'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metricsRegistry],
  }),
};
