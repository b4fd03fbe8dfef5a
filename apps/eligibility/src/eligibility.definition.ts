import type { ServiceDefinition } from '@awda/bootstrap';
import { EligibilityConfig } from './config.js';
import { eligibilityFeatures } from './eligibility.features.js';
import { eligibilityMigrations } from './migrations/index.js';

/** Everything that makes the eligibility service: schema, config, entities, migrations, features. */
export const eligibilityService: ServiceDefinition<EligibilityConfig> = {
  service: 'eligibility',
  schema: 'eligibility',
  configClass: EligibilityConfig,
  // Tables are read and written with SQL (keyset batches, bulk upserts); see migrations/.
  entities: [],
  migrations: eligibilityMigrations,
  features: () => eligibilityFeatures(),
  openApi: {
    title: 'Awda eligibility',
    description: 'Explainable rules, destination areas, overrides and assessments. Supervisors and admins write; case workers read their camps.',
  },
};
