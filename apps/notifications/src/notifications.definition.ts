import type { ServiceDefinition } from '@awda/bootstrap';
import { NotificationsConfig } from './config.js';
import { notificationsMigrations } from './migrations/index.js';
import { NotificationsModule } from './notifications.module.js';

/** Everything that makes the notifications service: schema, config, entities, migrations, features. */
export const notificationsService: ServiceDefinition<NotificationsConfig> = {
  service: 'notifications',
  schema: 'notifications',
  configClass: NotificationsConfig,
  // Tables are read and written with SQL (claims with SKIP LOCKED, guarded transitions): no entities.
  entities: [],
  migrations: notificationsMigrations,
  features: (config) => [NotificationsModule.forRoot(config)],
  openApi: {
    title: 'Awda notifications',
    description: 'SMS in the language of each family, exactly once, with receipts and opt-out. Supervisors read the message log.',
  },
};
