import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventErrorPassThroughFilter } from './event-error.filter.js';
import { JetStreamServer } from './jetstream.server.js';
import type { MessagingOptions } from './options.js';

/** Connects the JetStream transport to an HTTP app; call before app.startAllMicroservices(). */
export function connectJetStream(
  app: INestApplication,
  options: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>,
): JetStreamServer {
  const server = new JetStreamServer(options);
  // Batches of events share one transaction of the service's own database (MESSAGING_BATCH).
  server.useDataSource(() => {
    try {
      return app.get(DataSource, { strict: false });
    } catch {
      return undefined;
    }
  });
  // Its own ApplicationConfig: the pass-through filter must not become the HTTP app's filter too
  // (it would turn every HTTP error into a 500). Deferred so the filter is set before handlers are wrapped.
  const microservice = app.connectMicroservice({ strategy: server }, { inheritAppConfig: false, deferInitialization: true });
  microservice.useGlobalFilters(new EventErrorPassThroughFilter());
  return server;
}
