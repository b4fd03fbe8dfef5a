import type { ServiceDefinition } from '@awda/bootstrap';
import { AreasModule } from './areas/areas.module.js';
import { BoardingModule } from './boarding/boarding.module.js';
import { TransportConfig } from './config.js';
import { ConvoysModule } from './convoys/convoys.module.js';
import { FleetModule } from './fleet/fleet.module.js';
import { HouseholdsModule } from './households/households.module.js';
import { ManifestsModule } from './manifests/manifests.module.js';
import { transportMigrations } from './migrations/index.js';
import { PlanningModule } from './planning/planning.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { SeatRepliesModule } from './seat-replies/seat-replies.module.js';
import { SmsOutcomesModule } from './sms-outcomes/sms-outcomes.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';

/** Everything that makes the transport service: schema, config, entities, migrations, features. */
export const transportService: ServiceDefinition<TransportConfig> = {
  service: 'transport',
  schema: 'transport',
  configClass: TransportConfig,
  // Hand-written SQL throughout: seat counters, row locks and partial unique indexes are the point here.
  entities: [],
  migrations: transportMigrations,
  features: () => [AreasModule, FleetModule, HouseholdsModule, SchedulingModule, PlanningModule, ConvoysModule, BoardingModule, ManifestsModule, SmsOutcomesModule, SeatRepliesModule, PrivacyModule],
  openApi: {
    title: 'Awda transport',
    description: 'Fleet, convoy planning, manifests, boarding and departures. Logistics teams write; supervisors read.',
  },
};
