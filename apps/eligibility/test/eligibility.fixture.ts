// Helpers for the eligibility integration tests: registration events in, household.assessed out.
import { headers as natsHeaders } from '@nats-io/nats-core';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { signToken, type Role } from '@awda/auth';
import { DEV_JWT_SECRET } from '@awda/config';
import {
  AREAS_PUBLISHED_V1,
  CORRIDORS_PUBLISHED_V1,
  HEADER_KEY,
  HEADER_MSG_ID,
  HOUSEHOLD_ASSESSED_V1,
  type AreaV1,
  type CorridorV1,
  type EventEnvelope,
  type EventMap,
  type EventSubject,
  type HouseholdAssessedV1,
  type HouseholdSnapshotV1,
  type MemberFactsV1,
} from '@awda/contracts';
import { eventStreamName, wireSubject } from '@awda/messaging';
import type { TestBroker } from '@awda/testing';

export function envelope<S extends EventSubject>(subject: S, data: EventMap[S]): EventEnvelope<EventMap[S]> {
  return {
    id: uuidv7(),
    type: subject,
    occurredAt: new Date().toISOString(),
    producer: 'registration',
    correlationId: uuidv7(),
    causationId: null,
    data,
  };
}

/** Publishes as registration's relay would, keyed by household; a fresh Nats-Msg-Id models a redelivery. */
export async function publish(broker: TestBroker, event: EventEnvelope, key: string): Promise<void> {
  const h = natsHeaders();
  h.set(HEADER_MSG_ID, uuidv7());
  h.set(HEADER_KEY, key);
  await jetstream(broker.nc).publish(wireSubject(broker.namespace, event.type), JSON.stringify(event), { headers: h });
}

/** Every message on a subject in the stream, oldest first. */
export async function readStream<T>(broker: TestBroker, subject: string): Promise<T[]> {
  const stream = eventStreamName(broker.namespace);
  const filter = wireSubject(broker.namespace, subject);
  const info = await broker.jsm.streams.info(stream, { subjects_filter: filter });
  const count = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  if (count === 0) return [];
  const consumer = await jetstream(broker.nc).consumers.get(stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.All });
  const out: T[] = [];
  const batch = await consumer.fetch({ max_messages: count, expires: 2000 });
  for await (const m of batch) {
    out.push((m.json<EventEnvelope<T>>()).data);
    if (out.length >= count) break;
  }
  return out;
}

export async function assessedOf(broker: TestBroker, householdId: string): Promise<HouseholdAssessedV1[]> {
  const all = await readStream<HouseholdAssessedV1>(broker, HOUSEHOLD_ASSESSED_V1);
  return all.filter((a) => a.householdId === householdId).sort((a, b) => a.assessmentVersion - b.assessmentVersion);
}

export function adult(consent: MemberFactsV1['consent'], overrides: Partial<MemberFactsV1> = {}): MemberFactsV1 {
  return {
    memberId: uuidv7(),
    isHead: false,
    age: 35,
    sex: 'female',
    needs: [],
    fitToTravel: null,
    hasMedicalClearance: false,
    hasBestInterestsDetermination: false,
    hasIdentityDocument: true,
    consent,
    ...overrides,
  };
}

/** A household of a head, a spouse and a child; consents and other facts set per test. */
export function household(area: string, overrides: Partial<HouseholdSnapshotV1> = {}): HouseholdSnapshotV1 {
  return {
    householdId: uuidv7(),
    campId: 'mahmoudli',
    caseNumber: `MAH-${Math.floor(Math.random() * 1e6)}`,
    version: 1,
    status: 'registered',
    destinationArea: area,
    language: 'ar',
    consentPolicy: 'each_adult',
    registeredAt: '2025-01-10T08:00:00.000Z',
    members: [
      adult(null, { isHead: true, age: 42, sex: 'male' }),
      adult(null, { age: 38 }),
      adult(null, { age: 9, hasIdentityDocument: false }),
    ],
    unresolvedDuplicates: 0,
    ...overrides,
  };
}

/** The household at its next version with some members' facts changed. */
export function next(snapshot: HouseholdSnapshotV1, change: (members: MemberFactsV1[]) => MemberFactsV1[]): HouseholdSnapshotV1 {
  return { ...snapshot, version: snapshot.version + 1, members: change(snapshot.members.map((m) => ({ ...m }))) };
}

export function consentAll(members: MemberFactsV1[]): MemberFactsV1[] {
  return members.map((m) => (m.age >= 18 ? { ...m, consent: 'consent' } : m));
}

export function token(sub: string, roles: Role[], camps: string[]): Promise<string> {
  return signToken({ sub, roles, camps, ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
}

/** Area codes of the tests' destinations, with their parents: governorate → district → (community). */
export const TEST_AREAS: readonly AreaV1[] = [
  ...['SY01', 'SY03', 'SY04', 'SY05'].map((code) => ({ code, level: 'governorate' as const, parentCode: null, nameAr: 'محافظة', nameEn: `Governorate ${code}` })),
  ...['SY0101', 'SY0301', 'SY0302', 'SY0401', 'SY0501'].map((code) => ({
    code,
    level: 'district' as const,
    parentCode: code.slice(0, 4),
    nameAr: 'منطقة',
    nameEn: `District ${code}`,
  })),
  { code: 'C0301', level: 'community', parentCode: 'SY0301', nameAr: 'قرية', nameEn: 'Village C0301' },
];

/** Registration's area list, as its relay publishes it. */
export async function publishAreas(broker: TestBroker, areas: readonly AreaV1[] = TEST_AREAS, publishedAt = new Date()): Promise<void> {
  await publish(broker, envelope(AREAS_PUBLISHED_V1, { areas: [...areas], publishedAt: publishedAt.toISOString() }), 'areas');
}

/** Transport's corridors; by default one road to every governorate of the tests but SY05. */
export async function publishCorridors(
  broker: TestBroker,
  corridors: readonly CorridorV1[] = [{ id: 'north', name: 'North road', areaCodes: ['SY01', 'SY03', 'SY04'] }],
  publishedAt = new Date(),
): Promise<void> {
  await publish(broker, envelope(CORRIDORS_PUBLISHED_V1, { corridors: [...corridors], publishedAt: publishedAt.toISOString() }), 'corridors');
}
