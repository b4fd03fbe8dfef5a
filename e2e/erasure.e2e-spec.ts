// Erasure that reaches every copy (issue 19, done-when). A household goes through its journey —
// registered, consent, eligible, scheduled, its scheduled SMS sent — with a second household alongside
// that is not erased. Then an administrator erases the first. Every table of every schema of the
// database (each row as text), every message on the event stream, every log line of the four service
// processes and the dev SMS files are scanned for its plaintext values (names, phone in E.164 and local
// form, document numbers, shelter) and for the ciphertexts and wrapped key it had: none are left, while
// the second household's are still found (the scan can fail). Counts stay as they were.
// Run: npm run build && NODE_OPTIONS=--experimental-vm-modules npx jest e2e/erasure --selectProjects e2e --runInBand
import { randomUUID } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { FieldCipher } from '@awda/auth';
import { DEV_FIELD_ENCRYPTION_ACTIVE_KEY, DEV_FIELD_ENCRYPTION_KEYS } from '@awda/config';
import { eventStreamName } from '@awda/messaging';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem, api, tokenFor } from './harness.js';
import { Journey, localDate, urlsOf, type MessageView, type Registered } from './journey.js';
import { PersonalDataScanner, type Finding } from './security-scan.js';

const CAMP = 'erasure-camp';
const TABQA = 'SY110200';
const fieldCipher = FieldCipher.fromConfig(DEV_FIELD_ENCRYPTION_KEYS, DEV_FIELD_ENCRYPTION_ACTIVE_KEY);

let system: AwdaSystem;
let journey: Journey;
let db: pg.Client;

/** Two households with a phone, an adult and a document each, distinct in every personal value. */
function families(): [GeneratedHousehold, GeneratedHousehold] {
  const found: GeneratedHousehold[] = [];
  for (const h of generateHouseholds('erasure', 200, { destinationAreas: [TABQA], campId: CAMP })) {
    const adults = h.members.filter((m) => m.dateOfBirth < localDate(-20 * 366));
    const fine = h.phone !== null && adults.length > 0 && h.members.some((m) => m.document !== null) && h.members.every((m) => !m.needs.includes('SMC'));
    if (fine && !found.some((f) => f.phone === h.phone)) found.push({ ...h, caseNumber: `ERA-${found.length + 1}-${randomUUID().slice(0, 6)}` });
    if (found.length === 2) return [found[0]!, found[1]!];
  }
  throw new Error('no suitable generated families');
}

const shelterOf = (h: GeneratedHousehold): string => `Sector ${h.caseNumber.slice(-6)}, tent ${h.members.length}`;

function scannerFor(h: GeneratedHousehold): PersonalDataScanner {
  const scanner = new PersonalDataScanner();
  scanner.addHousehold(h);
  scanner.addShelter(shelterOf(h));
  return scanner;
}

/** Every row of every table of every schema of the test database, as text (all column types at once). */
async function databaseRows(): Promise<{ where: string; text: string }[]> {
  const tables = await db.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out: { where: string; text: string }[] = [];
  for (const t of tables.rows) {
    const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${t.table_schema}"."${t.table_name}" t`);
    out.push({ where: `${t.table_schema}.${t.table_name}`, text: rows.rows.map((r) => r.row).join('\n') });
  }
  return out;
}

/** Every message of the namespace's event stream, via an ordered consumer. */
async function streamMessages(): Promise<{ where: string; text: string }[]> {
  const nc = await connect({ servers: system.natsUrl });
  try {
    const consumer = await jetstream(nc).consumers.get(eventStreamName(system.namespace));
    const out: { where: string; text: string }[] = [];
    let pending = (await consumer.info(true)).num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 1000), expires: 2000 });
      let got = 0;
      for await (const msg of batch) {
        got += 1;
        out.push({ where: `event ${msg.subject} #${msg.seq}`, text: msg.string() });
      }
      if (got === 0) break;
      pending -= got;
    }
    return out;
  } finally {
    await nc.close();
  }
}

async function smsFiles(): Promise<{ where: string; text: string }[]> {
  const files = await readdir(system.smsDir).catch(() => [] as string[]);
  return Promise.all(files.map(async (f) => ({ where: `sms file ${f}`, text: await readFile(join(system.smsDir, f), 'utf8') })));
}

async function everything(): Promise<{ where: string; text: string }[]> {
  return [...(await databaseRows()), ...(await streamMessages()), { where: 'service logs', text: system.logs() }, ...(await smsFiles())];
}

function findings(scanner: PersonalDataScanner, sources: { where: string; text: string }[]): string[] {
  const found: Finding[] = sources.flatMap((s) => scanner.scan(s.text, s.where));
  return found.map((f) => `${f.kind} ${f.needle} in ${f.where}: …${f.excerpt}…`);
}

beforeAll(async () => {
  system = await AwdaSystem.start({ extraEnv: { SMS_QUIET_START: '00:00', SMS_QUIET_END: '00:00' } });
  journey = await Journey.create(urlsOf(system), CAMP);
  db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
}, 240_000);

afterAll(async () => {
  if (process.env['AWDA_E2E_LOGS']) await writeFile(process.env['AWDA_E2E_LOGS'], system?.logs() ?? '');
  await db?.end();
  await system?.stop();
});

describe('erasing a household after its journey', () => {
  const [target, bystander] = families();
  let erased: Registered;
  let kept: Registered;
  let convoyId = '';
  let before: { wrappedKey: string; ciphertexts: string[]; households: number; assessments: Record<string, number>; messages: MessageView[] };

  it('should carry both families to a sent scheduled SMS', async () => {
    erased = await journey.register(target, { shelterLocation: shelterOf(target) });
    kept = await journey.register(bystander, { shelterLocation: shelterOf(bystander) });
    for (const family of [erased, kept]) {
      const outcome = await journey.consentAll(family);
      await journey.waitForAssessment(family.id, outcome?.version ?? 1, (a) => a.status === 'eligible');
    }
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 1, seats: 45, cargoTrucks: 2, ambulances: 0 }, [tomorrow], 'ERA');
    await journey.waitForPool([erased.id, kept.id]);
    const proposal = await journey.propose({ campId: CAMP, departureDate: tomorrow, departureTime: '09:00', assemblyPoint: 'Gate 2' });
    const committed = await journey.commit(proposal.planId);
    for (const convoy of committed.convoys) await journey.confirm(convoy.convoyId);
    convoyId = committed.convoys[0]?.convoyId ?? '';
    const sent = (messages: MessageView[]) => messages.some((m) => m.template === 'scheduled' && !['queued', 'sending'].includes(m.status));
    for (const family of [erased, kept]) await journey.waitForMessages(family.id, sent, 60_000);
  }, 180_000);

  it('should find both families in the database, the stream and the SMS before the erasure (the scan works)', async () => {
    // A boarding officer's free-text note on a no-show, naming the head: transport's copy of personal data.
    const head = target.members.find((m) => m.relationship === 'head') ?? target.members[0]!;
    await journey.noShow(convoyId, erased.id, `${head.fullNameLatin} came too late`);
    const sources = await everything();
    const ofTarget = findings(scannerFor(target), sources);
    expect(ofTarget.some((f) => f.includes('registration.members'))).toBe(true);
    expect(ofTarget.some((f) => f.includes('transport.assignments'))).toBe(true);
    expect(ofTarget.some((f) => f.startsWith('phone hash'))).toBe(true);
    const keys = await db.query<{ wrapped_key: string; key_id: string }>(
      `SELECT wrapped_key, key_id FROM registration.household_keys WHERE household_id = $1`,
      [erased.id],
    );
    expect(keys.rows[0]?.key_id).toBe(DEV_FIELD_ENCRYPTION_ACTIVE_KEY);
    const ciphertexts = await db.query<{ c: string }>(
      `SELECT phone_encrypted AS c FROM registration.households WHERE id = $1
       UNION ALL SELECT number_encrypted FROM registration.identity_documents WHERE household_id = $1
       UNION ALL SELECT shelter_location FROM registration.households WHERE id = $1
       UNION ALL SELECT phone_encrypted FROM notifications.recipients WHERE household_id = $1`,
      [erased.id],
    );
    const stream = (await streamMessages()).flatMap((m) => {
      const data = (JSON.parse(m.text) as { data?: { householdId?: string; phoneEncrypted?: string | null } }).data;
      return data?.householdId === erased.id && typeof data.phoneEncrypted === 'string' ? [data.phoneEncrypted] : [];
    });
    expect(stream.length).toBeGreaterThan(0);
    // The stored values are under the household's own key; the copies sent to notifications under the field key.
    const stored = ciphertexts.rows.map((r) => r.c).filter((c): c is string => c !== null);
    expect(stored.filter((c) => c.startsWith('v1.household.')).length).toBeGreaterThanOrEqual(3);
    expect(fieldCipher.decrypt(stream[0]!, erased.id)).toBe(target.phone);
    const assessments = (await journey.assessments()).counts;
    before = {
      wrappedKey: keys.rows[0]?.wrapped_key ?? '',
      ciphertexts: [...stored, ...stream],
      households: await journey.householdCount(),
      assessments,
      messages: await journey.messages(erased.id),
    };
  });

  it('should let only an administrator erase, with a reason', async () => {
    const path = `${system.url('registration')}/households/${erased.id}/erasure`;
    const caseworker = await api('POST', path, await tokenFor(['caseworker'], [CAMP]), { reason: 'Family asked for deletion' });
    expect(caseworker.status).toBe(403);
    const supervisor = await api('POST', path, await tokenFor(['supervisor'], [CAMP]), { reason: 'Family asked for deletion' });
    expect(supervisor.status).toBe(403);
    const admin = await tokenFor(['admin'], [CAMP], 'admin-erasure');
    const noReason = await api<{ errors: { field: string }[] }>('POST', path, admin, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e) => e.field)).toEqual(['reason']);
    const unknown = await api('POST', path, admin, { reason: 'Family asked for deletion', names: true });
    expect(unknown.status).toBe(400);
    const done = await api<{ householdId: string; erasedBy: string; source: string }>('POST', path, admin, { reason: 'Family asked for deletion' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ householdId: erased.id, erasedBy: 'admin-erasure', source: 'request' });
    const again = await api<{ code: string }>('POST', path, admin, { reason: 'Family asked for deletion' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REGISTRATION.ALREADY_ERASED');
    const audit = await db.query(`SELECT erased_by, reason, source FROM registration.erasures WHERE household_id = $1`, [erased.id]);
    expect(audit.rows).toEqual([{ erased_by: 'admin-erasure', reason: 'Family asked for deletion', source: 'request' }]);
  });

  it('should leave none of its plaintext, ciphertexts or key anywhere, and the other family untouched', async () => {
    // Notifications and transport drop their copies and registration scrubs the stream once household.erased reaches them.
    await waitFor('notifications to drop the erased phone', async () => {
      const rows = await db.query(`SELECT 1 FROM notifications.recipients WHERE household_id = $1 AND erased_at IS NOT NULL AND phone_encrypted IS NULL`, [erased.id]);
      return rows.rowCount === 1;
    }, { timeoutMs: 30_000 });
    await waitFor("transport to drop the no-show note", async () => {
      const rows = await db.query(`SELECT 1 FROM transport.assignments WHERE household_id = $1 AND no_show AND release_reason <> 'no_show'`, [erased.id]);
      return rows.rowCount === 0;
    }, { timeoutMs: 30_000 });
    await waitFor('the stream to lose the erased contact events', async () => {
      const left = (await streamMessages()).filter((m) => before.ciphertexts.some((c) => m.text.includes(c)));
      return left.length === 0;
    }, { timeoutMs: 30_000, intervalMs: 500 });
    const sources = await everything();
    expect(findings(scannerFor(target), sources)).toEqual([]);
    const secrets = [before.wrappedKey, ...before.ciphertexts];
    expect(sources.flatMap((s) => secrets.filter((c) => s.text.includes(c)).map(() => s.where))).toEqual([]);
    // The other family is still all there.
    const ofBystander = findings(scannerFor(bystander), sources);
    expect(ofBystander.some((f) => f.includes('registration.members'))).toBe(true);
    expect((await journey.household(kept.id)).members.map((m) => m.fullNameAr)).toEqual(bystander.members.map((m) => m.fullNameAr));
  });

  it('should make its old ciphertexts undecryptable with every key the system still holds', async () => {
    const keys = await db.query(`SELECT wrapped_key, key_id, erased_at FROM registration.household_keys WHERE household_id = $1`, [erased.id]);
    expect(keys.rows).toEqual([{ wrapped_key: null, key_id: null, erased_at: expect.any(Date) }]);
    for (const c of before.ciphertexts.filter((c) => c.startsWith('v1.household.'))) {
      expect(() => fieldCipher.decrypt(c, erased.id)).toThrow();
    }
  });

  it('should keep the counts and refuse to show the erased household', async () => {
    expect(await journey.householdCount()).toBe(before.households);
    expect((await journey.assessments()).counts).toEqual(before.assessments);
    // Every message is still counted (a late event may add one, never to a phone: there is none).
    const messages = new Map((await journey.messages(erased.id)).map((m) => [m.id, m.template]));
    expect(before.messages.filter((m) => messages.get(m.id) !== m.template)).toEqual([]);
    const read = await api<{ code: string }>('GET', `${system.url('registration')}/households/${erased.id}`, await tokenFor(['caseworker'], [CAMP]));
    expect(read.status).toBe(410);
    expect(read.body.code).toBe('REGISTRATION.HOUSEHOLD_ERASED');
  });
});
