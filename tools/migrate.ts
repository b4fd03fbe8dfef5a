// `npm run migrate`: creates the database if missing and runs the migrations of every service and the gateway.
import { serviceMigrations } from '@awda/bootstrap';
import { openServiceDataSource } from '@awda/persistence';
import { eligibilityService } from '../apps/eligibility/src/eligibility.definition.js';
import { gatewayApp } from '../apps/gateway/src/gateway.definition.js';
import { notificationsService } from '../apps/notifications/src/notifications.definition.js';
import { registrationService } from '../apps/registration/src/registration.definition.js';
import { reportingService } from '../apps/reporting/src/reporting.definition.js';
import { transportService } from '../apps/transport/src/transport.definition.js';

const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/awda';
for (const definition of [registrationService, eligibilityService, transportService, notificationsService, reportingService, gatewayApp]) {
  const dataSource = await openServiceDataSource({
    url,
    schema: definition.schema,
    entities: definition.entities,
    migrations: serviceMigrations(definition),
  });
  const [row] = (await dataSource.query('SELECT count(*)::int AS n FROM migrations')) as { n: number }[];
  console.log(`${definition.service}: schema "${definition.schema}" at ${row?.n ?? 0} migrations`);
  await dataSource.destroy();
}
