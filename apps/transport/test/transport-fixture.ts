// Real PostgreSQL + NATS for the transport tests: the app, tokens, events in, events out, and a
// stand-in for registration's manifest-names RPC.
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createServiceApp, resolveBound, type ServiceApp } from '@awda/bootstrap';
import { signToken, type Role } from '@awda/auth';
import { DEV_JWT_SECRET } from '@awda/config';
import {
  AREAS_PUBLISHED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  MANIFEST_NAMES_RPC_V1,
  type EventEnvelope,
  type EventMap,
  type EventSubject,
  type HouseholdAssessedV1,
  type HouseholdSnapshotV1,
  type ManifestNamesRequestV1,
  type MemberFactsV1,
} from '@awda/contracts';
import { consumerName, eventStreamName, wireSubject } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { TransportConfig } from '../src/config.js';
import { transportService } from '../src/transport.definition.js';

export const CAMP = 'mahmoudli';
/** A departure date a month ahead in the camps' time zone: plans and convoys dated before today are refused. */
export const DATE = resolveBound({ daysFromToday: 30 });
export const RAQQA = 'SY110100';
export const TABQA = 'SY110200';
export const DEIR = 'SY090100';
/** A community: Tabqa city, in the Ath-Thawrah sub-district. */
export const TABQA_CITY = 'C5901';

/** The part of registration's area list the tests travel to: destinations resolve through their parents. */
const AREAS: [code: string, level: 'governorate' | 'district' | 'subdistrict' | 'community', parentCode: string | null][] = [
  ['SY02', 'governorate', null],
  ['SY09', 'governorate', null],
  ['SY11', 'governorate', null],
  ['SY0201', 'district', 'SY02'],
  ['SY0901', 'district', 'SY09'],
  ['SY1101', 'district', 'SY11'],
  ['SY1102', 'district', 'SY11'],
  ['SY020100', 'subdistrict', 'SY0201'],
  [DEIR, 'subdistrict', 'SY0901'],
  [RAQQA, 'subdistrict', 'SY1101'],
  [TABQA, 'subdistrict', 'SY1102'],
  [TABQA_CITY, 'community', TABQA],
];

const AR_GIVEN = ['أحمد', 'محمد', 'فاطمة', 'خديجة', 'علي', 'حسن', 'مريم', 'زينب', 'عمر', 'نور'];
const AR_FAMILY = ['الحسن', 'العلي', 'الخلف', 'الأحمد', 'الصالح'];

export interface TestHousehold {
  snapshot: HouseholdSnapshotV1;
  priority: number;
  assessmentVersion: number;
}

export interface TransportFixture {
  db: TestDatabase;
  broker: TestBroker;
  service: ServiceApp<TransportConfig>;
  http: () => request.Agent;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startTransport(): Promise<TransportFixture> {
  const db = await createTestDatabase('transport');
  const broker = await createTestBroker();
  const service = await createServiceApp(
    transportService,
    { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100', RATE_LIMIT_SMS_PER_MINUTE: '100000' },
    process.env['TRANSPORT_TEST_LOGS'] ? {} : { logger: false },
  );
  // A listening server: hundreds of parallel supertest calls must share one port.
  await service.app.listen(0, '127.0.0.1');
  const url = await service.app.getUrl();
  const namesResponder = answerManifestNames(broker);
  await waitFor('the event stream and the transport consumer', async () => {
    const stream = eventStreamName(broker.namespace);
    await broker.jsm.streams.info(stream);
    return (await broker.jsm.consumers.info(stream, consumerName(broker.namespace, 'transport'))) !== undefined;
  });
  const dataSource = service.app.get(DataSource);
  await publish(
    broker,
    AREAS_PUBLISHED_V1,
    {
      areas: AREAS.map(([code, level, parentCode]) => ({ code, level, parentCode, nameAr: `منطقة ${code}`, nameEn: `Area ${code}` })),
      publishedAt: new Date().toISOString(),
    },
    'areas',
  );
  await waitFor('the area list in transport', async () => {
    const rows: { n: number }[] = await dataSource.query('SELECT count(*)::int AS n FROM transport.destination_areas');
    return rows[0]?.n === AREAS.length;
  });
  return {
    db,
    broker,
    service,
    http: () => request.agent(url.replace('[::1]', '127.0.0.1')),
    dataSource,
    async close() {
      namesResponder.unsubscribe();
      await service.app.close();
      await broker.cleanup();
      await db.drop();
    },
  };
}

export async function token(roles: Role[] = ['logistics'], camps: string[] = [CAMP], sub = 'officer-1'): Promise<string> {
  return `Bearer ${await signToken({ sub, roles, camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' })}`;
}

export const LOGISTICS = await token();
export const SUPERVISOR = await token(['supervisor'], [CAMP], 'supervisor-1');
export const OTHER_CAMP = await token(['logistics'], ['areesha'], 'officer-2');
export const CASEWORKER = await token(['caseworker'], [CAMP], 'caseworker-1');
export const OTHER_CAMP_CASEWORKER = await token(['caseworker'], ['areesha'], 'caseworker-2');

/** Fake registration data; names stay here in the test, transport only ever sees ids. */
const names = new Map<string, { caseNumber: string; members: { memberId: string; fullNameAr: string; fullNameLatin: string; isHead: boolean }[] }>();

function answerManifestNames(broker: TestBroker): { unsubscribe(): void } {
  const sub = broker.nc.subscribe(wireSubject(broker.namespace, MANIFEST_NAMES_RPC_V1));
  void (async () => {
    for await (const msg of sub) {
      const body = msg.json<ManifestNamesRequestV1>();
      const households = body.householdIds.flatMap((id) => {
        const known = names.get(id);
        return known ? [{ householdId: id, ...known }] : [];
      });
      msg.respond(JSON.stringify({ ok: true, data: { households, refused: body.householdIds.filter((id) => !names.has(id)) } }));
    }
  })();
  return sub;
}

export function member(age: number, extra: Partial<MemberFactsV1> = {}): MemberFactsV1 {
  return {
    memberId: uuidv7(),
    isHead: false,
    age,
    sex: 'female',
    needs: [],
    fitToTravel: null,
    hasMedicalClearance: false,
    hasBestInterestsDetermination: false,
    hasIdentityDocument: true,
    consent: 'consent',
    ...extra,
  };
}

let sequence = 0;

/** A household with generated Arabic names registered in the fake registration. */
export function household(destinationArea: string, ages: number[], options: { priority?: number; members?: MemberFactsV1[] } = {}): TestHousehold {
  sequence += 1;
  const householdId = uuidv7();
  const members = options.members ?? ages.map((age, index) => member(age, { isHead: index === 0, sex: index === 0 ? 'male' : 'female' }));
  const caseNumber = `MAH-25-${String(sequence).padStart(5, '0')}`;
  const family = AR_FAMILY[sequence % AR_FAMILY.length] ?? 'الحسن';
  names.set(householdId, {
    caseNumber,
    members: members.map((m, index) => ({
      memberId: m.memberId,
      fullNameAr: `${AR_GIVEN[(sequence + index) % AR_GIVEN.length] ?? 'نور'} ${family}`,
      fullNameLatin: `Person ${sequence}-${index}`,
      isHead: m.isHead,
    })),
  });
  return {
    priority: options.priority ?? 1,
    assessmentVersion: 1,
    snapshot: {
      householdId,
      campId: CAMP,
      caseNumber,
      version: 1,
      status: 'registered',
      destinationArea,
      language: 'ar',
      consentPolicy: 'each_adult',
      registeredAt: new Date().toISOString(),
      members,
      unresolvedDuplicates: 0,
    },
  };
}

export function nameOf(householdId: string, index = 0): string | undefined {
  return names.get(householdId)?.members[index]?.fullNameAr;
}

export async function publish<S extends EventSubject>(broker: TestBroker, subject: S, data: EventMap[S], key: string): Promise<void> {
  const envelope: EventEnvelope<EventMap[S]> = {
    id: uuidv7(),
    type: subject,
    occurredAt: new Date().toISOString(),
    producer: subject.split('.')[1] ?? 'test',
    correlationId: 'transport-test',
    causationId: null,
    data,
  };
  const h = natsHeaders();
  h.set('Nats-Msg-Id', envelope.id);
  h.set('Awda-Key', key);
  await jetstream(broker.nc).publish(wireSubject(broker.namespace, subject), JSON.stringify(envelope), { headers: h });
}

export function assessment(test: TestHousehold, status: HouseholdAssessedV1['status'] = 'eligible'): HouseholdAssessedV1 {
  return {
    householdId: test.snapshot.householdId,
    campId: test.snapshot.campId,
    status,
    reasons: [],
    priority: test.priority,
    ruleSetVersion: 1,
    householdVersion: test.snapshot.version,
    assessmentVersion: test.assessmentVersion,
    destinationArea: test.snapshot.destinationArea,
    override: null,
    assessedAt: new Date().toISOString(),
  };
}

/** Registers and assesses households as eligible, and waits until transport has them in its pool. */
export async function feedEligible(fixture: TransportFixture, households: TestHousehold[]): Promise<void> {
  for (const test of households) {
    await publish(fixture.broker, HOUSEHOLD_REGISTERED_V1, { household: test.snapshot }, test.snapshot.householdId);
    await publish(fixture.broker, HOUSEHOLD_ASSESSED_V1, assessment(test), test.snapshot.householdId);
  }
  const ids = households.map((test) => test.snapshot.householdId);
  await waitFor(`${ids.length} eligible households in the projection`, async () => {
    const rows: { n: number }[] = await fixture.dataSource.query(
      `SELECT count(*)::int AS n FROM transport.households WHERE household_id = ANY($1) AND eligibility = 'eligible' AND household_version > 0`,
      [ids],
    );
    return rows[0]?.n === ids.length;
  }, { timeoutMs: 60_000 });
}

/** Envelopes published on a subject so far, read back from the stream. */
export async function eventsOn<S extends EventSubject>(broker: TestBroker, subject: S): Promise<EventEnvelope<EventMap[S]>[]> {
  const js = jetstream(broker.nc);
  const consumer = await js.consumers.get(eventStreamName(broker.namespace), { filter_subjects: wireSubject(broker.namespace, subject) });
  const pending = (await consumer.info()).num_pending;
  const envelopes: EventEnvelope<EventMap[S]>[] = [];
  if (pending === 0) {
    await consumer.delete().catch(() => undefined);
    return envelopes;
  }
  const messages = await consumer.fetch({ max_messages: pending, expires: 5000 });
  for await (const msg of messages) {
    envelopes.push(msg.json<EventEnvelope<EventMap[S]>>());
    if (envelopes.length >= pending) break;
  }
  await consumer.delete().catch(() => undefined);
  return envelopes;
}

/** Waits for events on a subject matching a predicate (the relay publishes after commit). */
export function waitForEvents<S extends EventSubject>(
  broker: TestBroker,
  subject: S,
  match: (data: EventMap[S]) => boolean,
  count = 1,
): Promise<EventMap[S][]> {
  return waitFor(`${count} ${subject} event(s)`, async () => {
    const found = (await eventsOn(broker, subject)).map((envelope) => envelope.data).filter(match);
    return found.length >= count ? found : undefined;
  });
}

export async function addVehicle(
  fixture: TransportFixture,
  body: { type: 'bus' | 'minibus' | 'cargo_truck' | 'ambulance'; seats?: number; cargoCapacity?: number; stretcherPlaces?: number; availableDates?: string[] },
): Promise<string> {
  sequence += 1;
  const res = await fixture
    .http()
    .post('/vehicles')
    .set('Authorization', LOGISTICS)
    .send({ campId: CAMP, plate: `RAQ-${sequence}-${Math.floor(Math.random() * 1e6)}`, operator: 'Tabqa Transport Co.', availableDates: [DATE], ...body })
    .expect(201);
  return (res.body as { id: string }).id;
}
