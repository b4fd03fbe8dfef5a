// The whole system end to end, as four OS processes on the real PostgreSQL and NATS: N generated
// households registered through the HTTP API → every adult consents → assessed by eligibility →
// scheduled (transport plan + commit, enough vehicles) → SMS handed to the development provider.
// Events per second through the stream over the wall time, against raw JetStream rates measured in
// the same run; every SMS checked exactly once against what the stream's events call for.
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { generateHouseholds, waitFor } from '@awda/testing';
import { AwdaSystem, SERVICE_NAMES } from '../e2e/harness.js';
import { Journey, localDate, mapLimit, urlsOf, type Registered } from '../e2e/journey.js';
import { cpuSeconds, machineCpu, natsCpuSeconds, postgresCpuSeconds, Sampler, StreamWatch, type StreamEvent } from './lib/pipeline-driver.js';
import { measureJetStream } from './lib/raw-baselines.js';
import { machine, writeReport, type BenchFigure } from './lib/report.js';

const HOUSEHOLDS = Number(process.env['BENCH_PIPELINE_HOUSEHOLDS'] ?? 10_000);
const CONCURRENCY = Number(process.env['BENCH_PIPELINE_CONCURRENCY'] ?? 32);
const CAMP = 'mahmoudli';
// Two corridors of the seeded reference data: SY11 (Raqqa / Tabqa) and SY09 (Deir ez-Zor).
const AREAS = ['SY110000', 'SY110100', 'SY090000', 'SY090100'];
// The pipeline measures the system, not the provider's contract: the throttle is set out of the way
// (the dispatch benchmark measures it) and quiet hours are off so the run does not depend on the hour.
const SMS_ENV = {
  // 'sms-costing' endpoints (POST /households, consents) allow 120 requests per user per minute by default.
  RATE_LIMIT_SMS_PER_MINUTE: '100000',
  SMS_RATE_SEGMENTS_PER_SECOND: '10000',
  SMS_QUIET_START: '00:00',
  SMS_QUIET_END: '00:00',
  SMS_DISPATCH_BATCH: '500',
  SMS_DISPATCH_POLL_MS: '100',
};
// Each service's PostgreSQL pool and events in flight (the e2e harness keeps both small: 6 and 4).
// The registration process serves 32 HTTP clients and its consumer from one pool; with 6 connections
// its consumer waits behind the HTTP requests and falls thousands of events behind.
const SERVICE_ENV = {
  DATABASE_POOL_SIZE: process.env['BENCH_PIPELINE_POOL_SIZE'] ?? '12',
  MESSAGING_CONCURRENCY: process.env['BENCH_PIPELINE_MESSAGING_CONCURRENCY'] ?? '8',
};
const SENT = ['sent', 'delivered'];
// Samples kept in the JSON (see evenlySpaced).
const MAX_SAMPLES = 200;
const ASSESSMENT_TEMPLATES = ['assessed_pending', 'assessed_eligible'];

const log = (msg: string) => console.log(`[pipeline ${new Date().toISOString().slice(11, 19)}] ${msg}`);

const generated = generateHouseholds('pipeline-bench', HOUSEHOLDS, { destinationAreas: AREAS, campId: CAMP });
const members = generated.reduce((n, h) => n + h.members.length, 0);
const smcMembers = generated.reduce((n, h) => n + h.members.filter((m) => m.needs.includes('SMC')).length, 0);
log(`${HOUSEHOLDS} households, ${members} people, ${generated.filter((h) => h.phone).length} with a phone`);

const system = await AwdaSystem.start({ extraEnv: { LOG_LEVEL: 'warn', ...SMS_ENV, ...SERVICE_ENV } });
const pool = new pg.Pool({ connectionString: system.databaseUrl, max: 2 });
const watch = await StreamWatch.open(system.natsUrl, system.namespace);
const sampler = new Sampler(system, watch);
const count = async (sql: string, params: unknown[] = []): Promise<number> => Number(((await pool.query(sql, params)).rows[0] as { n: string }).n);

/** Nothing left anywhere: every outbox published, every consumer caught up, twice in a row. */
async function quiescent(): Promise<boolean> {
  for (let i = 0; i < 2; i++) {
    const outbox = await count(
      SERVICE_NAMES.map((s) => `SELECT count(*) AS n FROM ${s}.outbox WHERE published_at IS NULL`).join(' UNION ALL ').replace(/^/, 'SELECT sum(n) AS n FROM (') + ') x',
    );
    const consumers = Object.values(await watch.consumers());
    if (outbox > 0 || consumers.some((c) => c.pending > 0 || c.ackPending > 0)) return false;
    await new Promise((r) => setTimeout(r, 300));
  }
  return true;
}

const stageMs: Record<string, number> = {};
// Samples are labelled with the stage in progress when they were taken.
const NEXT_STAGE: Record<string, string> = { registered: 'consenting', consented: 'assessing', assessed: 'scheduling', scheduled: 'sending', sms: 'done' };
const cpuAt = () => ({
  ...Object.fromEntries([...system.services].map(([name, s]) => [name, cpuSeconds(s.process.pid)])),
  postgres: postgresCpuSeconds(new URL(system.databaseUrl).pathname.slice(1)),
  nats: natsCpuSeconds(),
  machineBusy: machineCpu().busy,
  machineTotal: machineCpu().total,
});
const cpuStages: Record<string, Record<string, number>> = {};

try {
  log('raw JetStream baseline on the same server…');
  const raw = await measureJetStream(system.natsUrl, 20_000);
  log(`raw: publish ${raw.publishSyncPerSec.toFixed(0)}/s one at a time, ${raw.publishPipelinedPerSec.toFixed(0)}/s pipelined, consume ${raw.consumePerSec.toFixed(0)}/s`);

  // ---- setup (not timed): users, open destinations, a fleet big enough for everyone on one date ----
  const journey = await Journey.create(urlsOf(system), CAMP);
  for (const area of AREAS) await journey.setAreaStatus(area, 'open');
  const departureDate = localDate(7); // the reminder (day before) stays queued: only `scheduled` goes now
  const fleet = {
    buses: Math.ceil((members / 45) * 1.25) + 10,
    seats: 50,
    cargoTrucks: Math.ceil(HOUSEHOLDS / 8) + 10,
    cargoCapacity: 10,
    ambulances: Math.ceil(smcMembers / 3) + 10,
    stretcherPlaces: 6,
  };
  await journey.createFleet(fleet, [departureDate], `PB${Date.now().toString(36).slice(-5)}`);
  await waitFor('setup events to settle', quiescent, { timeoutMs: 120_000, intervalMs: 300 });
  const streamAtStart = await watch.messages();
  log(`fleet ${JSON.stringify(fleet)}; stream holds ${streamAtStart} setup events`);

  sampler.run(2000);
  const t0 = performance.now();
  let cpuMark = cpuAt();
  const mark = (stage: string) => {
    stageMs[stage] = performance.now() - t0;
    const now = cpuAt();
    cpuStages[stage] = Object.fromEntries(Object.entries(now).map(([k, v]) => [k, Math.round((v - (cpuMark as Record<string, number>)[k]!) * 10) / 10]));
    cpuMark = now;
    sampler.stage = NEXT_STAGE[stage] ?? stage;
    log(`${stage}: ${(stageMs[stage] / 1000).toFixed(1)} s`);
  };

  // ---- 1. register (HTTP, bounded concurrency) ----
  sampler.stage = 'registering';
  let registered: Registered[] = [];
  registered = await mapLimit(generated, CONCURRENCY, (h) => journey.register(h), (done, total) => {
    if (done % 2000 === 0) log(`registered ${done}/${total}`);
  });
  mark('registered');

  // ---- 2. consents: one decision per adult (HTTP), households in parallel, adults in order ----
  const adults = registered.reduce((n, r) => n + r.adults.length, 0);
  await mapLimit(registered, CONCURRENCY, (r) => journey.consentAll(r));
  mark('consented');

  // ---- 3. assessed: eligibility has judged every household and everyone downstream caught up ----
  await waitFor(
    'every household assessed and the stream drained',
    async () => (await count('SELECT count(*) AS n FROM eligibility.assessments')) >= HOUSEHOLDS && (await quiescent()),
    { timeoutMs: 60 * 60_000, intervalMs: 500 },
  );
  mark('assessed');
  const eligible = await count(`SELECT count(*) AS n FROM eligibility.assessments WHERE status = 'eligible'`);

  // ---- 4. scheduled: plan + commit, then every scheduled household's SMS created ----
  const planStart = performance.now();
  const proposal = await journey.propose({ campId: CAMP, departureDate, departureTime: '07:00', assemblyPoint: 'Gate 2' });
  const proposeMs = performance.now() - planStart;
  const committed = await journey.commit(proposal.planId);
  const planCommitMs = performance.now() - planStart;
  const scheduledHouseholds = committed.convoys.reduce((n, c) => n + c.householdIds.length, 0);
  await waitFor(
    'every scheduled household to have its scheduled SMS queued',
    async () => (await count(`SELECT count(*) AS n FROM notifications.messages WHERE template = 'scheduled'`)) >= scheduledHouseholds && (await quiescent()),
    { timeoutMs: 60 * 60_000, intervalMs: 500 },
  );
  mark('scheduled');

  // ---- 5. SMS: nothing due is left unsent for a household with a phone ----
  await waitFor(
    'every due SMS handed to the provider',
    async () =>
      (await count(
        `SELECT count(*) AS n FROM notifications.messages m JOIN notifications.recipients r USING (household_id)
         WHERE r.phone_encrypted IS NOT NULL AND (m.status = 'sending' OR (m.status = 'queued' AND m.due_at <= now()))`,
      )) === 0,
    { timeoutMs: 60 * 60_000, intervalMs: 250 },
  );
  mark('sms');
  const wallS = (performance.now() - t0) / 1000;
  sampler.stop();
  await sampler.sample();

  const streamAtEnd = await watch.messages();
  const events = streamAtEnd - streamAtStart;
  const eventsPerSec = events / wallS;

  // ---- exactly-once check: what the stream's events call for, against what was created and sent ----
  const stream = await watch.readAll();
  const check = await exactlyOnce(stream, registered);
  log(`exactly-once: ${check.ok ? 'PASS' : 'FAIL'} ${JSON.stringify(check.counts)}`);
  for (const p of check.problems.slice(0, 20)) log(`  problem: ${p}`);
  // The status history of the first few messages handed off or claimed more than once, to tell why.
  for (const id of check.claimedAgain.slice(0, 3)) {
    const history = await pool.query(
      `SELECT to_char(at, 'HH24:MI:SS.MS') AS at, status, detail FROM notifications.message_status_history WHERE message_id = $1 ORDER BY id`,
      [id],
    );
    log(`  history of ${id}: ${history.rows.map((h: { at: string; status: string; detail: string | null }) => `${h.at} ${h.status}${h.detail ? ` (${h.detail})` : ''}`).join(' → ')}`);
  }

  const bySubject: Record<string, number> = {};
  for (const e of stream) {
    const key = e.type.replace(/^[a-z0-9_]+\.(?=awda\.)/, '');
    bySubject[key] = (bySubject[key] ?? 0) + 1;
  }
  const stages = ['registered', 'consented', 'assessed', 'scheduled', 'sms'];
  const durations = Object.fromEntries(stages.map((s, i) => [s, ((stageMs[s] ?? 0) - (i ? (stageMs[stages[i - 1]!] ?? 0) : 0)) / 1000]));
  const peaks = peakBacklog(sampler.samples);
  const figures: BenchFigure[] = [
    {
      metric: `events through the system, ${HOUSEHOLDS.toLocaleString('en-US')} households end to end (${events} events / ${wallS.toFixed(1)} s)`,
      value: eventsPerSec,
      unit: 'events/s',
      baseline: 'raw JetStream publish, 256 acks in flight',
      baselineValue: raw.publishPipelinedPerSec,
      ratio: eventsPerSec / raw.publishPipelinedPerSec,
      note: `target ≥ 0.25: ${eventsPerSec / raw.publishPipelinedPerSec >= 0.25 ? 'met' : 'MISSED'}`,
    },
    {
      metric: 'events through the system vs publish awaiting each ack',
      value: eventsPerSec,
      unit: 'events/s',
      baseline: 'raw JetStream publish, one at a time',
      baselineValue: raw.publishSyncPerSec,
      ratio: eventsPerSec / raw.publishSyncPerSec,
    },
    {
      metric: 'events through the system vs durable consume',
      value: eventsPerSec,
      unit: 'events/s',
      baseline: 'raw JetStream pull consume (batch 1000)',
      baselineValue: raw.consumePerSec,
      ratio: eventsPerSec / raw.consumePerSec,
    },
    {
      metric: 'households end to end (registered → SMS handed over)',
      value: HOUSEHOLDS / wallS,
      unit: 'households/s',
      baseline: 'wall time end to end (s)',
      baselineValue: wallS,
      ratio: 1,
      note: `stages (s): ${stages.map((s) => `${s} ${durations[s]?.toFixed(1)}`).join(', ')}`,
    },
    {
      metric: `SMS exactly once (${check.counts['sent']} sent: ${check.counts['expectedSent']} required + ${check.counts['supersededAssessmentSent']} superseded assessments)`,
      value: check.ok ? 1 : 0,
      unit: check.ok ? 'PASS' : 'FAIL',
      baseline: 'required',
      baselineValue: 1,
      ratio: check.ok ? 1 : 0,
      note: check.ok ? JSON.stringify(check.counts) : check.problems.slice(0, 5).join('; '),
    },
  ];
  log(`settling saved ${check.counts['statusSmsSavedBySettling']} status SMS (${check.counts['segmentsSavedBySettling']} segments) of ${check.counts['createdMessages']} created`);
  writeReport({
    name: 'pipeline',
    startedAt: new Date().toISOString(),
    machine: machine(),
    figures,
    extra: {
      households: HOUSEHOLDS,
      people: members,
      adultsConsenting: adults,
      eligible,
      scheduledHouseholds,
      unplaced: committed.unplaced.length,
      convoys: committed.convoys.length,
      plan: { proposeMs: Math.round(proposeMs), proposeAndCommitMs: Math.round(planCommitMs), quality: proposal.plan.quality },
      registration: { via: 'POST /households (HTTP API)', concurrency: CONCURRENCY },
      smsEnv: SMS_ENV,
      serviceEnv: SERVICE_ENV,
      fleet,
      raw,
      wallSeconds: wallS,
      stageSeconds: durations,
      events,
      eventsBySubject: bySubject,
      cpuSecondsByStage: cpuStages,
      peakBacklog: peaks,
      exactlyOnce: check,
      // Every 2 s of a 40-minute run is 1,300 samples (1.4 MB of JSON): at most MAX_SAMPLES, evenly spaced,
      // are kept (the peaks above are taken from all of them).
      samples: evenlySpaced(sampler.samples, MAX_SAMPLES),
    },
  });
  if (!check.ok) process.exitCode = 1;
} finally {
  sampler.stop();
  await watch.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  await system.stop();
}

/** At most `max` of `items`, evenly spaced, the first and the last among them. */
function evenlySpaced<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))] as T);
}

/** Largest consumer backlog and outbox backlog seen per service, and in which stage. */
function peakBacklog(samples: Sampler['samples']): Record<string, unknown> {
  const out: Record<string, { consumerPending: number; consumerStage: string; outboxPending: number; outboxLagSeconds: number; outboxStage: string }> = {};
  for (const s of samples) {
    for (const [name, c] of Object.entries(s.consumers)) {
      const service = SERVICE_NAMES.find((n) => name.endsWith(n)) ?? name;
      const o = (out[service] ??= { consumerPending: 0, consumerStage: '', outboxPending: 0, outboxLagSeconds: 0, outboxStage: '' });
      if (c.pending + c.ackPending > o.consumerPending) Object.assign(o, { consumerPending: c.pending + c.ackPending, consumerStage: s.stage });
    }
    for (const [name, g] of Object.entries(s.outbox)) {
      const o = (out[name] ??= { consumerPending: 0, consumerStage: '', outboxPending: 0, outboxLagSeconds: 0, outboxStage: '' });
      if (g.pending > o.outboxPending) Object.assign(o, { outboxPending: g.pending, outboxLagSeconds: g.lagSeconds, outboxStage: s.stage });
    }
  }
  return out;
}

/**
 * Replays the stream as notifications must see it (registered → `registered`; an assessment newer
 * than the last one → `assessed_*` when the family learns something new compared with what it was
 * told; scheduled → `scheduled` and a `reminder` due later, and for a household with a phone the seat
 * question and its reminder) and compares with the messages table, the status history, the dev
 * provider's table and its files.
 *
 * "What it was told" follows settling (SMS_SETTLE_SECONDS): a status message still waiting when a
 * newer assessment arrives is cancelled ('superseded') and never told, so the newer one is compared
 * with the message before it. Whether the previous message was still waiting depends on timing, so
 * the replay reads it from the outcome: every accepted assessment cancels the status messages still
 * queued, and at most one is queued at a time (each new one follows such a cancellation), so the
 * previous status message ended 'cancelled' as superseded exactly when it was still waiting at the
 * next accepted assessment of its household.
 */
async function exactlyOnce(stream: StreamEvent[], households: Registered[]): Promise<{ ok: boolean; counts: Record<string, number>; problems: string[]; claimedAgain: string[] }> {
  const problems: string[] = [];
  const withPhone = new Set(households.filter((h) => h.generated.phone).map((h) => h.id));
  const ours = new Set(households.map((h) => h.id));
  const rows = (
    await pool.query(
      `SELECT m.id, m.household_id, m.template, m.status, m.outcome_reason, m.due_at,
              -- A conversation's questions are caused by the conversation, which names the event that opened it.
              coalesce((SELECT c.cause_event_id FROM notifications.conversations c WHERE c.id = m.cause_event_id), m.cause_event_id) AS cause_event_id,
              -- A slot given back (dispatcher woke too late) is a 'sending' that never reached the provider.
              (SELECT count(*) FILTER (WHERE h.status = 'sending')
                      - count(*) FILTER (WHERE h.status = 'queued' AND h.detail LIKE 'hand-off slot missed%')
                 FROM notifications.message_status_history h WHERE h.message_id = m.id)::int AS sendings,
              (SELECT coalesce(sum(o.hand_offs), 0) FROM notifications.dev_sms_outbox o WHERE o.message_id = m.id)::int AS handed
       FROM notifications.messages m`,
    )
  ).rows as { id: string; household_id: string; template: string; cause_event_id: string; status: string; outcome_reason: string | null; due_at: Date; sendings: number; handed: number }[];
  const actual = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    if (!ours.has(r.household_id)) continue;
    const key = `${r.household_id}|${r.template}|${r.cause_event_id}`;
    actual.set(key, [...(actual.get(key) ?? []), r]);
  }
  const expected = new Map<string, { household: string; template: string }>();
  const seen = new Map<string, { version: number }>();
  // Per household, what the family was told or is about to be (status messages not superseded while
  // waiting), newest last, and the key of the last status message the replay expects.
  const told = new Map<string, { status: string; signature: string | null; key: string }[]>();
  const lastAssessmentKey = new Map<string, string>();
  const supersededWhileWaiting = (key: string | undefined) =>
    key !== undefined && (actual.get(key) ?? []).some((m) => m.status === 'cancelled' && m.outcome_reason === 'superseded');
  const now = Date.now();
  for (const e of stream) {
    const type = e.type.replace(/^[a-z0-9_]+\.(?=awda\.)/, '');
    const d = e.data;
    if (type === 'awda.registration.household.registered.v1') {
      const id = (d['household'] as { householdId: string }).householdId;
      expected.set(`${id}|registered|${e.id}`, { household: id, template: 'registered' });
    } else if (type === 'awda.eligibility.household.assessed.v1') {
      const id = d['householdId'] as string;
      const version = d['assessmentVersion'] as number;
      if (version <= (seen.get(id)?.version ?? 0)) continue;
      seen.set(id, { version });
      const status = d['status'] as string;
      const reasons = (d['reasons'] as { code: string; outcome: string }[]) ?? [];
      const signature = status === 'pending' ? [...new Set(reasons.filter((r) => r.outcome === 'pending').map((r) => r.code))].sort().join(',') : null;
      const history = told.get(id) ?? [];
      if (supersededWhileWaiting(lastAssessmentKey.get(id))) {
        history.pop();
        // The message before it is the family's last word on its assessment, unless another replaces it.
        const before = history.at(-1)?.key;
        if (before === undefined) lastAssessmentKey.delete(id);
        else lastAssessmentKey.set(id, before);
      }
      const last = history.at(-1);
      let template: string | null = null;
      if (status === 'eligible' && last?.status !== 'eligible') template = 'assessed_eligible';
      if (status === 'pending' && !(last?.status === 'pending' && last.signature === signature)) template = 'assessed_pending';
      if (template) {
        const key = `${id}|${template}|${e.id}`;
        expected.set(key, { household: id, template });
        lastAssessmentKey.set(id, key);
        history.push({ status, signature, key });
      }
      told.set(id, history);
    } else if (type === 'awda.transport.household.scheduled.v1') {
      const id = d['householdId'] as string;
      expected.set(`${id}|scheduled|${e.id}`, { household: id, template: 'scheduled' });
      expected.set(`${id}|reminder|${e.id}`, { household: id, template: 'reminder' });
      // The seat question (sent at once) and its reminder (before the confirmation deadline, days later here).
      if (withPhone.has(id)) {
        expected.set(`${id}|seat_question|${e.id}`, { household: id, template: 'seat_question' });
        expected.set(`${id}|seat_reminder|${e.id}`, { household: id, template: 'seat_reminder' });
      }
    }
  }
  let sent = 0;
  let expectedSent = 0;
  let supersededSent = 0;
  let supersededCancelled = 0;
  for (const [key, want] of expected) {
    const got = actual.get(key) ?? [];
    if (got.length !== 1) {
      problems.push(`${key}: ${got.length} messages created (expected 1)`);
      continue;
    }
    const m = got[0]!;
    const isSent = SENT.includes(m.status);
    if (isSent) sent++;
    // handed: the dev provider's count of send() calls for the message, the hand-offs themselves.
    if (m.handed > 1) problems.push(`${m.id} (${want.template}) went to the provider ${m.handed} times`);
    else if (isSent && m.handed !== 1) problems.push(`${m.id} (${want.template}) sent but never handed to the dev provider`);
    const phone = withPhone.has(want.household);
    const superseded = ASSESSMENT_TEMPLATES.includes(want.template) && lastAssessmentKey.get(want.household) !== key;
    // Reminders wait for the day before; the latest status message for SMS_SETTLE_SECONDS.
    const dueLater = (['reminder', 'seat_reminder'].includes(want.template) || ASSESSMENT_TEMPLATES.includes(want.template)) && m.due_at.getTime() > now;
    if (!phone) {
      if (isSent) problems.push(`${m.id} (${want.template}) sent to a household without a phone`);
    } else if (superseded) {
      if (isSent) supersededSent++;
      else if (m.status === 'cancelled') supersededCancelled++;
      else problems.push(`${m.id} superseded ${want.template} is ${m.status} (expected sent or cancelled)`);
    } else if (dueLater) {
      if (m.status !== 'queued') problems.push(`${m.id} ${want.template} due ${m.due_at.toISOString()} is ${m.status} (expected queued)`);
    } else {
      expectedSent++;
      if (!isSent) problems.push(`${m.id} (${want.template}) is ${m.status} (expected sent)`);
    }
  }
  for (const [key, got] of actual) if (!expected.has(key)) problems.push(`${key}: ${got.length} message(s) nothing in the stream calls for`);
  const handedTotal = await count('SELECT count(*) AS n FROM notifications.dev_sms_outbox');
  const sentTotal = rows.filter((r) => SENT.includes(r.status)).length;
  const files = readdirSync(system.smsDir).filter((f) => f.endsWith('.txt')).length;
  if (handedTotal !== sentTotal) problems.push(`dev provider table holds ${handedTotal} messages, ${sentTotal} are sent`);
  if (files !== sentTotal) problems.push(`dev provider wrote ${files} files, ${sentTotal} messages are sent`);
  // What settling saved: status messages replaced by a newer status before they went (never sent).
  const saved = (
    await pool.query(
      `SELECT count(*)::int AS messages, coalesce(sum(segments), 0)::int AS segments FROM notifications.messages
       WHERE status = 'cancelled' AND outcome_reason = 'superseded' AND template = ANY($1)`,
      [ASSESSMENT_TEMPLATES],
    )
  ).rows[0] as { messages: number; segments: number };
  const counts = {
    expectedMessages: expected.size,
    statusSmsSavedBySettling: saved.messages,
    segmentsSavedBySettling: saved.segments,
    createdMessages: rows.length,
    expectedSent,
    sent,
    supersededAssessmentSent: supersededSent,
    supersededAssessmentCancelled: supersededCancelled,
    providerRows: handedTotal,
    providerFiles: files,
    multipleHandOffs: rows.filter((r) => r.handed > 1).length,
    // Claimed again without a second hand-off (e.g. requeued after reconciliation found nothing at
    // the provider): allowed, counted to watch.
    claimedMoreThanOnce: rows.filter((r) => r.sendings > 1).length,
  };
  return { ok: problems.length === 0, counts, problems, claimedAgain: rows.filter((r) => r.handed > 1 || r.sendings > 1).map((r) => r.id) };
}
