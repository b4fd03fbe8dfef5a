// Several services in this one process, on the real PostgreSQL and NATS (one database, one stream
// namespace, a schema each), listening on free ports so that the Journey driver reaches them over
// HTTP as it reaches the built processes. For cross-service tests that need what a process cannot
// give: a service's clock set by the test. No dist/ build needed.
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import type { DynamicModule, Type } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { createServiceApp, type ServiceApp, type ServiceDefinition } from '@awda/bootstrap';
import type { BaseServiceConfig } from '@awda/config';
import { HEADER_KEY, HEADER_MSG_ID, producerOf, type EventEnvelope, type EventMap, type EventSubject } from '@awda/contracts';
import { wireSubject } from '@awda/messaging';
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@awda/testing';
import { eligibilityService } from '../apps/eligibility/src/eligibility.definition.js';
import { eligibilityFeatures } from '../apps/eligibility/src/eligibility.features.js';
import type { Clock } from '../apps/eligibility/src/clock.js';
import { notificationsService } from '../apps/notifications/src/notifications.definition.js';
import { reportingService } from '../apps/reporting/src/reporting.definition.js';
import { registrationService } from '../apps/registration/src/registration.definition.js';
import { transportService } from '../apps/transport/src/transport.definition.js';
import type { ServiceName } from './harness.js';
import type { Urls } from './journey.js';

export interface InProcessOptions {
  services: readonly ServiceName[];
  /** The clock eligibility decides with (waiting time is counted from it). */
  eligibilityClock?: Clock;
  extraEnv?: Record<string, string>;
}

export interface InProcessSystem {
  urls: Urls;
  db: TestDatabase;
  broker: TestBroker;
  stop(): Promise<void>;
}

type AnyDefinition = ServiceDefinition<BaseServiceConfig>;

function definitionOf(name: ServiceName, options: InProcessOptions): AnyDefinition {
  const definitions: Record<ServiceName, AnyDefinition> = {
    registration: registrationService as unknown as AnyDefinition,
    eligibility: {
      ...(eligibilityService as unknown as AnyDefinition),
      features: (): (Type<unknown> | DynamicModule)[] => eligibilityFeatures({ clock: options.eligibilityClock }),
    },
    transport: transportService as unknown as AnyDefinition,
    notifications: notificationsService as unknown as AnyDefinition,
    reporting: reportingService as unknown as AnyDefinition,
  };
  return definitions[name];
}

export async function startInProcess(options: InProcessOptions): Promise<InProcessSystem> {
  const db = await createTestDatabase('xsvc');
  const broker = await createTestBroker();
  const apps: ServiceApp<BaseServiceConfig>[] = [];
  const urls: Partial<Urls> = {};
  const stop = async (): Promise<void> => {
    for (const service of apps.reverse()) await service.app.close().catch(() => undefined);
    await broker.cleanup();
    await db.drop();
  };
  try {
    // One after the other: each runs its own migrations, and the first creates the stream.
    for (const name of options.services) {
      const service = await createServiceApp(
        definitionOf(name, options),
        {
          NODE_ENV: 'test',
          DATABASE_URL: db.url,
          NATS_URL: broker.url,
          AWDA_NAMESPACE: broker.namespace,
          LOG_LEVEL: 'warn',
          OUTBOX_POLL_MS: '100',
          DATABASE_POOL_SIZE: '5',
          MESSAGING_CONCURRENCY: '4',
          RATE_LIMIT_SMS_PER_MINUTE: '100000',
          ELIGIBILITY_TICK_MS: '200',
          ...options.extraEnv,
        },
        { logger: false, messaging: { retryBaseMs: 100, retryMaxMs: 500 } },
      );
      apps.push(service);
      await service.app.listen(0, '127.0.0.1');
      urls[name] = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const unused = 'http://127.0.0.1:9';
  return {
    urls: { registration: unused, eligibility: unused, transport: unused, notifications: unused, reporting: unused, ...urls },
    db,
    broker,
    stop,
  };
}

/** Publishes an event as another service's outbox relay would (for a service the test plays itself). */
export async function publishEvent<S extends EventSubject>(broker: TestBroker, subject: S, data: EventMap[S], key: string): Promise<void> {
  const envelope: EventEnvelope<EventMap[S]> = {
    id: uuidv7(),
    type: subject,
    occurredAt: new Date().toISOString(),
    producer: producerOf(subject),
    correlationId: uuidv7(),
    causationId: null,
    data,
  };
  const h = natsHeaders();
  h.set(HEADER_MSG_ID, envelope.id);
  h.set(HEADER_KEY, key);
  await jetstream(broker.nc).publish(wireSubject(broker.namespace, subject), JSON.stringify(envelope), { headers: h });
}

/** A clock a test moves by hand. */
export class TestClock {
  private current: Date;

  constructor(start = new Date()) {
    this.current = start;
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date): void {
    this.current = at;
  }
}
