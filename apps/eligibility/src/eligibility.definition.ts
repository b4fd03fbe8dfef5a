import type { ServiceDefinition } from '@awda/bootstrap';
import { AreasModule } from './areas/areas.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { EligibilityConfig } from './config.js';
import { HouseholdsModule } from './households/households.module.js';
import { eligibilityMigrations } from './migrations/index.js';
import { OverridesModule } from './overrides/overrides.module.js';
import { ReevaluationModule } from './reevaluation/reevaluation.module.js';
import { RuleSetsModule } from './rule-sets/rule-sets.module.js';

/** Everything that makes the eligibility service: schema, config, entities, migrations, features. */
export const eligibilityService: ServiceDefinition<EligibilityConfig> = {
  service: 'eligibility',
  schema: 'eligibility',
  configClass: EligibilityConfig,
  // Tables are read and written with SQL (keyset batches, bulk upserts); see migrations/.
  entities: [],
  migrations: eligibilityMigrations,
  features: () => [AssessmentsModule, HouseholdsModule, RuleSetsModule, AreasModule, OverridesModule, ReevaluationModule],
  openApi: {
    title: 'Awda eligibility',
    description: 'Explainable rules, destination areas, overrides and assessments. Supervisors and admins write; case workers read their camps.',
  },
};
