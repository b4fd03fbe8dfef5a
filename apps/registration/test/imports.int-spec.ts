// Bulk import on the real PostgreSQL + NATS: events per household, re-import, changed file, dry run,
// per-row errors, imports interrupted by a dead process, and the Idempotency-Key of an upload.
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { FieldCipher } from '@awda/auth';
import { createServiceApp } from '@awda/bootstrap';
import { CONTACT_CHANGED_V1, HOUSEHOLD_REGISTERED_V1, HOUSEHOLD_UPDATED_V1, type EventEnvelope } from '@awda/contracts';
import { eventStreamName, wireSubject } from '@awda/messaging';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { HouseholdsRepository } from '../src/households/households.repository.js';
import { householdSnapshot } from '../src/households/household-snapshot.js';
import { INTERRUPTED_IMPORT, type ImportView } from '../src/imports/imports.service.js';
import { registrationService } from '../src/registration.definition.js';
import { bearer, newKey, startHarness, token, type Harness } from './harness.js';

/** What GET /imports/:id answers. */
type ImportResult = ImportView;
type Envelope = EventEnvelope<Record<string, unknown>>;

const HEADER = 'household_key,destination_area,language,phone,full_name_ar,full_name_latin,sex,date_of_birth,relationship,document_type,document_number,needs';
const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csvOf(households: GeneratedHousehold[]): string {
  const lines = [HEADER];
  for (const h of households) {
    h.members.forEach((m, i) => {
      lines.push([
        h.caseNumber, i === 0 ? h.destinationArea : '', i === 0 ? h.language : '', i === 0 ? (h.phone ?? '') : '',
        m.fullNameAr, m.fullNameLatin, m.sex, m.dateOfBirth, m.relationship, m.document?.type ?? '', m.document?.number ?? '',
        m.needs.join(';'),
      ].map(cell).join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

let h: Harness;
let caseworker: string;
let db: DataSource;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-import');
  db = h.service.app.get(DataSource);
});

afterAll(async () => {
  await h?.close();
});

async function runImport(csv: string, dryRun = false): Promise<ImportResult> {
  const res = await h.http().post('/imports').query({ campId: 'mahmoudli', format: 'csv', dryRun: String(dryRun) })
    .set(bearer(caseworker)).set('Content-Type', 'application/octet-stream').send(Buffer.from(csv)).expect(202);
  const id = (res.body as { id: string }).id;
  return waitFor('the import to finish', async () => {
    const view = await h.http().get(`/imports/${id}`).set(bearer(caseworker)).expect(200);
    const body = view.body as ImportResult;
    return body.status === 'completed' || body.status === 'failed' ? body : undefined;
  }, { timeoutMs: 60_000 });
}

/** Every registration event in the stream, once the outbox has published everything committed. */
async function allEvents(): Promise<Envelope[]> {
  await waitFor('the outbox to be published', async () => {
    const rows: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return rows[0]?.n === 0;
  });
  const js = jetstream(h.broker.nc);
  const consumer = await js.consumers.get(eventStreamName(h.broker.namespace), { filter_subjects: wireSubject(h.broker.namespace, 'awda.registration.>') });
  let pending = (await consumer.info(true)).num_pending;
  const events: Envelope[] = [];
  while (pending > 0) {
    let got = 0;
    for await (const msg of await consumer.fetch({ max_messages: Math.min(pending, 1000), expires: 1000 })) {
      got += 1;
      events.push(msg.json<Envelope>());
    }
    if (got === 0) break;
    pending -= got;
  }
  return events;
}

function householdOf(event: Envelope): string | undefined {
  const data = event.data as { householdId?: string; household?: { householdId?: string } };
  return data.householdId ?? data.household?.householdId;
}

async function idsByCase(): Promise<Map<string, string>> {
  const rows: { id: string; case_number: string }[] = await db.query(`SELECT id, case_number FROM households WHERE camp_id = 'mahmoudli'`);
  return new Map(rows.map((r) => [r.case_number, r.id]));
}

async function currentSnapshot(id: string) {
  const store = h.service.app.get(HouseholdsRepository);
  const record = await store.find(db.manager, id);
  if (record === undefined) throw new Error(`no household ${id}`);
  return householdSnapshot(await store.aggregate(db.manager, record), 18);
}

describe('bulk import of new, known and changed households', () => {
  const generated = generateHouseholds('import-int-spec', 8, { destinationAreas: ['SY110000', 'SY090000'], campId: 'mahmoudli' });
  // The sixth family gave the second family's phone: a possible duplicate inside one batch.
  const families: GeneratedHousehold[] = generated.map((g, i) => ({ ...g, caseNumber: `IMPX-${i + 1}`, phone: i === 5 ? generated[1]?.phone ?? null : g.phone }));
  const file = csvOf(families);

  it('should register each new household with exactly the events the one-by-one path sent', async () => {
    const before = (await allEvents()).length;
    const result = await runImport(file);
    expect(result).toMatchObject({ status: 'completed', householdsCreated: 8, householdsUpdated: 0, householdsUnchanged: 0, rowsFailed: 0 });
    const ids = await idsByCase();
    const events = (await allEvents()).slice(before);
    const cipher = h.service.app.get(FieldCipher);
    const second = ids.get('IMPX-2') ?? '';
    const sixth = ids.get('IMPX-6') ?? '';

    // The one candidate: the later household names the earlier one, as when registered one at a time.
    const candidates: { household_id: string; other_household_id: string; reasons: string[] }[] =
      await db.query(`SELECT household_id, other_household_id, reasons FROM duplicate_candidates`);
    expect(candidates).toEqual([{ household_id: sixth, other_household_id: second, reasons: ['same phone number'] }]);

    for (const family of families) {
      const id = ids.get(family.caseNumber) ?? '';
      const mine = events.filter((e) => householdOf(e) === id);
      const expected = id === second ? [CONTACT_CHANGED_V1, HOUSEHOLD_REGISTERED_V1, HOUSEHOLD_UPDATED_V1] : [CONTACT_CHANGED_V1, HOUSEHOLD_REGISTERED_V1];
      expect(mine.map((e) => e.type)).toEqual(expected);
      const contact = mine[0]?.data as { phoneEncrypted: string | null; version: number; caseNumber: string; language: string; campId: string };
      expect(contact).toMatchObject({ householdId: id, version: 1, caseNumber: family.caseNumber, language: family.language, campId: 'mahmoudli' });
      expect(contact.phoneEncrypted === null ? null : cipher.decrypt(contact.phoneEncrypted, id)).toBe(family.phone);
      const current = await currentSnapshot(id);
      const registered = (mine[1]?.data as { household: unknown }).household;
      if (id === second) {
        // Registered first without a duplicate, then updated when the sixth family named it.
        expect(registered).toEqual({ ...current, version: 1, unresolvedDuplicates: 0 });
        expect(mine[2]?.data).toEqual({ household: current, changes: ['duplicates'] });
        expect(current).toMatchObject({ version: 2, unresolvedDuplicates: 1 });
      } else {
        expect(registered).toEqual(current);
        expect(current).toMatchObject({ version: 1, unresolvedDuplicates: id === sixth ? 1 : 0, members: expect.any(Array) });
      }
      expect((registered as { members: unknown[] }).members).toHaveLength(family.members.length);
    }
    // Nothing else was sent, and each household has its one timeline row of the import.
    expect(events.filter((e) => !ids.has(((e.data as { household?: { caseNumber?: string }; caseNumber?: string }).household?.caseNumber ?? (e.data as { caseNumber?: string }).caseNumber) ?? ''))).toEqual([]);
    const timeline: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM household_timeline WHERE kind = 'registered' AND detail ? 'importId'`);
    expect(timeline[0]?.n).toBe(8);
  });

  it('should leave every household unchanged and send nothing when the same file comes again', async () => {
    const before = (await allEvents()).length;
    const again = await runImport(file);
    expect(again).toMatchObject({ status: 'completed', householdsCreated: 0, householdsUpdated: 0, householdsUnchanged: 8, rowsFailed: 0 });
    expect((await allEvents()).length).toBe(before);
    expect((await idsByCase()).size).toBe(8);
  });

  it('should update the households whose rows changed, and only those', async () => {
    const ids = await idsByCase();
    const changed = families.map((f, i) => {
      if (i === 0) return { ...f, phone: '+963944000111' };
      if (i === 2) {
        const child = { ...f.members[f.members.length - 1], memberId: uuidv7(), fullNameAr: 'سلمى خالد العمر', fullNameLatin: 'Salma Khaled al-Omar', sex: 'female' as const, dateOfBirth: '2019-02-03', relationship: 'daughter' as const, needs: [], document: null } as GeneratedHousehold['members'][number];
        return { ...f, members: [...f.members, child] };
      }
      return f;
    });
    const before = (await allEvents()).length;
    const result = await runImport(csvOf(changed));
    expect(result).toMatchObject({ status: 'completed', householdsCreated: 0, householdsUpdated: 2, householdsUnchanged: 6, rowsFailed: 0 });
    const events = (await allEvents()).slice(before);
    const first = ids.get('IMPX-1') ?? '';
    const third = ids.get('IMPX-3') ?? '';
    expect(events.filter((e) => householdOf(e) === first).map((e) => e.type)).toEqual([CONTACT_CHANGED_V1, HOUSEHOLD_UPDATED_V1]);
    expect(events.filter((e) => householdOf(e) === third).map((e) => e.type)).toEqual([HOUSEHOLD_UPDATED_V1]);
    expect(events.every((e) => householdOf(e) === first || householdOf(e) === third)).toBe(true);
    const cipher = h.service.app.get(FieldCipher);
    const contact = events.find((e) => e.type === CONTACT_CHANGED_V1)?.data as { phoneEncrypted: string };
    expect(cipher.decrypt(contact.phoneEncrypted, first)).toBe('+963944000111');
    expect((await currentSnapshot(third)).members).toHaveLength((families[2]?.members.length ?? 0) + 1);
  });
});

describe('dry run and per-row errors', () => {
  it('should report what would happen and every bad row by number, writing nothing', async () => {
    const [good] = generateHouseholds('import-int-dry', 1, { destinationAreas: ['SY110000'], campId: 'mahmoudli' });
    const valid = csvOf([{ ...(good as GeneratedHousehold), caseNumber: 'DRY-1' }]).split('\n').slice(1).filter(Boolean);
    const file = [
      HEADER,
      ...valid, // rows 2..(1 + members)
      'DRY-2,SY999999,ar,,جميل سالم,,male,1990-01-01,head,,,',
      'DRY-3,SY110000,ar,,Latin Only,,x,1990-01-01,head,,,',
      ',SY110000,ar,,وليد حسن,,male,1990-01-01,head,,,',
      'DRY-4,SY110000,ar,,نادر كريم,,male,1980-01-01,head,,,',
      'DRY-4,,,,زياد نادر,,male,1982-01-01,head,,,',
      'DRY-5,SY110000,ar,,سامر بشير,,male,1980-01-01,head,,,',
      'DRY-6,SY110000,ar,,حمزة وليد,,male,1980-01-01,head,,,',
      'DRY-5,,,,منى سامر,,female,1985-01-01,spouse,,,',
    ].join('\n');
    const n = valid.length + 1; // the last row of DRY-1
    const count = async () => (await db.query(
      `SELECT (SELECT count(*)::int FROM households) AS h, (SELECT count(*)::int FROM members) AS m, (SELECT count(*)::int FROM outbox) AS o,
              (SELECT count(*)::int FROM household_timeline) AS t, (SELECT count(*)::int FROM duplicate_candidates) AS d`,
    ) as unknown[])[0];
    const before = await count();
    const dry = await runImport(file, true);
    expect(dry).toMatchObject({ status: 'completed', rowsRead: n - 1 + 8, householdsCreated: 3 });
    expect(await count()).toEqual(before);
    expect(dry.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: n + 1, field: 'destination_area' }),
      expect.objectContaining({ row: n + 2, field: 'full_name_ar' }),
      expect.objectContaining({ row: n + 2, field: 'sex' }),
      expect.objectContaining({ row: n + 3, field: 'household_key' }),
      expect.objectContaining({ row: n + 4, field: 'relationship', message: expect.stringMatching(/2 heads/) }),
      expect.objectContaining({ row: n + 8, field: 'household_key', message: expect.stringMatching(/next to each other/) }),
    ]));
    expect(dry.rowsFailed).toBe(5);
  });
});

describe('imports interrupted by a dead process', () => {
  it('should mark failed on start what a dead process left queued or running, and leave a live one alone', async () => {
    const dead = [uuidv7(), uuidv7()];
    const live = uuidv7();
    for (const [id, status] of [[dead[0], 'queued'], [dead[1], 'running'], [live, 'running']]) {
      await db.query(`INSERT INTO imports (id, camp_id, file_name, format, dry_run, status, started_by) VALUES ($1, 'mahmoudli', 'x.csv', 'csv', false, $2, 'cw-import')`, [id, status]);
    }
    // Another process still running `live`: it holds the import's lock on a connection of its own.
    const other = new pg.Client({ connectionString: h.db.url });
    await other.connect();
    await other.query(`SELECT pg_advisory_lock(hashtextextended($1::text, 0))`, [live]);
    const restarted = await createServiceApp(
      registrationService,
      { NODE_ENV: 'test', DATABASE_URL: h.db.url, NATS_URL: h.broker.url, AWDA_NAMESPACE: h.broker.namespace, LOG_LEVEL: 'warn' },
      { logger: false },
    );
    try {
      const rows: { id: string; status: string; failure: string | null; finished: boolean }[] = await db.query(
        `SELECT id, status, failure, finished_at IS NOT NULL AS finished FROM imports WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [[...dead, live]],
      );
      expect(rows).toEqual([
        { id: dead[0], status: 'failed', failure: INTERRUPTED_IMPORT, finished: true },
        { id: dead[1], status: 'failed', failure: INTERRUPTED_IMPORT, finished: true },
        { id: live, status: 'running', failure: null, finished: false },
      ]);
      const view = await h.http().get(`/imports/${dead[1]}`).set(bearer(caseworker)).expect(200);
      expect(view.body).toMatchObject({ status: 'failed', failure: expect.stringMatching(/^interrupted: .*upload the same file again/) });
    } finally {
      await restarted.app.close();
      await other.end();
    }
  });
});

describe('Idempotency-Key of an upload', () => {
  // Dry runs of one household: each test's tag is in its file, so its temporary copy can be found
  // (unique per run: other runs on this machine share the temporary directory).
  const run = uuidv7().slice(-12);
  const fileOf = (tag: string) => Buffer.from(`${HEADER}\n${tag}-${run},SY110000,ar,,جميل سالم,,male,1990-01-01,head,,,\n`);
  const query = (fileName: string) => ({ campId: 'mahmoudli', format: 'csv', dryRun: 'true', fileName });
  const post = (fileName: string, key: string) =>
    h.http().post('/imports').query(query(fileName)).set(bearer(caseworker)).set('Content-Type', 'application/octet-stream').set('Idempotency-Key', key);
  const upload = (fileName: string, key: string, file: Buffer) => post(fileName, key).send(file);

  async function importsNamed(fileName: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM imports WHERE file_name = $1`, [fileName]);
    return rows.map((r) => r.id);
  }

  async function claimOf(key: string): Promise<unknown[]> {
    return db.query(`SELECT status_code FROM idempotency_keys WHERE key = $1`, [key]);
  }

  /** The service's temporary copies of this run's uploads whose bytes so far hold the tag. */
  async function temporaryCopies(tag: string): Promise<string[]> {
    const dirs = (await readdir(tmpdir())).filter((d) => d.startsWith('awda-import-'));
    const copies: string[] = [];
    for (const dir of dirs) {
      const text = await readFile(join(tmpdir(), dir, 'upload.csv'), 'utf8').catch(() => '');
      if (text.includes(`${tag}-${run}`)) copies.push(dir);
    }
    return copies;
  }

  async function finished(id: string, tag: string): Promise<void> {
    await waitFor(`import ${id} to finish`, async () => {
      const view = await h.http().get(`/imports/${id}`).set(bearer(caseworker)).expect(200);
      return (view.body as ImportResult).status === 'completed';
    });
    await waitFor(`the temporary copies of ${tag} to be removed`, async () => (await temporaryCopies(tag)).length === 0);
  }

  it('should replay the first answer to a retry whose answer was lost, importing the file once', async () => {
    const key = newKey();
    const file = fileOf('IDEM-1');
    const first = await upload('idem-1.csv', key, file).expect(202);
    const retry = await upload('idem-1.csv', key, file).expect(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.body).toMatchObject({ status: 'queued', fileName: 'idem-1.csv', dryRun: true, rowsTotal: 1, rowsRead: 0, errors: [] });
    expect(retry.body).toEqual(first.body);
    expect(await importsNamed('idem-1.csv')).toEqual([(first.body as ImportResult).id]);
    expect(await claimOf(key)).toEqual([{ status_code: 202 }]);
    await finished((first.body as ImportResult).id, 'IDEM-1');
  });

  it('should refuse the same key with another file, importing nothing more', async () => {
    const key = newKey();
    const first = await upload('idem-2.csv', key, fileOf('IDEM-2A')).expect(202);
    const other = await upload('idem-2.csv', key, fileOf('IDEM-2B')).expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await importsNamed('idem-2.csv')).toEqual([(first.body as ImportResult).id]);
    expect(await temporaryCopies('IDEM-2B')).toEqual([]);
    await finished((first.body as ImportResult).id, 'IDEM-2A');
  });

  it('should not claim the key while the upload is still arriving, so a retry made meanwhile imports the file once', async () => {
    const key = newKey();
    const file = fileOf('IDEM-3');
    // A slow connection: the first part of the file is sent, the rest is held back.
    const slow = post('idem-3.csv', key);
    slow.write(file.subarray(0, file.length - 10));
    await waitFor('the slow upload to be arriving', async () => (await temporaryCopies('IDEM-3')).length > 0);
    expect(await claimOf(key)).toEqual([]);
    // The client gave up on it and retried: the retry runs in full, nothing waits for the slow one.
    const retry = await upload('idem-3.csv', key, file).expect(202);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    slow.write(file.subarray(file.length - 10));
    const first = await slow.expect(202);
    expect(first.headers['idempotent-replayed']).toBe('true');
    expect(first.body).toEqual(retry.body);
    expect(await importsNamed('idem-3.csv')).toEqual([(retry.body as ImportResult).id]);
    await finished((retry.body as ImportResult).id, 'IDEM-3');
  });

  it('should import once when uploads with the same key arrive together', async () => {
    const key = newKey();
    const file = fileOf('IDEM-4');
    const answers = await Promise.all([1, 2, 3].map(() => upload('idem-4.csv', key, file)));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const ids = [...new Set(answers.map((a) => (a.body as ImportResult).id))];
    expect(ids).toHaveLength(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await importsNamed('idem-4.csv')).toEqual(ids);
    await finished(ids[0] ?? '', 'IDEM-4');
  });

  it('should leave no claim, import or temporary copy when the transaction fails, so a retry with the key runs', async () => {
    const key = newKey();
    const file = fileOf('IDEM-5');
    await db.query(`CREATE FUNCTION refuse_idem_5() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.file_name = 'idem-5.csv' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_idem_5 BEFORE INSERT ON imports FOR EACH ROW EXECUTE FUNCTION refuse_idem_5()`);
    try {
      await upload('idem-5.csv', key, file).expect(500);
    } finally {
      await db.query(`DROP TRIGGER refuse_idem_5 ON imports`);
      await db.query(`DROP FUNCTION refuse_idem_5()`);
    }
    expect(await claimOf(key)).toEqual([]);
    expect(await importsNamed('idem-5.csv')).toEqual([]);
    expect(await temporaryCopies('IDEM-5')).toEqual([]);
    const retry = await upload('idem-5.csv', key, file).expect(202);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await importsNamed('idem-5.csv')).toEqual([(retry.body as ImportResult).id]);
    await finished((retry.body as ImportResult).id, 'IDEM-5');
  });
});
