// Bulk import of 100,000 individuals (one CSV row per member, ~20,000 households) through the
// registration service, against PostgreSQL COPY of the same rows measured in the same run.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateHouseholds } from '@awda/testing';
import { AwdaSystem, tokenFor } from '../e2e/harness.js';
import { machine, writeReport } from './lib/report.js';

const INDIVIDUALS = Number(process.env['BENCH_IMPORT_ROWS'] ?? 100_000);
// After this long the run stops waiting and reports the rate of the rows imported so far, marked partial.
const MAX_MINUTES = Number(process.env['BENCH_IMPORT_MAX_MINUTES'] ?? 30);
// A module to preload into the registration process (NODE_OPTIONS=--import), e.g. a CPU profiler
// (bench/lib/cpu-profile.js, AWDA_CPU_PROF_DIR) or a memory sampler (bench/lib/memory-profile.js, AWDA_MEM_DIR).
const PRELOAD = process.env['BENCH_IMPORT_PRELOAD'];
const PRELOAD_ENV = Object.fromEntries(
  ['AWDA_CPU_PROF_DIR', 'AWDA_MEM_DIR', 'AWDA_MEM_INTERVAL_MS', 'AWDA_MEM_GC'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
) as Record<string, string>;
// Codes from apps/registration/data/areas.csv (SY020000 is not in it: those households failed).
const AREAS = ['SY110000', 'SY110100', 'SY110200', 'SY090000', 'SY090100', 'SY020100'];
const HEADER = 'household_key,destination_area,language,phone,full_name_ar,full_name_latin,sex,date_of_birth,relationship,document_type,document_number,needs';

interface ImportView {
  status: 'queued' | 'running' | 'completed' | 'failed';
  rowsRead: number;
  householdsUnchanged: number;
  householdsCreated: number;
  rowsFailed: number;
  failure: string | null;
  errors: { row: number; field: string | null; message: string }[];
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function writeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  let rows = 0;
  let seed = 0;
  while (rows < INDIVIDUALS) {
    const batch = seed++;
    for (const h of generateHouseholds(`import-bench-${batch}`, 500, { destinationAreas: AREAS, campId: 'mahmoudli' })) {
      // generateHouseholds numbers case numbers from 1 in every call: without the batch in the key,
      // every 500 households reused the same keys and their rows were refused (not next to each other).
      const key = `${h.caseNumber}-${batch}`;
      h.members.forEach((m, i) => {
        if (rows >= INDIVIDUALS && i === 0) return;
        const doc = m.document;
        const line = [
          key,
          i === 0 ? h.destinationArea : '',
          i === 0 ? h.language : '',
          i === 0 ? (h.phone ?? '') : '',
          m.fullNameAr,
          m.fullNameLatin ?? '',
          m.sex,
          m.dateOfBirth,
          m.relationship,
          doc?.type ?? '',
          doc?.number ?? '',
          m.needs.join(';'),
        ];
        out.write(`${line.map(csvCell).join(",")}\n`);
        rows++;
      });
      if (rows >= INDIVIDUALS) break;
    }
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

async function copyBaseline(url: string, path: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TABLE bench_import_copy (household_key text, destination_area text, language text, phone text, full_name_ar text, full_name_latin text, sex text, date_of_birth text, relationship text, document_type text, document_number text, needs text)',
  );
  const start = performance.now();
  await pipeline(createReadStream(path), client.query(copyFrom('COPY bench_import_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
  const seconds = (performance.now() - start) / 1000;
  const [row] = (await client.query('SELECT count(*)::int AS n FROM bench_import_copy')).rows as { n: number }[];
  await client.query('DROP TABLE bench_import_copy');
  await client.end();
  return (row?.n ?? 0) / seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'awda-import-bench-'));
const file = join(dir, 'kobo-export.csv');
const rows = await writeCsv(file);
console.log(`generated ${rows.toLocaleString('en-US')} member rows (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB)`);
const system = await AwdaSystem.start({
  services: ['registration'],
  extraEnv: { LOG_LEVEL: 'warn', ...(PRELOAD ? { NODE_OPTIONS: `--import=${PRELOAD}`, ...PRELOAD_ENV } : {}) },
});
try {
  const copyRowsPerSec = await copyBaseline(system.databaseUrl, file);
  const token = await tokenFor(['caseworker'], ['mahmoudli']);
  // The process before any import: what the import's peak is to be read against.
  const idleRssMiB = system.residentMemoryMiB('registration') ?? 0;
  const cpuBefore = system.cpuSeconds('registration') ?? 0;
  const start = performance.now();
  const upload = await fetch(`${system.url('registration')}/imports?campId=mahmoudli&format=csv&fileName=kobo-export.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'idempotency-key': `bench-${Date.now()}` },
    body: createReadStream(file) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: string };
  // Progress every second until the import ends or the time limit; the curve goes into the report.
  const progress: { seconds: number; rowsRead: number; householdsCreated: number; rssMiB: number }[] = [];
  let final: ImportView | undefined;
  let pollFailures = 0;
  for (;;) {
    // A poll on a kept-alive connection the server closed meanwhile (e.g. paused by a heap snapshot) is retried.
    const res = await fetch(`${system.url('registration')}/imports/${id}`, { headers: { authorization: `Bearer ${token}` } }).catch((error: unknown) => {
      if (++pollFailures > 5) throw error;
      return undefined;
    });
    if (res === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    pollFailures = 0;
    final = (await res.json()) as ImportView;
    const elapsed = (performance.now() - start) / 1000;
    if (progress.length === 0 || elapsed - (progress.at(-1)?.seconds ?? 0) >= 30) {
      const rssMiB = Math.round(system.residentMemoryMiB('registration') ?? 0);
      progress.push({ seconds: Math.round(elapsed), rowsRead: final.rowsRead, householdsCreated: final.householdsCreated, rssMiB });
    }
    if (['completed', 'failed'].includes(final.status) || elapsed > MAX_MINUTES * 60) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const seconds = (performance.now() - start) / 1000;
  // The registration process's own CPU per 1000 rows: steadier than the rate on a shared machine.
  const cpuSeconds = (system.cpuSeconds('registration') ?? 0) - cpuBefore;
  // The import view (apps/registration ImportView) ends in 'completed' or 'failed'; a failed import or
  // failed rows would make the rate meaningless. Still running at the limit: the rate so far, marked partial.
  if (final.status === 'failed' || final.status === 'queued') throw new Error(`import ${final.status}: ${final.failure ?? ''}`);
  const partial = final.status !== 'completed';
  if (final.rowsFailed > 0) console.warn(`${final.rowsFailed} rows failed, e.g. ${JSON.stringify(final.errors.slice(0, 3))}`);
  const imported = partial ? final.rowsRead : rows;
  const importRowsPerSec = imported / seconds;
  // How much duplicate work the generated people caused: each candidate also updates the other household.
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  const [counts] = (await db.query(
    `SELECT (SELECT count(*)::int FROM registration.duplicate_candidates) AS candidates, (SELECT count(*)::int FROM registration.household_timeline) AS changes`,
  )).rows as { candidates: number; changes: number }[];
  await db.end();
  const peak = system.peakMemoryMiB('registration') ?? 0;
  console.log(`import ${final.status}: ${JSON.stringify({ ...final, errors: final.errors.length }).slice(0, 300)}`);
  writeReport({
    name: 'registration-import',
    startedAt: new Date().toISOString(),
    machine: machine(),
    figures: [
      {
        metric: partial
          ? `bulk import, PARTIAL: ${imported.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} individuals read in the ${MAX_MINUTES} min limit (CSV, validated, duplicates checked, events)`
          : `bulk import, ${rows.toLocaleString('en-US')} individuals (CSV, validated, duplicates checked, events)`,
        value: importRowsPerSec,
        unit: 'rows/s',
        baseline: 'pg COPY of the same rows into one plain table',
        baselineValue: copyRowsPerSec,
        ratio: importRowsPerSec / copyRowsPerSec,
        note: `target ≥ 0.30; wall ${seconds.toFixed(1)} s; registration CPU ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / Math.max(1, final.rowsRead)) * 1000).toFixed(2)} s per 1000 rows read); ${final.householdsCreated} households created, ${final.rowsFailed} rows failed; ${counts?.candidates ?? '?'} duplicate candidates queued, ${counts?.changes ?? "?"} household changes (timeline rows)`,
      },
      {
        metric: 'registration process peak memory during the import',
        value: peak,
        unit: 'MiB',
        baseline: 'target ceiling',
        baselineValue: 300,
        ratio: peak / 300,
        note: `resident before the import (started, idle): ${idleRssMiB.toFixed(0)} MiB`,
      },
    ],
    extra: { partial, progress },
  });
} catch (error) {
  console.error(`registration's last output:\n${system.logs().slice(-4000)}`);
  throw error;
} finally {
  await system.stop();
  rmSync(dir, { recursive: true, force: true });
}
