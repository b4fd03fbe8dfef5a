// Shared set-up of the registration integration tests: a real PostgreSQL database, a NATS namespace,
// the whole service, tokens, and a reader of the event stream.
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { signToken, type Role } from '@awda/auth';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import type { EventEnvelope, EventMap, EventSubject } from '@awda/contracts';
import { eventStreamName, wireSubject } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { RegistrationConfig } from '../src/config.js';
import { registrationService } from '../src/registration.definition.js';

export interface Harness {
  db: TestDatabase;
  broker: TestBroker;
  service: ServiceApp<RegistrationConfig>;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The service on a fresh database and namespace; `env` adds or overrides settings (e.g. PHONE_COUNTRIES). */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase('registration');
  const broker = await createTestBroker();
  const service = await createServiceApp(
    registrationService,
    {
      NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100',
      RATE_LIMIT_SMS_PER_MINUTE: '100000', ...env,
    },
    { logger: false, messaging: { retryBaseMs: 50, retryMaxMs: 200 } },
  );
  return {
    db,
    broker,
    service,
    http: () => request(service.app.getHttpServer()),
    async close() {
      await service.app.close();
      await broker.cleanup();
      await db.drop();
    },
  };
}

export function token(roles: Role[], camps: string[], sub = `user-${roles.join('-')}-${camps.join('-')}`): Promise<string> {
  return signToken({ sub, roles, camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
}

export const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
export const newKey = () => `k-${randomUUID()}`;

/** Every event registration published in this namespace whose payload concerns the household. */
export async function eventsOf(broker: TestBroker, householdId: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  return (await registrationEvents(broker)).filter((e) => {
    const data = e.data as { householdId?: string; household?: { householdId?: string } };
    return data.householdId === householdId || data.household?.householdId === householdId;
  });
}

/** Every event registration published in this namespace. */
export async function registrationEvents(broker: TestBroker): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const js = jetstream(broker.nc);
  const consumer = await js.consumers.get(eventStreamName(broker.namespace), {
    filter_subjects: wireSubject(broker.namespace, 'awda.registration.>'),
  });
  const events: EventEnvelope<Record<string, unknown>>[] = [];
  const info = await consumer.info(true);
  let pending = info.num_pending;
  while (pending > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(pending, 1000), expires: 1000 });
    let got = 0;
    for await (const msg of batch) {
      got += 1;
      events.push(msg.json<EventEnvelope<Record<string, unknown>>>());
    }
    if (got === 0) break;
    pending -= got;
  }
  return events;
}

/** Waits until the household's events include `count` events of `subject` and returns them all. */
export async function waitForEvents(broker: TestBroker, householdId: string, subject: string, count = 1) {
  return waitFor(`${count} × ${subject} for ${householdId}`, async () => {
    const events = await eventsOf(broker, householdId);
    return events.filter((e) => e.type === subject).length >= count ? events : undefined;
  });
}

/** Publishes an event from another service into the stream, as its outbox relay would. */
export async function publishEvent<S extends EventSubject>(broker: TestBroker, subject: S, data: EventMap[S], key: string): Promise<string> {
  const id = uuidv7();
  const envelope: EventEnvelope<EventMap[S]> = {
    id, type: subject, occurredAt: new Date().toISOString(), producer: subject.split('.')[1] ?? 'test',
    correlationId: `corr-${id}`, causationId: null, data,
  };
  const h = natsHeaders();
  h.set('Nats-Msg-Id', id);
  h.set('Awda-Key', key);
  await jetstream(broker.nc).publish(wireSubject(broker.namespace, subject), JSON.stringify(envelope), { headers: h });
  return id;
}

const GIVEN_MALE = ['أحمد', 'خالد', 'عمر', 'ياسر', 'سامر', 'بشير', 'جاسم', 'حمزة', 'وليد', 'نادر', 'كريم', 'زياد'];
const GIVEN_FEMALE = ['فاطمة', 'مريم', 'نور', 'هدى', 'سلمى', 'رنا', 'ليلى', 'عائشة', 'سعاد', 'دعاء', 'منى', 'ريم'];
const FAMILY = ['الخلف', 'العبيد', 'الحمود', 'الشيخ', 'الجاسم', 'الصالح', 'الدرويش', 'الراشد', 'النعيمي', 'البكر', 'الحسن', 'العمر'];
let families = 0;

/** A fictitious family (invented names and numbers, distinct per call), as a case worker would enter it. */
export function family(caseNumber: string, overrides: Record<string, unknown> = {}) {
  const n = families++;
  const pick = (list: string[], k: number) => list[(n * 7 + k) % list.length] ?? '';
  const surname = pick(FAMILY, 0);
  const father = pick(GIVEN_MALE, 3);
  const head = pick(GIVEN_MALE, 0);
  return {
    campId: 'mahmoudli',
    caseNumber,
    shelterLocation: 'Sector C, tent 14',
    destinationArea: 'SY110000',
    language: 'ar',
    phone: `0944 ${String(100000 + n * 7919).slice(-6)}`,
    members: [
      {
        fullNameAr: `${head} ${father} ${surname}`, sex: 'male', dateOfBirth: `${1970 + (n % 20)}-04-02`,
        relationship: 'head', documents: [{ type: 'national_id', number: `0201-${String(5000 + n)}-1234` }], needs: ['SMC'], fitToTravel: true,
      },
      { fullNameAr: `${pick(GIVEN_FEMALE, 1)} ${pick(GIVEN_MALE, 5)} ${pick(FAMILY, 5)}`, sex: 'female', estimatedAge: 41, relationship: 'spouse' },
      { fullNameAr: `${pick(GIVEN_MALE, 9)} ${head} ${surname}`, sex: 'male', dateOfBirth: '2012-09-15', relationship: 'son' },
    ],
    ...overrides,
  };
}
