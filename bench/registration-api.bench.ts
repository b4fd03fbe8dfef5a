// POST /households through the whole HTTP stack (auth, validation, duplicate check, outbox) at 50
// and 200 concurrent clients, against raw PostgreSQL transactions of a business row + an outbox
// row (8 connections) measured in the same run.
//
// Trust: a fixed number of requests per level, each answered and its status counted (no cut-off at
// the end of a duration), and the households the run claims were created are counted in the database. The database is seeded first (BENCH_API_SEED households, straight SQL with the same
// name keys) so that the duplicate check meets a camp of realistic size, not an empty table.
// BENCH_API_CPU_PROF=<dir> writes a V8 CPU profile of the registration process there.
// BENCH_API_PG_STATS=1 reads pg_stat_statements (the server must preload it) for the POST levels only
// (reset after seeding, read before the consents): the top statements by total time, printed and kept
// in the report's `extra`. BENCH_API_DATABASE_URL=<url> runs on a database made beforehand and keeps it
// (for EXPLAIN (ANALYZE, BUFFERS) of those statements afterwards).
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { blockingKeys } from '@awda/names';
import { createRng, generateHousehold } from '@awda/testing';
import { AwdaSystem, tokenFor } from '../e2e/harness.js';
import { measurePg } from './lib/raw-baselines.js';
import { machine, writeReport, type BenchFigure } from './lib/report.js';

// A fixed number of requests per level, not a duration: every request sent is answered and counted
// (a duration cuts off the slowest answers, which are the ones the p99 is about).
const REQUESTS: Record<number, number> = {
  50: Number(process.env['BENCH_API_REQUESTS_50'] ?? 1000),
  200: Number(process.env['BENCH_API_REQUESTS_200'] ?? 2000),
};
// 200 clients at zero think time cannot see a p99 under 50 ms unless the service answers 4,000
// households/s (Little's law: 200 / 0.05 s), above even the raw baseline on 2 cores; so latency is also
// measured at an offered rate, 200 clients sending this many households/s in all.
const OPEN_RATE = Number(process.env['BENCH_API_OPEN_RATE'] ?? 100);
const OPEN_SECONDS = Number(process.env['BENCH_API_OPEN_SECONDS'] ?? 30);
const CASE_WORKERS = Number(process.env['BENCH_API_CASE_WORKERS'] ?? 50);
const SEED_HOUSEHOLDS = Number(process.env['BENCH_API_SEED'] ?? 5000);
const CPU_PROF_DIR = process.env['BENCH_API_CPU_PROF'];
const PG_STATS = process.env['BENCH_API_PG_STATS'] === '1';
const DATABASE_URL = process.env['BENCH_API_DATABASE_URL'];
// Codes from apps/registration/data/areas.csv (SY020000 is not in it: every household sent there was a 422).
const AREAS = ['SY110000', 'SY110100', 'SY090000', 'SY020100'];
const rng = createRng('registration-api-bench');
let sequence = 0;

function householdBody(): string {
  sequence++;
  const h = generateHousehold(rng, { destinationAreas: AREAS, campId: 'mahmoudli', sequence });
  return JSON.stringify({
    campId: 'mahmoudli',
    caseNumber: `BENCH-${process.pid}-${sequence}`,
    destinationArea: h.destinationArea,
    language: h.language,
    phone: h.phone ?? undefined,
    members: h.members.map((m) => ({
      fullNameAr: m.fullNameAr,
      fullNameLatin: m.fullNameLatin,
      sex: m.sex,
      dateOfBirth: m.dateOfBirth,
      relationship: m.relationship,
      needs: [...m.needs],
      documents: m.document ? [{ type: m.document.type, number: m.document.number }] : undefined,
    })),
  });
}

const CONSENT_HOUSEHOLDS = Number(process.env['BENCH_API_CONSENT_HOUSEHOLDS'] ?? 300);
const CONSENT_CLIENTS = 32;
/** Households registered by the run, with their adults: consented afterwards, as the pipeline does. */
const registered: { id: string; adults: string[] }[] = [];

function adultsOf(body: string): { id: string; adults: string[] } {
  const view = JSON.parse(body) as { id: string; members: { id: string; dateOfBirth: string | null }[] };
  const adultBorn = new Date().getUTCFullYear() - 19;
  const adults = view.members.filter((m) => m.dateOfBirth !== null && Number(m.dateOfBirth.slice(0, 4)) <= adultBorn).map((m) => m.id);
  return { id: view.id, adults };
}

/** Every adult of each household consents (one after another per household, households in parallel). */
async function consentAll(url: string, token: string): Promise<{ consents: number; seconds: number; statuses: Map<number, number>; latencies: number[] }> {
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let next = 0;
  const decidedOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONSENT_CLIENTS }, async () => {
      for (let i = next++; i < registered.length; i = next++) {
        const household = registered[i];
        if (household === undefined) continue;
        for (const memberId of household.adults) {
          const t = performance.now();
          const res = await fetch(`${url}/households/${household.id}/consents`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `consent-${memberId}` },
            body: JSON.stringify({ memberId, decision: 'consent', decidedOn, method: 'signed_form', formReference: `FORM-${memberId.slice(0, 8)}` }),
          });
          await res.text();
          latencies.push(performance.now() - t);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }
    }),
  );
  return { consents: latencies.length, seconds: (performance.now() - started) / 1000, statuses, latencies: latencies.sort((a, b) => a - b) };
}

/** The first answer body of each non-2xx status, to say why requests were refused. */
const refusals = new Map<number, string>();

async function load(url: string, tokens: string[], connections: number, rate?: { perSecond: number; amount: number }): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/households`,
    connections,
    amount: rate?.amount ?? REQUESTS[connections] ?? connections * 10,
    // An offered rate (open loop): latency is then that of a service not saturated; autocannon
    // corrects it for coordinated omission (a request sent late counts from when it was due).
    ...(rate ? { overallRate: rate.perSecond } : {}),
    // A slow answer is a latency to report, not an error: wait well past the target.
    timeout: 60,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          body: householdBody(),
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            // Each request as one of the camp's case workers in turn (body() ran first: sequence is this request's).
            authorization: `Bearer ${tokens[sequence % tokens.length]}`,
            'idempotency-key': `bench-${process.pid}-${sequence}-${Math.random().toString(36).slice(2)}`,
          },
        }),
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && !refusals.has(status)) refusals.set(status, String(body).slice(0, 300));
          if (status === 201 && registered.length < CONSENT_HOUSEHOLDS) registered.push(adultsOf(String(body)));
        },
      },
    ],
  });
}

/** Seeds generated households (no phone or documents: names are what the duplicate check scales with). */
async function seed(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const seedRng = createRng('registration-api-seed');
    for (let offset = 0; offset < count; offset += 500) {
      const households: unknown[][] = [];
      const members: unknown[][] = [];
      for (let i = offset; i < Math.min(count, offset + 500); i++) {
        const h = generateHousehold(seedRng, { destinationAreas: AREAS, campId: 'mahmoudli', sequence: i + 1 });
        const id = uuidv7();
        households.push([id, `SEED-${i + 1}`, h.destinationArea, h.language]);
        h.members.forEach((m, position) =>
          members.push([uuidv7(), id, position, m.fullNameAr, m.fullNameLatin, m.sex, m.dateOfBirth, m.relationship,
            blockingKeys({ fullNameAr: m.fullNameAr, fullNameLatin: m.fullNameLatin, sex: m.sex, dateOfBirth: m.dateOfBirth })]),
        );
      }
      await client.query(
        `INSERT INTO registration.households (id, camp_id, case_number, destination_area, language, status, version, registered_at, updated_at, created_by)
         SELECT id, 'mahmoudli', cn, area, lang, 'registered', 1, now(), now(), 'bench-seed'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, cn, area, lang)`,
        [0, 1, 2, 3].map((c) => households.map((r) => r[c])),
      );
      await client.query(
        `INSERT INTO registration.members (id, household_id, position, full_name_ar, full_name_latin, sex, date_of_birth,
           age_recorded_on, relationship, blocking_keys)
         SELECT id, hid, pos, ar, lat, sex, dob, current_date, rel, string_to_array(blocking, ' ')
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[])
           AS t(id, hid, pos, ar, lat, sex, dob, rel, blocking)`,
        [0, 1, 2, 3, 4, 5, 6, 7]
          .map((c) => members.map((r) => r[c]))
          .concat([8].map((c) => members.map((r) => (r[c] as string[]).join(' ')))),
      );
    }
    await client.query(`ANALYZE registration.households; ANALYZE registration.members`);
  } finally {
    await client.end();
  }
}

async function countCreated(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM registration.households WHERE case_number LIKE 'BENCH-%'`,
    );
    return rows.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

interface StatementFigure {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  sharedBlksHit: number;
  sharedBlksRead: number;
}

/** Empties this database's pg_stat_statements entries (the extension is made here if missing). */
async function resetStatements(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    await client.query(`SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`);
  } finally {
    await client.end();
  }
}

/** This database's statements by total execution time since resetStatements. */
async function readStatements(databaseUrl: string): Promise<StatementFigure[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<StatementFigure>(
      `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::int AS calls, total_exec_time AS "totalMs",
              mean_exec_time AS "meanMs", rows::int AS rows, shared_blks_hit::int AS "sharedBlksHit", shared_blks_read::int AS "sharedBlksRead"
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT LIKE '%pg_stat_statements%'
       ORDER BY total_exec_time DESC`,
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

function printStatements(statements: StatementFigure[], households: number): void {
  const total = statements.reduce((sum, s) => sum + s.totalMs, 0);
  console.log(`pg_stat_statements: ${statements.length} statements, ${total.toFixed(0)} ms executing in all, ` +
    `${(total / Math.max(1, households)).toFixed(2)} ms per household registered (${households})`);
  for (const s of statements.slice(0, 20)) {
    console.log(`  ${String(s.calls).padStart(7)} calls ${s.meanMs.toFixed(3).padStart(9)} ms mean ${s.totalMs.toFixed(0).padStart(8)} ms total ` +
      `${String(s.rows).padStart(8)} rows ${String(s.sharedBlksHit + s.sharedBlksRead).padStart(10)} blks | ${s.query.slice(0, 160)}`);
  }
}

function statusCounts(result: autocannon.Result): string {
  const stats = (result as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const counts = Object.entries(stats).map(([code, s]) => `${code}×${s.count}`);
  if (result.errors > 0) counts.push(`errors×${result.errors}`);
  if (result.timeouts > 0) counts.push(`timeouts×${result.timeouts}`);
  return counts.join(' ');
}

// POST /households is under @RateLimit('sms-costing') (RATE_LIMIT_SMS_PER_MINUTE per user, 120 by default).
// The load comes from CASE_WORKERS users (a large camp's registration day), not one: a single user would
// make the guard's counter one hot row that every request waits on, which no camp has. At 250/s each of
// them still goes past 120 a minute, so the quota is raised: the figures measure registration, not the
// quota. The guard's counter upsert (one autocommit per request) is still paid.
const system = await AwdaSystem.start({
  services: ['registration'],
  ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
  extraEnv: {
    LOG_LEVEL: 'warn',
    RATE_LIMIT_SMS_PER_MINUTE: '100000',
    // The raw baseline uses 8 connections; the harness's default of 6 is for four services at once.
    DATABASE_POOL_SIZE: '8',
    ...(CPU_PROF_DIR
      ? { NODE_OPTIONS: `--import=${fileURLToPath(new URL('./lib/cpu-profile.js', import.meta.url))}`, AWDA_CPU_PROF_DIR: CPU_PROF_DIR }
      : {}),
  },
});
try {
  const raw = await measurePg(system.databaseUrl, 10_000);
  await seed(system.databaseUrl, SEED_HOUSEHOLDS);
  const token = await tokenFor(['caseworker'], ['mahmoudli']);
  const tokens = await Promise.all(
    Array.from({ length: CASE_WORKERS }, (_, i) => tokenFor(['caseworker'], ['mahmoudli'], `bench-caseworker-${i + 1}`)),
  );
  if (PG_STATS) await resetStatements(system.databaseUrl);
  let registeredByLevels = 0;
  const figures: BenchFigure[] = [];
  const levels: { connections: number; rate?: { perSecond: number; amount: number } }[] = [
    { connections: 50 },
    { connections: 200 },
    { connections: 200, rate: { perSecond: OPEN_RATE, amount: OPEN_RATE * OPEN_SECONDS } },
  ];
  for (const { connections, rate } of levels) {
    const before = await countCreated(system.databaseUrl);
    const result = await load(system.url('registration'), tokens, connections, rate);
    const created = result['2xx'];
    const inDatabase = (await countCreated(system.databaseUrl)) - before;
    // A 201 must be a household in the database, and nothing may be created without its 201.
    if (inDatabase !== created) throw new Error(`${connections} clients: ${created} answered 201 but ${inDatabase} households in the database`);
    registeredByLevels += created;
    const achieved = created / result.duration;
    const non2xx = result.non2xx + result.errors + result.timeouts;
    const level = rate ? `${connections} clients offering ${rate.perSecond} households/s` : `${connections} clients`;
    console.log(`${level}: ${statusCounts(result)}; in the database ${inDatabase}; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    figures.push({
      metric: `POST /households at ${level} (${created} created and found in the database, ${non2xx} not)`,
      value: achieved,
      unit: 'households/s',
      baseline: 'raw pg tx (business row + outbox row, 8 conns)',
      baselineValue: raw.txPerSec,
      ratio: achieved / raw.txPerSec,
      note:
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; statuses ${statusCounts(result)} ` +
        (rate ? '(open loop: the ratio is the offered rate, the figure is the latency)' : '(target ≥ 250 households/s at 50 clients; p99 < 200 ms at an offered 100/s)') +
        `; ${SEED_HOUSEHOLDS} households seeded before`,
    });
  }
  const statements = PG_STATS ? await readStatements(system.databaseUrl) : undefined;
  if (statements) printStatements(statements, registeredByLevels);
  const consented = await consentAll(system.url('registration'), token);
  const quantile = (q: number) => Math.round(consented.latencies[Math.min(consented.latencies.length - 1, Math.floor(q * consented.latencies.length))] ?? 0);
  const consentStatuses = [...consented.statuses].map(([code, n]) => `${code}×${n}`).join(' ');
  console.log(`consents: ${consented.consents} in ${consented.seconds.toFixed(1)} s; ${consentStatuses}; p50 ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms`);
  figures.push({
    metric: `POST /households/:id/consents, every adult of ${registered.length} households at ${CONSENT_CLIENTS} clients (${consented.consents} decisions)`,
    value: consented.consents / consented.seconds,
    unit: 'consents/s',
    baseline: 'raw pg tx (business row + outbox row, 8 conns)',
    baselineValue: raw.txPerSec,
    ratio: consented.consents / consented.seconds / raw.txPerSec,
    note: `latency p50 ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms; statuses ${consentStatuses}`,
  });
  for (const [status, body] of refusals) console.log(`first ${status} answer: ${body}`);
  if (refusals.has(500)) {
    const errors = system.logs().split('\n').filter((line) => /"level":"?(error|50)/.test(line) || line.includes('"error"'));
    console.log(`registration error log lines: ${errors.length}; first: ${errors.slice(0, 3).map((l) => l.slice(0, 600)).join('\n')}`);
  }
  writeReport({
    name: 'registration-api', startedAt: new Date().toISOString(), machine: machine(), figures,
    ...(statements ? { extra: { households: registeredByLevels, pgStatStatements: statements.slice(0, 20) } } : {}),
  });
} finally {
  await system.stop();
}
