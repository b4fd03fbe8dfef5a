import type { INestApplication } from '@nestjs/common';
import { EventErrorPassThroughFilter } from './event-error.filter.js';
import { JetStreamServer } from './jetstream.server.js';
import type { MessagingOptions } from './options.js';

/** Connects the JetStream transport to an HTTP app; call before app.startAllMicroservices(). */
export function connectJetStream(
  app: INestApplication,
  options: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>,
): JetStreamServer {
  const server = new JetStreamServer(options);
  const microservice = app.connectMicroservice({ strategy: server }, { inheritAppConfig: true, deferInitialization: true });
  // Deferred so that the filter is in place before the handlers are wrapped.
  microservice.useGlobalFilters(new EventErrorPassThroughFilter());
  return server;
}
