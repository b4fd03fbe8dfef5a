// The service on the test servers, envelopes, a scripted provider and a movable clock for the
// notifications integration tests.
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher } from '@awda/auth';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { DEV_FIELD_ENCRYPTION_ACTIVE_KEY, DEV_FIELD_ENCRYPTION_KEYS } from '@awda/config';
import {
  AREAS_PUBLISHED_V1,
  CONTACT_CHANGED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  type AreaV1,
  type EventEnvelope,
} from '@awda/contracts';
import { eventStreamName, wireSubject, type MessagingOptions } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { Clock } from '../src/clock.js';
import type { NotificationsConfig } from '../src/config.js';
import { NotificationsModule } from '../src/notifications.module.js';
import { notificationsService } from '../src/notifications.definition.js';
import {
  ProviderError,
  type OutgoingSms,
  type ProviderListener,
  type Reconciliation,
  type SendAccepted,
  type SendAttempt,
  type SmsProvider,
} from '../src/providers/sms-provider.js';

export const CAMP = 'mahmoudli';

/** Relay and redelivery in tenths of a second, so that events flow quickly through a test. */
export const FAST_MESSAGING: Partial<MessagingOptions> = { retryBaseMs: 50, retryMaxMs: 200, outboxPollMs: 100 };

export interface NotificationsOptions {
  /** Label of the test's own database (a unique name is made from it). */
  database?: string;
  /** The provider the dispatcher hands off to; without it, the one SMS_PROVIDER configures. */
  provider?: SmsProvider;
  /** The service's clock; the system clock without it. */
  clock?: Clock;
  /** Messaging settings over the service's defaults (e.g. FAST_MESSAGING). */
  messaging?: Partial<MessagingOptions>;
}

/** A notifications service on a database and a stream namespace of its own, not listening: use `server` with supertest. */
export interface RunningNotifications {
  readonly db: TestDatabase;
  readonly broker: TestBroker;
  service: ServiceApp<NotificationsConfig>;
  dataSource: DataSource;
  server: ReturnType<ServiceApp<NotificationsConfig>['app']['getHttpServer']>;
  /** Closes the service and starts it again on the same database and stream (fields updated). */
  restart(): Promise<void>;
  /** Closes the service and drops its database and stream. */
  stop(): Promise<void>;
}

/**
 * Starts notifications on a new test database and stream namespace, with `env` over the test
 * settings (NODE_ENV, the servers' URLs, LOG_LEVEL warn), and waits until its event stream exists.
 */
export async function startNotifications(env: Record<string, string> = {}, options: NotificationsOptions = {}): Promise<RunningNotifications> {
  const db = await createTestDatabase(options.database ?? 'notifications');
  let broker: TestBroker | undefined;
  try {
    broker = await createTestBroker();
    const servers = broker;
    const { provider, clock } = options;
    const definition =
      provider || clock
        ? { ...notificationsService, features: (config: NotificationsConfig) => [NotificationsModule.forRoot(config, { provider: provider && (() => provider), clock })] }
        : notificationsService;
    const build = () =>
      createServiceApp(
        definition,
        { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: servers.url, AWDA_NAMESPACE: servers.namespace, LOG_LEVEL: 'warn', ...env },
        { logger: false, ...(options.messaging ? { messaging: options.messaging } : {}) },
      );
    const service = await build();
    const running: RunningNotifications = {
      db,
      broker,
      service,
      dataSource: service.app.get(DataSource),
      server: service.app.getHttpServer(),
      async restart() {
        await running.service.app.close();
        running.service = await build();
        running.dataSource = running.service.app.get(DataSource);
        running.server = running.service.app.getHttpServer();
      },
      async stop() {
        await running.service.app.close();
        await servers.cleanup();
        await db.drop();
      },
    };
    try {
      await waitFor('the event stream', () => servers.jsm.streams.info(eventStreamName(servers.namespace)).catch(() => undefined));
    } catch (error) {
      await service.app.close();
      throw error;
    }
    return running;
  } catch (error) {
    await broker?.cleanup();
    await db.drop();
    throw error;
  }
}
const cipher = FieldCipher.fromConfig(DEV_FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_ACTIVE_KEY);
let phoneCounter = 100;

/** A Syrian mobile number (+963 93 and seven digits), distinct for the first 9,900 of a run. */
export function newPhone(): string {
  phoneCounter += 1;
  // Always seven digits after the prefix: a longer number is not a mobile, and gets no SMS.
  return `+96393${String(Date.now() % 1000).padStart(3, '0')}${String(phoneCounter % 10_000).padStart(4, '0')}`;
}

export function envelope<T>(type: string, data: T, id = uuidv7()): EventEnvelope<T> {
  return { id, type, occurredAt: new Date().toISOString(), producer: 'test', correlationId: 'corr-test', causationId: null, data };
}

/** Publishes an envelope as its producer would, with its own Nats-Msg-Id unless one is given. */
export async function publish(broker: TestBroker, event: EventEnvelope, msgId = uuidv7()): Promise<void> {
  const h = natsHeaders();
  h.set('Nats-Msg-Id', msgId);
  // Registration's outbox orders area lists under one key, households under their id.
  const key = event.type === AREAS_PUBLISHED_V1 ? 'areas' : (event.data as { householdId?: string }).householdId;
  if (key) h.set('Awda-Key', key);
  await jetstream(broker.nc).publish(wireSubject(broker.namespace, event.type), JSON.stringify(event), { headers: h });
}

export function registered(householdId: string, caseNumber: string, language = 'en') {
  return envelope(HOUSEHOLD_REGISTERED_V1, {
    household: {
      householdId,
      campId: CAMP,
      caseNumber,
      version: 1,
      status: 'registered',
      destinationArea: 'SY110000',
      language,
      consentPolicy: 'each_adult',
      registeredAt: new Date().toISOString(),
      members: [],
      unresolvedDuplicates: 0,
    },
  });
}

export function contact(householdId: string, phone: string, caseNumber: string, language = 'en', version = 1) {
  return envelope(CONTACT_CHANGED_V1, {
    householdId,
    campId: CAMP,
    phoneEncrypted: cipher.encrypt(phone, householdId),
    language,
    caseNumber,
    version,
  });
}

export function scheduled(householdId: string, departureDate: string, scheduleVersion = 1, convoyId = uuidv7(), destinationArea = 'SY110000') {
  return envelope(HOUSEHOLD_SCHEDULED_V1, {
    householdId,
    campId: CAMP,
    convoyId,
    departureDate,
    departureTime: '07:30',
    assemblyPoint: 'Gate 2',
    destinationArea,
    scheduleVersion,
  });
}

export function areasPublished(areas: AreaV1[], publishedAt: string) {
  return envelope(AREAS_PUBLISHED_V1, { areas, publishedAt });
}

/** Real time, shifted: `set()` jumps to an instant and time runs on from there. */
export class TestClock implements Clock {
  private offset = 0;
  set(instant: Date): void {
    this.offset = instant.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** A provider whose answers the test scripts: failures by phone, a receipt before the send returns. */
export class ScriptedProvider implements SmsProvider {
  readonly name = 'scripted';
  readonly sent: (OutgoingSms & { providerMessageId: string })[] = [];
  readonly failures = new Map<string, { times: number; retryable: boolean }>();
  readonly receiptFirst = new Set<string>();
  listener?: ProviderListener;

  async start(listener: ProviderListener): Promise<void> {
    this.listener = listener;
  }

  async send(sms: OutgoingSms): Promise<SendAccepted> {
    const failure = this.failures.get(sms.to);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      throw new ProviderError('scripted refusal', failure.retryable);
    }
    const providerMessageId = `scripted-${sms.messageId}`;
    this.sent.push({ ...sms, providerMessageId });
    // The handset's receipt overtakes the provider's answer.
    if (this.receiptFirst.has(sms.to)) await this.listener?.onReceipt({ provider: this.name, providerMessageId, status: 'delivered', detail: 'DELIVRD' });
    return { providerMessageId };
  }

  async reconcile({ messageId }: SendAttempt): Promise<Reconciliation> {
    const found = this.sent.find((s) => s.messageId === messageId);
    return found ? { outcome: 'sent', providerMessageId: found.providerMessageId } : { outcome: 'resend' };
  }

  sendsTo(phone: string): (OutgoingSms & { providerMessageId: string })[] {
    return this.sent.filter((s) => s.to === phone);
  }
}

/**
 * A message's statuses without the slot give-backs (`sending` → `queued` when a dispatcher woke too
 * late for its hand-off slot): a normal transition that a loaded machine may add anywhere.
 */
export function withoutGiveBacks<T extends { status: string; detail: string | null }>(steps: readonly T[]): T[] {
  const kept: T[] = [];
  for (const step of steps) {
    if (step.status === 'queued' && step.detail?.startsWith('hand-off slot missed') && kept.at(-1)?.status === 'sending') kept.pop();
    else kept.push(step);
  }
  return kept;
}
