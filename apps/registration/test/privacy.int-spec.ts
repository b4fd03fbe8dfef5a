// Data protection lifecycle in registration (issue 19): retention (dry run, then a real run, per camp),
// the audit review and unusual access, the subject access export, and key rotation that re-wraps data
// keys without touching personal fields.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { FieldCipher } from '@awda/auth';
import { DEV_FIELD_ENCRYPTION_KEYS } from '@awda/config';
import type { RegistrationConfig } from '../src/config.js';
import { registrationService } from '../src/registration.definition.js';
import { bearer, eventsOf, family, newKey, startHarness, token, type Harness } from './harness.js';

interface View {
  id: string;
  phone: string | null;
  shelterLocation: string | null;
  members: { fullNameAr: string; documents: { number: string }[] }[];
}

let h: Harness;
let db: DataSource;
let caseworker: string;
let admin: string;
let supervisor: string;

beforeAll(async () => {
  h = await startHarness({ RETENTION_CLOSED_CASE_DAYS: '365', RETENTION_CLOSED_CASE_DAYS_BY_CAMP: 'areesha:30', RETENTION_AUDIT_LOG_DAYS: '700', RETENTION_IMPORT_ERRORS_DAYS: '20' });
  db = h.service.app.get(DataSource);
  caseworker = await token(['caseworker'], ['mahmoudli', 'areesha'], 'cw-privacy');
  admin = await token(['admin'], ['mahmoudli', 'areesha'], 'admin-privacy');
  supervisor = await token(['supervisor'], ['mahmoudli'], 'sup-privacy');
});

afterAll(async () => {
  await h?.close();
});

async function register(caseNumber: string, overrides: Record<string, unknown> = {}): Promise<View> {
  return (await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family(caseNumber, overrides)).expect(201)).body as View;
}

async function age(id: string, status: string, days: number): Promise<void> {
  await db.query(`UPDATE households SET status = $2, updated_at = now() - make_interval(days => $3) WHERE id = $1`, [id, status, days]);
}

describe('retention', () => {
  let departed: View;
  let withdrawn: View;
  let closedAreesha: View;
  let recent: View;

  beforeAll(async () => {
    departed = await register('RET-1');
    withdrawn = await register('RET-2');
    closedAreesha = await register('RET-3', { campId: 'areesha' });
    recent = await register('RET-4');
    await age(departed.id, 'departed', 400);
    await age(withdrawn.id, 'withdrawn', 100); // mahmoudli keeps 365 days
    await age(closedAreesha.id, 'closed', 40); // areesha keeps 30 days
    await age(recent.id, 'departed', 10);
    await db.query(`INSERT INTO audit_log (id, at, actor, household_id, endpoint, outcome) VALUES (gen_random_uuid(), now() - interval '800 days', 'old', NULL, 'GET /x', 'read')`);
    // Rejected rows' messages of an import 25 days old (gone) and of one 5 days old (kept).
    for (const [id, days] of [['0190a000-0000-7000-8000-000000000001', 25], ['0190a000-0000-7000-8000-000000000002', 5]] as const) {
      await db.query(
        `INSERT INTO imports (id, camp_id, file_name, format, dry_run, status, started_by, created_at)
         VALUES ($1, 'mahmoudli', 'f.csv', 'csv', false, 'completed', 'cw', now() - make_interval(days => $2))`,
        [id, days],
      );
      await db.query(`INSERT INTO import_errors (import_id, row_number, field, message) VALUES ($1, 2, 'phone', 'phone is not a phone number')`, [id]);
    }
  });

  it('should refuse anyone but an administrator', async () => {
    await h.http().get('/privacy/retention').set(bearer(supervisor)).expect(403);
    await h.http().post('/privacy/retention/run').set(bearer(caseworker)).expect(403);
  });

  it('should list in a dry run what would go, and change nothing', async () => {
    const res = await h.http().get('/privacy/retention').set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      ran: true,
      auditLogRows: 1,
      importErrorRows: 1,
      periods: { closedCaseDays: 365, closedCaseDaysByCamp: { areesha: 30 }, auditLogDays: 700, importErrorDays: 20 },
      // Per camp: each camp's period, its closed cases and its imports' old rejected-row messages.
      byCamp: [
        { campId: 'areesha', closedCaseDays: 30, closedCases: 1, importErrorRows: 0 },
        { campId: 'mahmoudli', closedCaseDays: 365, closedCases: 1, importErrorRows: 1 },
      ],
    });
    expect(await db.query(`SELECT count(*)::int AS n FROM import_errors`)).toEqual([{ n: 2 }]);
    expect((res.body.households as { householdId: string }[]).map((c) => c.householdId).sort()).toEqual([departed.id, closedAreesha.id].sort());
    const view = (await h.http().get(`/households/${departed.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect(view.members[0]?.fullNameAr).toBe(departed.members[0]?.fullNameAr);
  });

  it('should erase those cases and delete old audit rows in a real run, and leave the others', async () => {
    const res = await h.http().post('/privacy/retention/run').set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, ran: true, auditLogRows: 1, importErrorRows: 1 });
    expect(await db.query(`SELECT import_id FROM import_errors`)).toEqual([{ import_id: '0190a000-0000-7000-8000-000000000002' }]);
    for (const gone of [departed, closedAreesha]) {
      await h.http().get(`/households/${gone.id}`).set(bearer(caseworker)).expect(410);
      const names: { full_name_ar: string }[] = await db.query(`SELECT full_name_ar FROM members WHERE household_id = $1`, [gone.id]);
      expect(names.map((n) => n.full_name_ar)).toEqual(['', '', '']);
      const erasure: { erased_by: string; source: string }[] = await db.query(`SELECT erased_by, source FROM erasures WHERE household_id = $1`, [gone.id]);
      expect(erasure).toEqual([{ erased_by: 'retention', source: 'retention' }]);
    }
    for (const kept of [withdrawn, recent]) {
      const view = (await h.http().get(`/households/${kept.id}`).set(bearer(caseworker)).expect(200)).body as View;
      expect(view.phone).toBe(kept.phone);
    }
    expect(await db.query(`SELECT 1 FROM audit_log WHERE actor = 'old'`)).toEqual([]);
    const events = await eventsOf(h.broker, departed.id);
    expect(events.filter((e) => e.type === 'awda.registration.household.erased.v1').map((e) => e.data)).toEqual([
      expect.objectContaining({ householdId: departed.id, campId: 'mahmoudli', source: 'retention' }),
    ]);
    const again = await h.http().get('/privacy/retention').set(bearer(admin)).expect(200);
    expect(again.body.households).toEqual([]);
  });
});

describe('audit review', () => {
  it("should show a supervisor who read a household of the supervisor's camps, filtered by user and date", async () => {
    const household = await register('AUD-1');
    const reader = await token(['caseworker'], ['mahmoudli'], 'reader-1');
    await h.http().get(`/households/${household.id}`).set(bearer(reader)).expect(200);
    const page = await h.http().get(`/audit?householdId=${household.id}&actor=reader-1&from=${new Date(Date.now() - 60_000).toISOString()}`).set(bearer(supervisor)).expect(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({ actor: 'reader-1', householdId: household.id, campId: 'mahmoudli', endpoint: 'GET /households/:id', outcome: 'read' }),
    ]);
    const elsewhere = await token(['supervisor'], ['areesha'], 'sup-areesha');
    expect((await h.http().get(`/audit?householdId=${household.id}`).set(bearer(elsewhere)).expect(200)).body.items).toEqual([]);
    const otherCamp = await h.http().get('/audit?campId=mahmoudli').set(bearer(elsewhere)).expect(403);
    expect(otherCamp.body.code).toBe('REGISTRATION.CAMP_NOT_ALLOWED');
    const own = (await h.http().get('/audit?campId=areesha').set(bearer(elsewhere)).expect(200)).body.items as { campId: string }[];
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((i) => i.campId))).toEqual(new Set(['areesha']));
    await h.http().get('/audit?limit=0').set(bearer(supervisor)).expect(400);
    await h.http().get('/audit').set(bearer(caseworker)).expect(403);
  });

  it('should show an administrator a user who read many households in a short time', async () => {
    // Reads at fixed instants (a window boundary cannot split them): 3 households in 5 minutes by one user, 2 by another.
    const households = await Promise.all(['AUD-2', 'AUD-3', 'AUD-4'].map((c) => register(c)));
    for (const [i, x] of households.entries()) {
      await db.query(
        `INSERT INTO audit_log (id, at, actor, household_id, endpoint, outcome) VALUES (gen_random_uuid(), $1, 'browsing-user', $2, 'GET /households/:id', 'read'),
           (gen_random_uuid(), $1, 'quiet-user', $2, 'GET /households/:id', 'read')`,
        [`2025-03-0${i === 2 ? 2 : 1}T10:0${i}:00Z`, x.id],
      );
    }
    const query = 'from=2025-03-01T00:00:00Z&to=2025-03-03T00:00:00Z&windowMinutes=60&threshold=3';
    const res = await h.http().get(`/audit/unusual-access?${query}`).set(bearer(admin)).expect(200);
    expect(res.body).toEqual([]);
    await db.query(`UPDATE audit_log SET at = '2025-03-01T10:04:00Z' WHERE actor = 'browsing-user' AND at = '2025-03-02T10:02:00Z'`);
    const found = await h.http().get(`/audit/unusual-access?${query}`).set(bearer(admin)).expect(200);
    expect(found.body).toEqual([{ actor: 'browsing-user', windowStart: '2025-03-01T10:00:00.000Z', windowMinutes: 60, households: 3, reads: 3, denied: 0 }]);
    await h.http().get('/audit/unusual-access').set(bearer(supervisor)).expect(403);
  });
});

describe('subject access export', () => {
  it("should give a supervisor the household's record as JSON and as text in its language, audited", async () => {
    const household = await register('EXP-1');
    const json = await h.http().get(`/households/${household.id}/export`).set(bearer(supervisor)).expect(200);
    expect(json.body.household).toMatchObject({ id: household.id, phone: household.phone, shelterLocation: 'Sector C, tent 14' });
    expect(json.body.household.members[0].documents[0].number).toBe(household.members[0]?.documents[0]?.number);
    expect(json.body.timeline.map((t: { kind: string }) => t.kind)).toContain('registered');
    const text = await h.http().get(`/households/${household.id}/export?format=text`).set(bearer(supervisor)).expect(200);
    expect(text.headers['content-type']).toContain('text/plain');
    expect(text.text).toContain('ما يحفظه نظام عودة عن عائلتكم');
    expect(text.text).toContain(household.members[0]?.fullNameAr);
    await h.http().get(`/households/${household.id}/export?format=pdf`).set(bearer(supervisor)).expect(400);
    await h.http().get(`/households/${household.id}/export`).set(bearer(caseworker)).expect(403);
    const audit: { outcome: string }[] = await db.query(`SELECT outcome FROM audit_log WHERE household_id = $1 AND endpoint = 'GET /households/:id/export'`, [household.id]);
    expect(audit.map((a) => a.outcome)).toContain('exported');
  });
});

describe('key rotation', () => {
  it('should re-wrap every data key with the new field key in resumable steps, under load, without re-encrypting any personal field', async () => {
    const households = await Promise.all(['ROT-1', 'ROT-2', 'ROT-3'].map((c) => register(c)));
    const fieldsBefore: { phone_encrypted: string }[] = await db.query(`SELECT phone_encrypted FROM households ORDER BY id`);
    const docsBefore: { number_encrypted: string }[] = await db.query(`SELECT number_encrypted FROM identity_documents ORDER BY id`);
    const during: View[] = [];
    const keys = `${DEV_FIELD_ENCRYPTION_KEYS},k2:${randomBytes(32).toString('base64')}`;
    const rotated: ServiceApp<RegistrationConfig> = await createServiceApp(
      registrationService,
      {
        NODE_ENV: 'test', DATABASE_URL: h.db.url, NATS_URL: h.broker.url, AWDA_NAMESPACE: h.broker.namespace, LOG_LEVEL: 'warn',
        FIELD_ENCRYPTION_KEYS: keys, FIELD_ENCRYPTION_ACTIVE_KEY: 'k2', RATE_LIMIT_SMS_PER_MINUTE: '100000',
      },
      { logger: false },
    );
    try {
      const http = () => request(rotated.app.getHttpServer());
      const start = (await http().get('/privacy/key-rotation').set(bearer(admin)).expect(200)).body as { total: number; remaining: number };
      expect(start.remaining).toBe(start.total);
      expect(start.total).toBeGreaterThanOrEqual(3);
      const first = (await http().post('/privacy/key-rotation').set(bearer(admin)).send({ batchSize: 2 }).expect(200)).body;
      expect(first).toMatchObject({ activeKeyId: 'k2', rewrapped: 2, remaining: start.total - 2 });
      const rest = (await http().post('/privacy/key-rotation').set(bearer(admin)).send({}).expect(200)).body;
      expect(rest).toMatchObject({ rewrapped: start.total - 2, remaining: 0 });
      await http().post('/privacy/key-rotation').set(bearer(admin)).send({ batchSize: 0 }).expect(400);
      // Under load: households registered meanwhile by a replica still on the old key are re-wrapped by the next calls.
      let left = 1;
      await Promise.all([
        (async () => {
          for (let i = 0; i < 6; i++) during.push(await register(`ROT-L${i}`));
        })(),
        (async () => {
          for (let i = 0; i < 6; i++) await http().post('/privacy/key-rotation').set(bearer(admin)).send({ batchSize: 1 }).expect(200);
        })(),
      ]);
      while (left > 0) left = ((await http().post('/privacy/key-rotation').set(bearer(admin)).send({}).expect(200)).body as { remaining: number }).remaining;
      households.push(...during);
      const ids: { key_id: string }[] = await db.query(`SELECT DISTINCT key_id FROM household_keys WHERE wrapped_key IS NOT NULL`);
      expect(ids).toEqual([{ key_id: 'k2' }]);
      expect(await db.query(`SELECT phone_encrypted FROM households WHERE id <> ALL($1::uuid[]) ORDER BY id`, [during.map((x) => x.id)])).toEqual(fieldsBefore);
      expect(await db.query(`SELECT number_encrypted FROM identity_documents WHERE household_id <> ALL($1::uuid[]) ORDER BY id`, [during.map((x) => x.id)])).toEqual(docsBefore);
      for (const x of households) {
        const view = (await http().get(`/households/${x.id}`).set(bearer(caseworker)).expect(200)).body as View;
        expect({ phone: view.phone, document: view.members[0]?.documents[0]?.number }).toEqual({ phone: x.phone, document: x.members[0]?.documents[0]?.number });
      }
    } finally {
      await rotated.app.close();
    }
  });
});

describe('data-key backfill', () => {
  const GUARDIAN_PHONE = '+963944777001';
  const GUARDIAN_NAME = 'سعاد يوسف الخطيب';
  const SEALED_NAME = 'محمود خالد العلي';

  /** Rewrites a registered household the way it was stored before data keys: field key, shelter and guardian in clear. */
  async function makeLegacy(view: View, fieldCipher: FieldCipher): Promise<void> {
    const id = view.id;
    await db.query(`DELETE FROM household_keys WHERE household_id = $1`, [id]);
    await db.query(`UPDATE households SET phone_encrypted = $2, shelter_location = $3 WHERE id = $1`, [id, fieldCipher.encrypt(view.phone ?? '', id), view.shelterLocation]);
    await db.query(`UPDATE identity_documents SET number_encrypted = $2 WHERE household_id = $1`, [id, fieldCipher.encrypt(view.members[0]?.documents[0]?.number ?? '', id)]);
    await db.query(`DELETE FROM household_timeline WHERE household_id = $1 AND detail ? 'sealed'`, [id]);
    await db.query(
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, detail) VALUES (gen_random_uuid(), $1, now(), 'changed', jsonb_build_object('sealed', $2::text))`,
      [id, fieldCipher.encrypt(JSON.stringify({ member: { fullNameAr: SEALED_NAME, fullNameLatin: null } }), id)],
    );
    await db.query(
      `INSERT INTO guardian_consents (id, household_id, basis, decision, decided_on, guardian_name, guardian_relationship, contact_phone_encrypted, recorded_by, recorded_by_role, recorded_at)
       VALUES (gen_random_uuid(), $1, 'guardian', 'consent', '2026-01-10', $2, 'aunt', $3, 'cw', 'caseworker', now())`,
      [id, GUARDIAN_NAME, fieldCipher.encrypt(GUARDIAN_PHONE, id)],
    );
  }

  async function stored(id: string): Promise<string[]> {
    const rows: { v: string }[] = await db.query(
      `SELECT phone_encrypted AS v FROM households WHERE id = $1 UNION ALL SELECT shelter_location FROM households WHERE id = $1
       UNION ALL SELECT number_encrypted FROM identity_documents WHERE household_id = $1
       UNION ALL SELECT guardian_name FROM guardian_consents WHERE household_id = $1
       UNION ALL SELECT contact_phone_encrypted FROM guardian_consents WHERE household_id = $1
       UNION ALL SELECT detail->>'sealed' FROM household_timeline WHERE household_id = $1 AND detail ? 'sealed'`,
      [id],
    );
    return rows.map((r) => r.v);
  }

  async function dataKeyOf(id: string, fieldCipher: FieldCipher): Promise<FieldCipher> {
    const rows: { wrapped_key: string }[] = await db.query(`SELECT wrapped_key FROM household_keys WHERE household_id = $1`, [id]);
    const key = Buffer.from(fieldCipher.decrypt(rows[0]?.wrapped_key ?? '', `household-key:${id}`), 'base64');
    return new FieldCipher({ keys: { household: key }, activeKeyId: 'household' });
  }

  it('should give a household written before data keys its own key, re-encrypt its values with it, and let erasure shred them', async () => {
    const fieldCipher = h.service.app.get(FieldCipher);
    const legacy = await register('BKF-1');
    const modern = await register('BKF-2');
    const modernBefore = await stored(modern.id);
    await makeLegacy(legacy, fieldCipher);
    const before = (await h.http().get('/privacy/key-backfill').set(bearer(admin)).expect(200)).body as { remaining: number; total: number };
    expect(before.remaining).toBeGreaterThanOrEqual(1);
    await h.http().get('/privacy/key-backfill').set(bearer(supervisor)).expect(403);
    await h.http().post('/privacy/key-backfill').set(bearer(admin)).send({ batchSize: 0 }).expect(400);
    // Legacy values are read as they are until the backfill.
    const legacyView = (await h.http().get(`/households/${legacy.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect({ phone: legacyView.phone, shelter: legacyView.shelterLocation }).toEqual({ phone: legacy.phone, shelter: legacy.shelterLocation });

    // Another replica holding the lock: this call does nothing.
    const other = db.createQueryRunner();
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('registration-key-backfill'))`);
      const busy = (await h.http().post('/privacy/key-backfill').set(bearer(admin)).send({}).expect(200)).body;
      expect(busy).toMatchObject({ ran: false, backfilled: 0, remaining: before.remaining });
      await other.query(`SELECT pg_advisory_unlock(hashtext('registration-key-backfill'))`);
    } finally {
      await other.release();
    }

    const first = (await h.http().post('/privacy/key-backfill').set(bearer(admin)).send({ batchSize: 1 }).expect(200)).body;
    expect(first).toMatchObject({ ran: true, backfilled: 1, remaining: before.remaining - 1 });
    let left = first.remaining as number;
    while (left > 0) left = ((await h.http().post('/privacy/key-backfill').set(bearer(admin)).send({}).expect(200)).body as { remaining: number }).remaining;
    const again = (await h.http().post('/privacy/key-backfill').set(bearer(admin)).send({}).expect(200)).body;
    expect(again).toMatchObject({ ran: true, backfilled: 0, remaining: 0 });

    const after = await stored(legacy.id);
    expect(after).toHaveLength(6);
    for (const value of after) expect(value.startsWith('v1.household.')).toBe(true);
    const own = await dataKeyOf(legacy.id, fieldCipher);
    const [phone, shelter, document, guardianName, guardianPhone, sealed] = after.map((v) => own.decrypt(v, legacy.id));
    expect({ phone, shelter, document, guardianName, guardianPhone }).toEqual({
      phone: legacy.phone, shelter: legacy.shelterLocation, document: legacy.members[0]?.documents[0]?.number, guardianName: GUARDIAN_NAME, guardianPhone: GUARDIAN_PHONE,
    });
    expect(JSON.parse(sealed ?? '{}')).toEqual({ member: { fullNameAr: SEALED_NAME, fullNameLatin: null } });
    // A household that had its key from the start is not touched.
    expect(await stored(modern.id)).toEqual(modernBefore);
    const read = (await h.http().get(`/households/${legacy.id}`).set(bearer(caseworker)).expect(200)).body as View;
    expect({ phone: read.phone, shelter: read.shelterLocation, document: read.members[0]?.documents[0]?.number }).toEqual({
      phone: legacy.phone, shelter: legacy.shelterLocation, document: legacy.members[0]?.documents[0]?.number,
    });

    await h.http().post(`/households/${legacy.id}/erasure`).set(bearer(admin)).send({ reason: 'Backfill test: subject asked for deletion' }).expect(200);
    const keyRows: { wrapped_key: string | null }[] = await db.query(`SELECT wrapped_key FROM household_keys WHERE household_id = $1`, [legacy.id]);
    expect(keyRows).toEqual([{ wrapped_key: null }]);
    // Copies of the ciphertexts made before the erasure (a backup, say) no longer open: the field key cannot, and the data key is gone.
    for (const value of after) expect(() => fieldCipher.decrypt(value, legacy.id)).toThrow();
    await h.http().get(`/households/${legacy.id}`).set(bearer(caseworker)).expect(410);
  });
});
