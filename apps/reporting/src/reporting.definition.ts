import type { ServiceDefinition } from '@awda/bootstrap';
import { ReportingConfig } from './config.js';
import { FactsModule } from './facts/facts.module.js';
import { reportingMigrations } from './migrations/index.js';
import { ReportsModule } from './reports/reports.module.js';

/** Everything that makes the reporting service: a read model of counts, built from every domain event. */
export const reportingService: ServiceDefinition<ReportingConfig> = {
  service: 'reporting',
  schema: 'reporting',
  configClass: ReportingConfig,
  // The read model is read and written with SQL; see migrations/.
  entities: [],
  migrations: reportingMigrations,
  features: () => [FactsModule, ReportsModule],
  openApi: {
    title: 'Awda reporting',
    description:
      'Counts only, no personal data: returns per week, camp and destination, families waiting and why, convoys and seat use, SMS per template and language. Counts of 1–4 are returned as {"suppressed": true}. Supervisors, admins and logistics read their camps; admins rebuild the read model from the event stream.',
  },
};
