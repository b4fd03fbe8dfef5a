import type { ServiceDefinition } from '@awda/bootstrap';
import { RegistrationConfig } from './config.js';
import { registrationMigrations } from './migrations/index.js';
import { RegistrationModule } from './registration.module.js';

/** Everything that makes the registration service: schema, config, entities, migrations, features. */
export const registrationService: ServiceDefinition<RegistrationConfig> = {
  service: 'registration',
  schema: 'registration',
  configClass: RegistrationConfig,
  // Plain SQL through the DataSource: text[] overlap search, batch upserts and row locks read better
  // as SQL than as entities here.
  entities: [],
  migrations: registrationMigrations,
  features: () => [RegistrationModule],
  openApi: {
    title: 'Awda registration',
    description: 'Households, members, per-adult consent, duplicates and bulk import. Case workers and supervisors.',
  },
};
