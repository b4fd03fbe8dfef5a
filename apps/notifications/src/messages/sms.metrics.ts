import { Counter } from 'prom-client';
import { metricsRegistry } from '@awda/observability';

/** What settling saved: status messages replaced by a newer status before they went, and their segments. */
export const smsMetrics = {
  superseded: new Counter({
    name: 'awda_sms_superseded_total',
    help: 'Status SMS replaced by a newer status while held for SMS_SETTLE_SECONDS, never sent',
    registers: [metricsRegistry],
  }),
  supersededSegments: new Counter({
    name: 'awda_sms_superseded_segments_total',
    help: 'Segments the superseded status SMS would have cost, in the family language',
    registers: [metricsRegistry],
  }),
};
