// POST /households through the whole HTTP stack (auth, validation, duplicate check, outbox) at 50
// and 200 concurrent clients, against raw PostgreSQL transactions of a business row + an outbox
// row (8 connections) measured in the same run.
import autocannon from 'autocannon';
import { createRng, generateHousehold } from '@awda/testing';
import { AwdaSystem, tokenFor } from '../e2e/harness.js';
import { measurePg } from './lib/raw-baselines.js';
import { machine, writeReport, type BenchFigure } from './lib/report.js';

const DURATION_S = Number(process.env['BENCH_API_SECONDS'] ?? 15);
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

/** The first answer body of each non-2xx status, to say why requests were refused. */
const refusals = new Map<number, string>();

async function load(url: string, token: string, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/households`,
    connections,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          body: householdBody(),
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': `bench-${process.pid}-${sequence}-${Math.random().toString(36).slice(2)}`,
          },
        }),
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && !refusals.has(status)) refusals.set(status, String(body).slice(0, 300));
        },
      },
    ],
  });
}

function statusCounts(result: autocannon.Result): string {
  const stats = (result as autocannon.Result & { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  const counts = Object.entries(stats).map(([code, s]) => `${code}×${s.count}`);
  if (result.errors > 0) counts.push(`errors×${result.errors}`);
  if (result.timeouts > 0) counts.push(`timeouts×${result.timeouts}`);
  return counts.join(' ');
}

// POST /households is under @RateLimit('sms-costing') (RATE_LIMIT_SMS_PER_MINUTE per user, 120 by default)
// and the bench is one user: raise the quota so that the figures measure registration, not the quota.
// The guard's counter upsert (one autocommit on one hot row per request) is still paid.
const system = await AwdaSystem.start({
  services: ['registration'],
  extraEnv: { LOG_LEVEL: 'warn', RATE_LIMIT_SMS_PER_MINUTE: '100000' },
});
try {
  const raw = await measurePg(system.databaseUrl, 10_000);
  const token = await tokenFor(['caseworker'], ['mahmoudli']);
  const figures: BenchFigure[] = [];
  for (const connections of [50, 200]) {
    const result = await load(system.url('registration'), token, connections);
    const created = result['2xx'];
    const rate = created / result.duration;
    const non2xx = result.non2xx + result.errors + result.timeouts;
    console.log(`${connections} clients: ${statusCounts(result)}; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    figures.push({
      metric: `POST /households at ${connections} clients (${created} created, ${non2xx} not)`,
      value: rate,
      unit: 'households/s',
      baseline: 'raw pg tx (business row + outbox row, 8 conns)',
      baselineValue: raw.txPerSec,
      ratio: rate / raw.txPerSec,
      note: `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; statuses ${statusCounts(result)} (target ≥ 0.40 and p99 < 50 ms at 200)`,
    });
  }
  for (const [status, body] of refusals) console.log(`first ${status} answer: ${body}`);
  writeReport({ name: 'registration-api', startedAt: new Date().toISOString(), machine: machine(), figures });
} finally {
  await system.stop();
}
