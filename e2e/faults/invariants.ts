// "Nothing lost, nothing twice", checked from the outside: each service's schema read directly with
// `pg`, the event stream read with a NATS client. Every violation names the invariant and carries the
// rows / events that show it, so a failing run says exactly what broke.
import { readdirSync, existsSync } from 'node:fs';
import type pg from 'pg';
import { DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { consumerName, eventStreamName, readDeadLetters, wireSubject } from '@awda/messaging';

export const SCHEMAS = ['registration', 'eligibility', 'transport', 'notifications'] as const;
const SCHEDULED = 'awda.transport.household.scheduled.v1';

export interface Violation {
  invariant: string;
  detail: string;
  evidence: unknown[];
}

export interface StreamEvent {
  seq: number;
  subject: string;
  msgId: string;
  envelope: { id: string; type: string; data: Record<string, unknown> } | undefined;
}

export interface Expectations {
  /** Households the test registered with a phone: each must get exactly one `registered` SMS. */
  registeredWithPhone: ReadonlySet<string>;
  /** Households the test registered (with or without a phone). */
  registered: ReadonlySet<string>;
}

/** A pool, or one client inside a transaction (the self-check plants rows it then rolls back). */
export type Db = Pick<pg.ClientBase, 'query'>;

export interface CheckContext {
  pool: Db;
  jsm: JetStreamManager;
  namespace: string;
  /** The dev SMS provider's directory (one <messageId>.txt per SMS "sent"). */
  smsDir?: string;
}

const SENT = ['sent', 'delivered'];
const sample = <T>(rows: T[], n = 10): T[] => rows.slice(0, n);

function violation(list: Violation[], invariant: string, detail: string, evidence: unknown[]): void {
  list.push({ invariant, detail, evidence: sample(evidence) });
}

/** Every message of the event stream (all subjects), in order. */
export async function readStream(jsm: JetStreamManager, namespace: string): Promise<StreamEvent[]> {
  const stream = eventStreamName(namespace);
  const info = await jsm.streams.info(stream);
  const last = info.state.last_seq;
  const events: StreamEvent[] = [];
  if (info.state.messages === 0) return events;
  const consumer = await jsm.jetstream().consumers.get(stream, { deliver_policy: DeliverPolicy.All });
  while (events.length < info.state.messages) {
    const batch = await consumer.fetch({ max_messages: 1000, expires: 3000 });
    let got = 0;
    let done = false;
    for await (const m of batch) {
      got += 1;
      let envelope: StreamEvent['envelope'];
      try {
        envelope = m.json();
      } catch {
        envelope = undefined;
      }
      events.push({ seq: m.seq, subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id') ?? '', envelope });
      if (m.seq >= last) done = true;
    }
    if (done || got === 0) break;
  }
  return events;
}

export async function checkOutboxesEmpty(pool: Db, out: Violation[]): Promise<void> {
  for (const schema of SCHEMAS) {
    const { rows } = await pool.query(
      `SELECT id, subject, created_at, attempts, last_error FROM "${schema}".outbox WHERE published_at IS NULL ORDER BY seq`,
    );
    if (rows.length) violation(out, 'no stuck outbox rows', `${rows.length} unpublished row(s) in ${schema}.outbox`, rows);
  }
}

/** Every outbox row marked published is in the stream (the relay's PubAck was not a lie). */
export function checkOutboxInStream(outbox: Map<string, { schema: string; subject: string }>, events: StreamEvent[], out: Violation[]): void {
  const inStream = new Set(events.map((e) => e.msgId));
  const lost = [...outbox.entries()].filter(([id]) => !inStream.has(id)).map(([id, row]) => ({ id, ...row }));
  if (lost.length) {
    violation(out, 'nothing lost: every published outbox row is in the stream', `${lost.length} event(s) marked published but missing from the stream`, lost);
  }
  const seen = new Map<string, number[]>();
  for (const e of events) if (e.msgId) seen.set(e.msgId, [...(seen.get(e.msgId) ?? []), e.seq]);
  const twice = [...seen.entries()].filter(([, seqs]) => seqs.length > 1).map(([id, seqs]) => ({ id, seqs }));
  if (twice.length) {
    violation(out, 'the stream holds each event id once', `${twice.length} event id(s) stored more than once (dedupe window missed)`, twice);
  }
}

export async function checkDeadLetters(jsm: JetStreamManager, namespace: string, out: Violation[]): Promise<void> {
  const letters = await readDeadLetters(jsm, namespace);
  if (letters.length) {
    violation(
      out,
      'dead-letter subjects empty',
      `${letters.length} dead letter(s)`,
      letters.map((l) => ({ subject: l.subject, original: l.originalSubject, reason: l.reason, error: l.error })),
    );
  }
}

export async function checkConsumersCaughtUp(jsm: JetStreamManager, namespace: string, out: Violation[]): Promise<void> {
  const stream = eventStreamName(namespace);
  for (const service of SCHEMAS) {
    const info = await jsm.consumers.info(stream, consumerName(namespace, service)).catch(() => undefined);
    if (!info) {
      violation(out, 'every service consumes the stream', `no durable consumer for ${service}`, []);
    } else if (info.num_pending > 0 || info.num_ack_pending > 0) {
      violation(out, 'every event consumed', `${service}: ${info.num_pending} pending, ${info.num_ack_pending} unacknowledged`, [
        { delivered: info.delivered, ack_floor: info.ack_floor },
      ]);
    }
  }
}

export async function checkSeats(pool: Db, out: Violation[]): Promise<void> {
  const { rows } = await pool.query(`
    SELECT cv.id, cv.convoy_id, cv.kind, cv.capacity, cv.used, coalesce(sum(b.units), 0)::int AS booked,
           count(b.*) FILTER (WHERE a.status = 'released')::int AS released_bookings
      FROM transport.convoy_vehicles cv
      LEFT JOIN transport.bookings b ON b.convoy_vehicle_id = cv.id
      LEFT JOIN transport.assignments a ON a.id = b.assignment_id
     GROUP BY cv.id
    HAVING cv.used > cv.capacity OR cv.used <> coalesce(sum(b.units), 0) OR count(b.*) FILTER (WHERE a.status = 'released') > 0`);
  if (rows.length) {
    violation(out, 'no seat over-booked: used <= capacity and used = sum(bookings)', `${rows.length} convoy vehicle(s) inconsistent`, rows);
  }
}

export async function checkAssignments(pool: Db, events: StreamEvent[], out: Violation[]): Promise<void> {
  const active = await pool.query(`
    SELECT household_id, count(*)::int AS n, array_agg(convoy_id) AS convoys
      FROM transport.assignments WHERE status <> 'released' GROUP BY household_id HAVING count(*) > 1`);
  if (active.rows.length) violation(out, 'one active assignment per household', `${active.rows.length} household(s) booked twice`, active.rows);

  // Eligible at the source (eligibility's latest assessment) and in transport's projection.
  const eligible = await pool.query<{ household_id: string }>(`
    SELECT household_id, status FROM eligibility.assessments`).catch(() => undefined);
  const projection = await pool.query<{ household_id: string; eligibility: string | null }>(
    `SELECT household_id, eligibility FROM transport.households`,
  );
  if (eligible) {
    const source = new Set(eligible.rows.filter((r) => (r as unknown as { status: string }).status === 'eligible').map((r) => r.household_id));
    const seen = new Set(projection.rows.filter((r) => r.eligibility === 'eligible').map((r) => r.household_id));
    const missing = [...source].filter((h) => !seen.has(h));
    const extra = [...seen].filter((h) => !source.has(h));
    if (missing.length || extra.length) {
      violation(out, "transport's projection agrees with eligibility", `${missing.length} eligible household(s) not eligible in transport, ${extra.length} the other way`, [
        ...missing.map((h) => ({ householdId: h, problem: 'eligible in eligibility, not in transport' })),
        ...extra.map((h) => ({ householdId: h, problem: 'eligible in transport, not in eligibility' })),
      ]);
    }
  }

  // Each assignment ever made announced by exactly one household.scheduled event, the latest one
  // naming the convoy of the live assignment.
  const assignments = await pool.query<{ household_id: string; convoy_id: string; status: string }>(
    `SELECT household_id, convoy_id, status FROM transport.assignments ORDER BY assigned_at`,
  );
  const scheduled = new Map<string, { id: string; convoyId: string; version: number }[]>();
  for (const e of events) {
    if (!e.subject.endsWith(SCHEDULED) || !e.envelope) continue;
    const d = e.envelope.data as { householdId: string; convoyId: string; scheduleVersion: number };
    const list = scheduled.get(d.householdId) ?? [];
    if (!list.some((x) => x.id === e.envelope?.id)) list.push({ id: e.envelope.id, convoyId: d.convoyId, version: d.scheduleVersion });
    scheduled.set(d.householdId, list);
  }
  const byHousehold = new Map<string, { convoy_id: string; status: string }[]>();
  for (const a of assignments.rows) byHousehold.set(a.household_id, [...(byHousehold.get(a.household_id) ?? []), a]);
  const bad: unknown[] = [];
  for (const [householdId, list] of byHousehold) {
    const events = scheduled.get(householdId) ?? [];
    const live = list.find((a) => a.status !== 'released');
    const latest = [...events].sort((a, b) => b.version - a.version)[0];
    if (events.length !== list.length || (live && latest?.convoyId !== live.convoy_id)) {
      bad.push({ householdId, assignments: list, scheduledEvents: events });
    }
  }
  for (const [householdId, events] of scheduled) if (!byHousehold.has(householdId)) bad.push({ householdId, assignments: [], scheduledEvents: events });
  if (bad.length) violation(out, 'household.scheduled events consistent with assignments (one per assignment)', `${bad.length} household(s) inconsistent`, bad);
}

/** Every eligible household in the pool planned exactly once (after the test planned everything). */
export async function checkEveryEligibleScheduled(pool: Db, out: Violation[]): Promise<void> {
  const { rows } = await pool.query(`
    SELECT h.household_id FROM transport.households h
     WHERE h.eligibility = 'eligible'
       AND NOT EXISTS (SELECT 1 FROM transport.assignments a WHERE a.household_id = h.household_id AND a.status <> 'released')`);
  if (rows.length) violation(out, 'every eligible household scheduled', `${rows.length} eligible household(s) without a seat`, rows);
}

export async function checkSms(pool: Db, expectations: Expectations | undefined, smsDir: string | undefined, out: Violation[]): Promise<void> {
  // One message per household + template + cause (the inbox's promise), over every template.
  const perCause = await pool.query(`
    SELECT household_id, template, cause_event_id, count(*)::int AS n FROM notifications.messages
     GROUP BY 1, 2, 3 HAVING count(*) > 1`);
  if (perCause.rows.length) violation(out, 'one message per household + template + cause', `${perCause.rows.length} repeated`, perCause.rows);

  // At most once: per household + template (+ convoy for travel messages), whatever the cause.
  const dup = await pool.query(`
    SELECT m.household_id, m.template, m.convoy_id, count(*)::int AS n, array_agg(m.id) AS message_ids,
           array_agg(m.cause_event_id) AS causes, array_agg(m.status) AS statuses
      FROM notifications.messages m
     WHERE m.status = ANY($1) AND m.template NOT IN ('assessed_pending', 'opted_out', 'opted_in', 'unscheduled', 'unscheduled_no_date')
     GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    [SENT],
  );
  if (dup.rows.length) violation(out, 'every SMS exactly once (household + template + convoy)', `${dup.rows.length} SMS sent more than once`, dup.rows);

  const devDup = await pool.query(`
    SELECT m.household_id, m.template, m.convoy_id, count(*)::int AS n, array_agg(d.message_id) AS message_ids
      FROM notifications.dev_sms_outbox d JOIN notifications.messages m ON m.id = d.message_id
     WHERE m.template NOT IN ('assessed_pending', 'opted_out', 'opted_in', 'unscheduled', 'unscheduled_no_date')
     GROUP BY 1, 2, 3 HAVING count(*) > 1`);
  if (devDup.rows.length) violation(out, "the dev provider's sent rows have no duplicates", `${devDup.rows.length} duplicate(s) in dev_sms_outbox`, devDup.rows);

  // The provider's own count of send() calls per message: a second hand-off of one message is a second SMS.
  const handedTwice = await pool.query(`SELECT message_id, hand_offs FROM notifications.dev_sms_outbox WHERE hand_offs > 1`);
  if (handedTwice.rows.length) {
    // With each message's story, so a failure can be explained from the CI log alone.
    const stories = await pool.query(`
      SELECT d.message_id, d.hand_offs, d.written_at, m.template, m.status,
             array_agg(to_char(h.at, 'HH24:MI:SS.MS') || ' ' || h.status || coalesce(' (' || h.detail || ')', '') ORDER BY h.id) AS history
        FROM notifications.dev_sms_outbox d
        JOIN notifications.messages m ON m.id = d.message_id
        LEFT JOIN notifications.message_status_history h ON h.message_id = d.message_id
       WHERE d.hand_offs > 1
       GROUP BY d.message_id, d.hand_offs, d.written_at, m.template, m.status`);
    violation(out, 'no message handed to the provider twice', `${handedTwice.rows.length} message(s) handed off more than once`, stories.rows);
  }

  const devRows = await pool.query<{ message_id: string; household_id: string | null; template: string | null; status: string | null }>(`
    SELECT d.message_id, m.household_id, m.template, m.status
      FROM notifications.dev_sms_outbox d LEFT JOIN notifications.messages m ON m.id = d.message_id`);
  const orphans = devRows.rows.filter((r) => r.household_id === null || !SENT.includes(r.status ?? ''));
  if (orphans.length) {
    violation(out, 'a provider send is recorded on its message', `${orphans.length} SMS handed to the provider but not recorded as sent`, orphans);
  }
  if (smsDir && existsSync(smsDir)) {
    const ids = new Set(devRows.rows.map((r) => r.message_id));
    const files = readdirSync(smsDir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4));
    const strays = files.filter((id) => !ids.has(id));
    if (strays.length) violation(out, "the dev provider's files match its rows", `${strays.length} file(s) without a dev_sms_outbox row`, strays);
  }

  // Nothing left half-way.
  const stuck = await pool.query(`
    SELECT m.id, m.household_id, m.template, m.status, m.attempts, m.last_error, m.due_at
      FROM notifications.messages m JOIN notifications.recipients r ON r.household_id = m.household_id
     WHERE m.status IN ('sending', 'failed')
        OR (m.status = 'queued' AND m.due_at <= now() AND r.phone_encrypted IS NOT NULL AND NOT r.opted_out)`);
  if (stuck.rows.length) violation(out, 'no SMS stuck or failed', `${stuck.rows.length} message(s) sending/failed/overdue`, stuck.rows);

  // At least once: what each household must have been told.
  const sent = await pool.query<{ household_id: string; template: string; convoy_id: string | null }>(
    `SELECT household_id, template, convoy_id FROM notifications.messages WHERE status = ANY($1)`,
    [SENT],
  );
  const has = new Set(sent.rows.map((r) => `${r.household_id}|${r.template}|${r.template === 'scheduled' ? r.convoy_id : ''}`));
  const missing: unknown[] = [];
  if (expectations) {
    for (const h of expectations.registeredWithPhone) if (!has.has(`${h}|registered|`)) missing.push({ householdId: h, template: 'registered' });
    const withPhone = [...expectations.registeredWithPhone];
    const eligible = await pool.query<{ household_id: string }>(
      `SELECT household_id, status FROM eligibility.assessments WHERE household_id = ANY($1::uuid[])`,
      [withPhone],
    );
    for (const row of eligible.rows as unknown as { household_id: string; status: string }[]) {
      if (row.status === 'eligible' && !has.has(`${row.household_id}|assessed_eligible|`)) missing.push({ householdId: row.household_id, template: 'assessed_eligible' });
    }
    const live = await pool.query<{ household_id: string; convoy_id: string }>(
      `SELECT household_id, convoy_id FROM transport.assignments WHERE status <> 'released' AND household_id = ANY($1::uuid[])`,
      [withPhone],
    );
    for (const a of live.rows) if (!has.has(`${a.household_id}|scheduled|${a.convoy_id}`)) missing.push({ householdId: a.household_id, template: 'scheduled', convoyId: a.convoy_id });
  }
  if (missing.length) violation(out, 'every expected SMS sent (at least once)', `${missing.length} expected SMS never sent`, missing);
}

/** Every check; returns the violations (empty = all invariants hold). */
export async function checkInvariants(
  ctx: CheckContext,
  expectations?: Expectations,
  { allScheduled = true }: { allScheduled?: boolean } = {},
): Promise<{ violations: Violation[]; events: number }> {
  const out: Violation[] = [];
  const events = await readStream(ctx.jsm, ctx.namespace);
  const outbox = new Map<string, { schema: string; subject: string }>();
  for (const schema of SCHEMAS) {
    const { rows } = await ctx.pool.query<{ id: string; subject: string }>(`SELECT id, subject FROM "${schema}".outbox WHERE published_at IS NOT NULL`);
    for (const r of rows) outbox.set(r.id, { schema, subject: r.subject });
  }
  await checkOutboxesEmpty(ctx.pool, out);
  checkOutboxInStream(outbox, events, out);
  await checkDeadLetters(ctx.jsm, ctx.namespace, out);
  await checkConsumersCaughtUp(ctx.jsm, ctx.namespace, out);
  await checkSeats(ctx.pool, out);
  await checkAssignments(ctx.pool, events, out);
  if (allScheduled) await checkEveryEligibleScheduled(ctx.pool, out);
  await checkSms(ctx.pool, expectations, ctx.smsDir, out);
  return { violations: out, events: events.length };
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `✗ ${v.invariant}: ${v.detail}\n  evidence: ${JSON.stringify(v.evidence, null, 0).slice(0, 3000)}`)
    .join('\n');
}

export { wireSubject };
