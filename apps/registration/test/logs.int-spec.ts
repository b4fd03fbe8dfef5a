// No personal data in any log line, even when PostgreSQL refuses a statement that carried it:
// TypeORM's own console logger printed failed queries with `PARAMETERS: [...]` outside the redacting logger.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { LookupHasher } from '@awda/auth';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { DEV_LOOKUP_HASH_KEY } from '@awda/config';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { RegistrationConfig } from '../src/config.js';
import { readPhone } from '@awda/phone';
import { registrationService } from '../src/registration.definition.js';
import { bearer, family, newKey, token } from './harness.js';

/** Everything written to the console, stdout, stderr or the service's log stream while it runs. */
class Capture {
  readonly text: string[] = [];
  private readonly restore: (() => void)[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, done) => {
      this.text.push(chunk.toString());
      done();
    },
  });

  start(): void {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => this.text.push(args.map(String).join(' '));
      this.restore.push(() => (console[method] = original));
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array) => {
        this.text.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return true;
      }) as typeof stream.write;
      this.restore.push(() => (stream.write = original));
    }
  }

  stop(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  all(): string {
    return this.text.join('\n');
  }
}

describe('registration logs', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<RegistrationConfig>;
  const capture = new Capture();

  beforeAll(async () => {
    db = await createTestDatabase('registration_logs');
    broker = await createTestBroker();
    capture.start();
    service = await createServiceApp(
      registrationService,
      { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'debug', RATE_LIMIT_SMS_PER_MINUTE: '100000' },
      { logDestination: capture.stream, messaging: { retryBaseMs: 50, retryMaxMs: 200 } },
    );
  });

  afterAll(async () => {
    await service?.app.close();
    capture.stop();
    await broker?.cleanup();
    await db?.drop();
  });

  it('should log no name, phone, phone hash, shelter location or document when PostgreSQL refuses a statement', async () => {
    const caseworker = await token(['caseworker'], ['mahmoudli']);
    const http = () => request(service.app.getHttpServer());
    const first = family('LOG-1', { shelterLocation: 'Sector Q, tent 4417' });
    await http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(first).expect(201);
    // The same case number again: the unique index refuses the insert that carries shelter and phone hash.
    const again = family('LOG-1', { shelterLocation: 'Sector R, tent 5528' });
    await http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(again).expect(409);
    // An impossible date of birth: refused before it reaches PostgreSQL (it used to fail there, logging the members' names).
    const impossible = family('LOG-2');
    impossible.members[0]!.dateOfBirth = '1984-02-30';
    const res = await http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(impossible);
    expect(res.status).toBe(400);
    // The logs did get the refusals, through the service's JSON logger.
    await waitFor('the request log lines', async () => capture.all().includes('"statusCode":409'));

    const hasher = LookupHasher.fromConfig(DEV_LOOKUP_HASH_KEY);
    const secrets: string[] = [];
    for (const household of [first, again, impossible]) {
      const reading = readPhone(household.phone);
      const e164 = reading.ok ? reading.phone.e164 : household.phone;
      // The same text registration hashes for phone search (household-phones.ts).
      secrets.push(household.shelterLocation, e164, e164.slice(1), hasher.hash(`phone:${e164}`));
      for (const member of household.members) {
        secrets.push(member.fullNameAr);
        for (const document of member.documents ?? []) secrets.push(document.number);
        if (member.dateOfBirth) secrets.push(member.dateOfBirth);
      }
    }
    const text = capture.all();
    expect(text.length).toBeGreaterThan(0);
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    expect(text).not.toContain('PARAMETERS');
  });
});
