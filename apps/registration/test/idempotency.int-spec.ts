import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { IdempotencyPruner } from '../src/common/idempotency-pruner.js';
import { bearer, family, newKey, startHarness, token, type Harness } from './harness.js';

interface KeyRow {
  response: unknown;
  response_encrypted: string | null;
}

describe('Idempotency-Key answers at rest', () => {
  let h: Harness;
  let caseworker: string;
  let dataSource: DataSource;
  const sub = 'user-idempotency';

  beforeAll(async () => {
    h = await startHarness();
    caseworker = await token(['caseworker'], ['mahmoudli'], sub);
    dataSource = h.service.app.get(DataSource);
  });

  afterAll(async () => {
    await h?.close();
  });

  const keyRow = async (key: string): Promise<KeyRow | undefined> =>
    ((await dataSource.query(`SELECT response, response_encrypted FROM idempotency_keys WHERE actor = $1 AND key = $2`, [sub, key])) as KeyRow[])[0];

  it('should keep no phone, name or document number in clear, and still replay the first answer', async () => {
    const key = newKey();
    const body = family('IDEM-1');
    const first = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', key).send(body).expect(201);
    const stored = await keyRow(key);
    expect(stored?.response).toBeNull();
    const text = JSON.stringify(stored);
    for (const secret of [body.members[0]!.fullNameAr, body.members[0]!.documents![0]!.number, body.shelterLocation, body.phone.replace(/\D/g, '').slice(-6)]) expect(text).not.toContain(secret);
    expect(stored?.response_encrypted).toMatch(/^v1\./);

    const replay = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', key).send(body).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
  });

  it('should forget a key past IDEMPOTENCY_KEY_TTL_HOURS: a retry then runs as new (a second registration of the case number is refused)', async () => {
    const key = newKey();
    const body = family('IDEM-2');
    await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', key).send(body).expect(201);
    const ttl = h.service.config.IDEMPOTENCY_KEY_TTL_HOURS;
    await dataSource.query(`UPDATE idempotency_keys SET created_at = now() - make_interval(hours => $3::int + 1) WHERE actor = $1 AND key = $2`, [sub, key, ttl]);
    const late = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', key).send(body).expect(409);
    expect(late.headers['idempotent-replayed']).toBeUndefined();
    expect((late.body as { code: string }).code).toBe('REGISTRATION.CASE_NUMBER_TAKEN');
  });

  it('should prune expired keys and encrypt answers stored in clear before the upgrade', async () => {
    const expired = newKey();
    const legacy = newKey();
    await dataSource.query(
      `INSERT INTO idempotency_keys (actor, key, request_hash, status_code, response, created_at)
       VALUES ($1, $2, 'h', 201, '{"phone":"+963944000111"}', now() - interval '1000 hours'), ($1, $3, 'h', 201, '{"phone":"+963944000222"}', now())`,
      [sub, expired, legacy],
    );
    const outcome = await h.service.app.get(IdempotencyPruner).run();
    expect(outcome.deleted).toBeGreaterThanOrEqual(1);
    expect(outcome.encrypted).toBeGreaterThanOrEqual(1);
    expect(await keyRow(expired)).toBeUndefined();
    const kept = await keyRow(legacy);
    expect(kept?.response).toBeNull();
    expect(JSON.stringify(kept)).not.toContain('944000222');
    const left: { n: number }[] = await dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE response IS NOT NULL`);
    expect(left[0]?.n).toBe(0);
  });
});
