// `npm run demo`: a realistic camp driven through the RUNNING system (`npm start`, ports 3001–3004)
// by its public HTTP APIs only — registration, decisions, an area closed for return, a fleet, convoy
// plans for the coming days, boarding with no-shows, departure — then a summary a person can read.
//
//   node dist/e2e/demo.js [--households 1000] [--camp mahmoudli-<run>] [--concurrency 16] [--seed <run>]
//                         [--sms-wait 120] [--tell-wait 1200]
//
// Every run uses its own camp id and case-number prefix, so it can be run again on the same database.
// The people are generated (libs/shared/testing), never real.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHouseholds, waitFor } from '@awda/testing';
import { DEV_INBOUND_TOKEN } from '../apps/notifications/src/config.js';
import { api } from './harness.js';
import {
  ApiError,
  Journey,
  LOCAL_URLS,
  localDate,
  mapLimit,
  type CommittedPlan,
  type MessageView,
  type PlanProposal,
  type Registered,
  type Urls,
} from './journey.js';

// ---- options ----

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

const runId = Date.now().toString(36).slice(-6);
const HOUSEHOLDS = Number(option('households', '1000'));
const CAMP = option('camp', `mahmoudli-${runId}`);
const CONCURRENCY = Number(option('concurrency', '16'));
const SEED = option('seed', runId);
const SMS_WAIT_SECONDS = Number(option('sms-wait', '120'));
/** How long boarding waits for the families of the first day to be sent their "scheduled" SMS (the provider's rate decides). */
const TELL_WAIT_SECONDS = Number(option('tell-wait', '1200'));
const CASE_PREFIX = `MHM-${runId.toUpperCase()}`;
const urls: Urls = {
  registration: process.env['REGISTRATION_URL'] ?? LOCAL_URLS.registration,
  eligibility: process.env['ELIGIBILITY_URL'] ?? LOCAL_URLS.eligibility,
  transport: process.env['TRANSPORT_URL'] ?? LOCAL_URLS.transport,
  notifications: process.env['NOTIFICATIONS_URL'] ?? LOCAL_URLS.notifications,
  reporting: process.env['REPORTING_URL'] ?? LOCAL_URLS.reporting,
};
if (!Number.isInteger(HOUSEHOLDS) || HOUSEHOLDS < 1 || HOUSEHOLDS > 20_000) throw new Error('--households must be 1–20000');
if (!Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || CONCURRENCY > 64) throw new Error('--concurrency must be 1–64');

// ---- output ----

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s`;
const say = (line: string) => process.stdout.write(`${elapsed()}  ${line}\n`);

/** A progress bar on a terminal; a line every quarter otherwise. */
function progress(label: string): (done: number, total: number) => void {
  let lastQuarter = -1;
  return (done, total) => {
    if (process.stdout.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r${elapsed()}  ${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const quarter = Math.floor((done / total) * 4);
    if (quarter > lastQuarter && (quarter > 0 || done === total)) {
      lastQuarter = quarter;
      say(`  ${label}: ${done}/${total}`);
    }
  };
}

function table(rows: (string | number)[][], header: string[]): string {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[]) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ');
  return [line(all[0]!), '  ' + widths.map((w) => '-'.repeat(w)).join('   '), ...all.slice(1).map(line)].join('\n');
}

// ---- the run ----

async function checkRunning(): Promise<void> {
  const down: string[] = [];
  for (const [name, url] of Object.entries(urls)) {
    const res = await fetch(`${url}/health`).catch(() => undefined);
    if (res?.status !== 200) down.push(`${name} (${url})`);
  }
  if (down.length > 0) {
    throw new Error(`not reachable: ${down.join(', ')}. Start the system first with \`npm start\` (it serves on ports 3001–3004).`);
  }
}

async function main(): Promise<void> {
  await checkRunning();
  say(`Awda demo — camp ${CAMP} (Mahmoudli, near Tabqa), ${HOUSEHOLDS} households, case numbers ${CASE_PREFIX}-…, seed ${SEED}`);
  for (const line of campLines()) say(line);
  // 16 case workers (one budget of SMS-costing requests each), a supervisor, an admin, a logistics officer.
  const journey = await Journey.create(urls, CAMP, { caseworkers: 16 });

  // Destinations: Raqqa city, Tabqa and Deir ez-Zor sub-districts from registration's reference list, and
  // the communities (towns and villages) in them: every service resolves a community through its parents.
  const areas = await journey.areas();
  const under = (parent: string, level = 'subdistrict') => areas.filter((a) => a.level === level && a.parentCode === parent).map((a) => a.code);
  const raqqa = under('SY1100');
  const tabqa = under('SY1102');
  const deir = [...under('SY0900'), ...under('SY0902')];
  const communities = [...raqqa, ...tabqa, ...deir].flatMap((subdistrict) => under(subdistrict, 'community'));
  // Most families are from Raqqa and Tabqa; many name their town or village rather than the sub-district.
  const destinations = [...raqqa, ...raqqa, ...tabqa, ...tabqa, ...deir, ...communities];
  if (raqqa.length === 0 || tabqa.length === 0 || deir.length === 0) throw new Error('GET /areas lacks the Raqqa, Tabqa or Deir ez-Zor sub-districts');
  if (communities.length === 0) throw new Error('GET /areas lacks the communities of the Raqqa, Tabqa and Deir ez-Zor sub-districts');
  const communitySet = new Set(communities);
  // Closing a sub-district holds the communities in it as well.
  const closedArea = under('SY0902')[0] ?? deir[0]!;
  const areaName = new Map(areas.map((a) => [a.code, `${a.nameEn} (${a.code})`]));

  // 1. Registration.
  const generated = generateHouseholds(SEED, HOUSEHOLDS, { destinationAreas: destinations, campId: CAMP, medicalCaseShare: 0.03 });
  say(`Phase 1/7  registering ${HOUSEHOLDS} households (${generated.reduce((n, h) => n + h.members.length, 0)} people) …`);
  const registered = await mapLimit(
    generated,
    CONCURRENCY,
    (h, i) =>
      journey.register(h, {
        caseNumber: `${CASE_PREFIX}-${String(i + 1).padStart(6, '0')}`,
        shelterLocation: `Sector ${'ABCDEFGH'[i % 8]}, tent ${1 + (i % 240)}`,
        // Most medical cases already have their clearance; some are still waiting for it.
        medicalClearance: i % 5 !== 0,
      }),
    progress('registered'),
  );
  say(`           ${registered.length} registered`);

  // 2. An area closed for return (eligibility admin): families bound there wait, and are told why.
  say(`Phase 2/7  closing ${areaName.get(closedArea)} for return …`);
  await journey.setAreaStatus(closedArea, 'closed', 'Unexploded ordnance reported on the road; clearance under way');

  // 3. Each adult's decision: most consent, some decline, some are still thinking.
  const declined = new Set<string>();
  const undecided = new Set<string>();
  say(`Phase 3/7  recording ${registered.reduce((n, r) => n + r.adults.length, 0)} adults' decisions …`);
  await mapLimit(
    registered,
    CONCURRENCY,
    async (r, i) => {
      if (r.adults.length === 0) return r.version;
      if (i % 20 === 3) {
        declined.add(r.id);
        return (await journey.decide(r.id, r.adults[0]!.id, 'decline')).version;
      }
      if (i % 25 === 9) {
        undecided.add(r.id);
        return r.version;
      }
      return (await journey.consentAll(r))?.version ?? r.version;
    },
    progress('decided'),
  );
  say(`           ${registered.length - declined.size - undecided.size} consented, ${declined.size} declined, ${undecided.size} still deciding`);
  say('           waiting for eligibility to assess every household …');
  // Eligibility re-assesses after each decision; wait until every household's assessment reflects its decisions.
  const adultsOf = new Map(registered.map((r) => [r.id, r.adults.length]));
  const assessed = await journey.waitForAssessments(
    registered.map((r) => r.id),
    (id, a) => {
      if (!a) return 'not assessed yet';
      const codes = a.reasons.map((x) => x.code);
      if (declined.has(id)) return codes.includes('consent_declined') ? null : 'decline not seen yet';
      if (undecided.has(id) || adultsOf.get(id) === 0) return codes.includes('consent_missing') ? null : 'consent_missing expected';
      return codes.includes('consent_missing') ? 'consents not seen yet' : null;
    },
    300_000,
  );
  const byStatus = { eligible: 0, pending: 0, ineligible: 0 };
  const reasons = new Map<string, number>();
  for (const r of registered) {
    const a = assessed.get(r.id);
    if (!a) continue;
    byStatus[a.status] += 1;
    for (const reason of a.reasons) reasons.set(reason.code, (reasons.get(reason.code) ?? 0) + 1);
  }
  say(`           eligible ${byStatus.eligible}, pending ${byStatus.pending}, ineligible ${byStatus.ineligible}`);
  say(`           reasons: ${[...reasons].map(([code, n]) => `${code} ${n}`).join(', ')}`);

  // ---- Ambulance places (issue 14 item 11): one family whose medical clearance says a member travels on
  // a stretcher; it is planned an ambulance place in its own convoy (checked after planning). ----
  const stretcherFamily = await registerStretcherFamily(journey, tabqa[0]!, `${CASE_PREFIX}-${String(HOUSEHOLDS + 1).padStart(6, '0')}`);
  registered.push(stretcherFamily);
  say(`           + 1 family with a stretcher case (clearance: travelMode stretcher), eligible`);

  // 4. The fleet for the coming three days, sized so that the eligible families go over those days.
  const eligibleIds = registered.filter((r) => assessed.get(r.id)?.status === 'eligible').map((r) => r.id);
  const pool = await journey.waitForPool(eligibleIds, 120_000);
  const days = [localDate(1), localDate(2), localDate(3)];
  const people = registered.filter((r) => eligibleIds.includes(r.id)).reduce((n, r) => n + r.members.length, 0);
  const perDay = Math.ceil(eligibleIds.length / days.length);
  const fleet = {
    buses: Math.max(2, Math.ceil(people / days.length / 40) + 1),
    seats: 50,
    cargoTrucks: Math.max(2, Math.ceil(perDay / 2) + 2),
    cargoCapacity: 2,
    ambulances: Math.max(1, Math.ceil(perDay / 40)),
    stretcherPlaces: 4,
  };
  say(`Phase 4/7  fleet: ${fleet.buses} buses (50 seats), ${fleet.cargoTrucks} cargo trucks (2 families each), ${fleet.ambulances} ambulances, on ${days.join(', ')} …`);
  await journey.createFleet(fleet, days, `${runId.toUpperCase()}`);

  // 5. Plans for each day: dry run, then commit; convoys confirmed.
  say(`Phase 5/7  planning convoys for ${pool.length} eligible households …`);
  const plans: { day: string; proposal: PlanProposal; committed: CommittedPlan }[] = [];
  for (const day of days) {
    const proposal = await journey.propose({
      campId: CAMP,
      departureDate: day,
      departureTime: '07:00',
      assemblyPoint: 'Mahmoudli camp, main gate',
      // Each family reads the assembly point in its SMS language.
      assemblyPointTexts: {
        ar: 'البوابة الرئيسية لمخيم المحمودلي',
        ckb: 'دەروازەی سەرەکیی کەمپی مەحمودلی',
        kmr: 'Deriyê sereke yê kampa Mehmûdlî',
        en: 'Mahmoudli camp, main gate',
      },
    });
    if (proposal.plan.convoys.length === 0) break;
    const committed = await journey.commit(proposal.planId);
    plans.push({ day, proposal, committed });
    const q = proposal.plan.quality;
    say(
      `           ${day}: ${committed.convoys.length} convoys, ${committed.convoys.reduce((n, c) => n + c.householdIds.length, 0)} households, ` +
        `${q.busesUsed} buses (planner's lower bound ${q.lowerBound}), ${proposal.plan.unplaced.length} left for a later day`,
    );
  }
  const convoys = plans.flatMap((p) => p.committed.convoys.map((c) => ({ ...c, day: p.day })));
  // ---- Ambulance places: the stretcher case rides an ambulance of its family's convoy. ----
  const plannedAmbulances = plans.flatMap((p) => p.proposal.plan.convoys.filter((c) => c.householdIds.includes(stretcherFamily.id)));
  const stretcherPlaces = plannedAmbulances.flatMap((c) => c.ambulances).flatMap((a) => a.households).filter((h) => h.householdId === stretcherFamily.id);
  if (plannedAmbulances.length !== 1 || stretcherPlaces.reduce((n, h) => n + h.places, 0) !== 1) {
    throw new Error('the family with a stretcher case was not planned a stretcher place in its convoy');
  }
  say(`           the family with a stretcher case has its ambulance place in convoy ${plannedAmbulances[0]?.id}`);
  await mapLimit(convoys, 4, (c) => journey.confirm(c.convoyId));
  say(`           ${convoys.length} convoys confirmed`);

  // Some families withdraw after being told their date: a respected decision.
  const scheduled = convoys.flatMap((c) => c.householdIds);
  const withdrawing = scheduled.filter((_, i) => i % 40 === 13);
  for (const id of withdrawing) {
    const r = registered.find((x) => x.id === id)!;
    await journey.decide(id, r.adults[0]!.id, 'withdraw');
  }
  if (withdrawing.length > 0) {
    await waitFor(
      'transport to release the withdrawn families',
      async () => {
        const views = await mapLimit(convoys, 4, (c) => journey.convoy(c.convoyId));
        const active = new Set(views.flatMap((v) => v.households.filter((h) => h.status !== 'released').map((h) => h.householdId)));
        return withdrawing.every((id) => !active.has(id));
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  }
  say(`           ${withdrawing.length} families withdrew after scheduling and were taken off their convoys`);

  // 6. Boarding on the first day, with no-shows; departure. A family is told its date and assembly point
  // by SMS before it can come to the bus: boarding waits (bounded) until the first day's "scheduled"
  // messages have left the queue (a departure cancels the messages about it still queued).
  const firstDay = convoys.filter((c) => c.day === days[0]);
  const noShows = new Set(firstDay.flatMap((c) => c.householdIds).filter((id, i) => i % 33 === 5 && !withdrawing.includes(id)));
  await waitUntilTold(journey, registered, firstDay.flatMap((c) => c.householdIds).filter((id) => !withdrawing.includes(id)));
  // Two-way SMS (issue 18): the families answer the seat question by reply — most "١" or "1" (confirm),
  // about one in twelve "2" (not this date: the seat is released and the family goes back to the pool,
  // NOT a withdrawal), the no-shows and a third of the others stay silent.
  const askedSeat = firstDay.flatMap((c) => c.householdIds).filter((id) => !withdrawing.includes(id));
  await answerQuestions(journey, registered, askedSeat, 'seat_question', (id, i) =>
    noShows.has(id) ? null : i % 12 === 7 ? '2' : i % 3 === 0 ? null : i % 2 === 0 ? '١' : '1',
  );
  say(`Phase 6/7  boarding ${firstDay.length} convoys of ${days[0]} (${noShows.size} families do not come) …`);
  const boardedIds: string[] = [];
  const boardProgress = progress('departed');
  let departedConvoys = 0;
  for (const c of firstDay) {
    const departed = await journey.board(c.convoyId, noShows, CONCURRENCY);
    boardedIds.push(...departed.households.filter((h) => h.status === 'boarded').map((h) => h.householdId));
    boardProgress(++departedConvoys, firstDay.length);
  }
  const boardedCount = boardedIds.length;
  say(`           ${boardedCount} households boarded and departed`);
  // They reach the handover point: each family is asked whether it arrived safely; most answer 1, about
  // one in ten "2" (we need help: a follow-up flag for a case worker), a third stay silent for now.
  for (const c of firstDay) await journey.arrive(c.convoyId);
  say(`           ${firstDay.length} convoys arrived at the handover point`);
  await answerQuestions(journey, registered, boardedIds, 'arrival_question', (_id, i) => (i % 10 === 3 ? '2' : i % 3 === 1 ? null : '1'));
  // The follow-up survey (SURVEY_AFTER_WEEKS after arrival; start notifications with SURVEY_DELAY_SECONDS=30
  // to see it here): families that answered the arrival check answer its questions one after another.
  await answerSurvey(journey, registered, boardedIds);
  const twoWay = await conversationCounts(journey, [...new Set([...askedSeat, ...boardedIds])]);
  const isCommunityBound = (id: string) => communitySet.has(registered.find((r) => r.id === id)?.destinationArea ?? '');
  const scheduledCommunities = scheduled.filter(isCommunityBound);
  const departedCommunities = boardedIds.filter(isCommunityBound);
  say(
    `           bound for a community (a town or village, not a sub-district): ${scheduledCommunities.length} scheduled, ` +
      `${departedCommunities.length} departed`,
  );
  if (scheduledCommunities.length === 0 && scheduled.length > 0) {
    throw new Error('no community-bound household was scheduled: destinations are not resolved through the area hierarchy');
  }
  await waitFor('registration to close the cases of those who left', async () => (await journey.householdCount('closed')) >= boardedCount, {
    timeoutMs: 120_000,
    intervalMs: 1000,
  });

  // 7. The SMS go out at the provider's rate, never in quiet hours; wait a bounded time for those due now.
  const withPhone = registered.filter((r) => r.generated.phone !== null);
  const dueNow = (m: MessageView) => (m.status === 'queued' || m.status === 'sending') && m.template !== 'reminder';
  say(`Phase 7/7  waiting up to ${SMS_WAIT_SECONDS}s for the SMS due now to be sent (provider rate limit; quiet hours hold them) …`);
  let logs: MessageView[][] = [];
  const smsDeadline = Date.now() + SMS_WAIT_SECONDS * 1000;
  for (;;) {
    logs = await mapLimit(registered, CONCURRENCY, (r) => journey.messages(r.id));
    const phones = new Set(withPhone.map((r) => r.id));
    const all = logs.flat().filter((m) => phones.has(m.householdId));
    const waiting = all.filter(dueNow).length;
    const sent = all.filter((m) => m.status === 'sent' || m.status === 'delivered').length;
    say(`           sent ${sent}, still due ${waiting}`);
    if (waiting === 0 || Date.now() > smsDeadline) break;
    await new Promise((r) => setTimeout(r, 5000));
  }
  // A family that leaves has its camp case closed at departure: "closed" counts those who left.
  const statuses = ['registered', 'scheduled', 'withdrawn', 'closed'];
  const counts = await Promise.all(statuses.map((s) => journey.householdCount(s)));
  const eligibility = `eligible ${byStatus.eligible}, pending ${byStatus.pending}, ineligible ${byStatus.ineligible}; reasons: ${[...reasons].map(([code, n]) => `${code} ${n}`).join(', ')}`;
  // The demo's own check: nobody who boarded with a phone had the message telling it to come cancelled by the departure.
  const phoneIds = new Set(withPhone.map((r) => r.id));
  const boardedSet = new Set(boardedIds);
  const overtaken = logs
    .flat()
    .filter((m) => m.template === 'scheduled' && m.status === 'cancelled' && boardedSet.has(m.householdId) && phoneIds.has(m.householdId)).length;
  printSummary(registered, statuses, counts, boardedCount, plans, convoys.length, logs, eligibility, overtaken, twoWay);
}

/** Where to see the demo's data: its camp id is new on every run, so a token for "mahmoudli" sees none of it. */
function campLines(): string[] {
  return [
    `The demo's camp id is ${CAMP}. A token that sees its data (supervisor and logistics, this camp only):`,
    `    TOKEN=$(npm run -s token -- --role supervisor --role logistics --camp ${CAMP})`,
    `    curl -H "Authorization: Bearer $TOKEN" "${urls.registration}/households?campId=${CAMP}"`,
  ];
}

/**
 * Waits until every family of `householdIds` with a phone has its "scheduled" SMS sent (or ended
 * otherwise: no phone, STOP), so that departure does not overtake the message that tells it to come.
 */
async function waitUntilTold(journey: Journey, registered: Registered[], householdIds: string[]): Promise<void> {
  const withPhone = new Set(registered.filter((r) => r.generated.phone !== null).map((r) => r.id));
  const families = householdIds.filter((id) => withPhone.has(id));
  say(`           waiting up to ${TELL_WAIT_SECONDS}s for ${families.length} families of the first day to be sent their "scheduled" SMS …`);
  const deadline = Date.now() + TELL_WAIT_SECONDS * 1000;
  let last = '';
  for (;;) {
    const logs = await mapLimit(families, CONCURRENCY, (id) => journey.messages(id));
    const scheduled = logs.map((log) => log.filter((m) => m.template === 'scheduled').at(-1));
    const waiting = scheduled.filter((m) => !m || m.status === 'queued' || m.status === 'sending').length;
    const line = `           told ${families.length - waiting}/${families.length}`;
    if (line !== last) say(line);
    last = line;
    if (waiting === 0) return;
    if (Date.now() > deadline) {
      say(`           ${waiting} families not yet told after ${TELL_WAIT_SECONDS}s (--tell-wait): boarding goes ahead, their message will be cancelled`);
      return;
    }
    await new Promise((r) => setTimeout(r, 5000));
  }
}

function printSummary(
  registered: Registered[],
  statuses: string[],
  counts: number[],
  departed: number,
  plans: { day: string; proposal: PlanProposal; committed: CommittedPlan }[],
  convoyCount: number,
  logs: MessageView[][],
  eligibility: string,
  overtaken: number,
  twoWay: TwoWayCounts,
): void {
  const out: string[] = ['', `==== Summary — camp ${CAMP}, ${registered.length} households ====`, ''];
  out.push(`Eligibility before planning: ${eligibility}`, '');
  out.push('Households by status (registration):');
  const closed = counts[statuses.indexOf('closed')] ?? 0;
  out.push(
    table(
      statuses.map((s, i) => [s === 'closed' ? 'closed (camp case done)' : s, counts[i] ?? 0]),
      ['status', 'households'],
    ),
  );
  out.push(`  departed with a convoy: ${departed} families — a family that leaves has its camp case closed, so they are among the ${closed} closed`);
  out.push('');
  out.push(`Convoys (${convoyCount}), buses used against the planner's lower bound:`);
  const rows: (string | number)[][] = [];
  for (const p of plans) {
    for (const c of p.proposal.plan.convoys) {
      rows.push([p.day, c.corridorId, c.householdIds.length, c.seatUnits, c.buses.length, c.cargoTrucks.length, c.ambulances.length, c.destinations.join(' ')]);
    }
    const q = p.proposal.plan.quality;
    rows.push([`  ${p.day} total`, '', '', '', `${q.busesUsed} (bound ${q.lowerBound}${q.lpBound ? `, LP ${q.lpBound}` : ''})`, '', '', `${q.method}, seats used ${(q.seatUtilisation * 100).toFixed(0)}%`]);
  }
  out.push(table(rows, ['date', 'corridor', 'families', 'seat units', 'buses', 'trucks', 'ambulances', 'destinations']));
  out.push('');
  const sms = new Map<string, { messages: number; segments: number; byStatus: Map<string, number> }>();
  for (const m of logs.flat()) {
    const key = `${m.template}\u0000${m.language ?? registered.find((r) => r.id === m.householdId)?.language ?? '?'}`;
    const entry = sms.get(key) ?? { messages: 0, segments: 0, byStatus: new Map() };
    entry.messages += 1;
    entry.segments += m.segments ?? 0;
    entry.byStatus.set(m.status, (entry.byStatus.get(m.status) ?? 0) + 1);
    sms.set(key, entry);
  }
  out.push('SMS by template and language (segments are counted when a message is rendered and sent; queued ones have none yet):');
  out.push(
    table(
      [...sms]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, e]) => {
          const [template, language] = key.split('\u0000');
          return [template!, language!, e.messages, e.segments, [...e.byStatus].map(([s, n]) => `${s} ${n}`).join(', ')];
        }),
      ['template', 'language', 'messages', 'segments', 'status'],
    ),
  );
  const all = logs.flat();
  const scheduledSms = all.filter((m) => m.template === 'scheduled');
  const countOf = (...wanted: string[]) => scheduledSms.filter((m) => wanted.includes(m.status)).length;
  out.push(
    `  "scheduled" SMS (date and assembly point): ${scheduledSms.length} — sent ${countOf('sent', 'delivered')}, cancelled ${countOf('cancelled')}` +
      ` (withdrawn, taken off a convoy or overtaken by departure), expired ${countOf('expired')}, suppressed ${countOf('suppressed')}, failed ${countOf('failed')},` +
      ` still queued ${countOf('queued', 'sending')}`,
  );
  out.push(
    overtaken === 0
      ? '  every family that boarded with a phone was sent its "scheduled" SMS before the departure'
      : `  WARNING: ${overtaken} families boarded with a phone but their "scheduled" SMS was cancelled by the departure (raise --tell-wait)`,
  );
  const superseded = all.filter((m) => m.status === 'cancelled' && m.outcomeReason === 'superseded');
  out.push(
    `  status messages settled: ${superseded.length} replaced by a newer status before they went out (never sent), ` +
      `${superseded.reduce((n, m) => n + (m.segments ?? 0), 0)} segments saved (SMS_SETTLE_SECONDS of notifications, default 180 s;` +
      ` status messages still settling show as queued)`,
  );
  out.push('');
  out.push('Two-way SMS (replies from the families of the first day):');
  out.push(
    `  seat question: ${twoWay.seat.confirmed ?? 0} confirmed by reply, ${twoWay.seat.declined ?? 0} gave up the date (seat released, back in the pool: not a withdrawal),` +
      ` ${twoWay.seat.open ?? 0} not answered yet, ${twoWay.seat.closed ?? 0} closed (departed or taken off), ${twoWay.seat.unanswered ?? 0} unanswered at the deadline`,
  );
  out.push(
    `  arrival check: ${twoWay.arrival.safe ?? 0} arrived safely, ${twoWay.arrival.needs_help ?? 0} asked for help, ${twoWay.arrival.open ?? 0} not answered yet` +
      ` (no answer within ARRIVAL_CHECK_HOURS, default 24, raises a flag too); ${twoWay.flagged} families on the camp's follow-up work list`,
  );
  const surveyAnswers = Object.entries(twoWay.surveyAnswers)
    .map(([question, answers]) => `${question} ${Object.entries(answers).map(([answer, n]) => `${answer} ${n}`).join(', ')}`)
    .join('; ');
  out.push(
    `  follow-up survey: ${twoWay.survey.completed ?? 0} completed, ${twoWay.survey.open ?? 0} being answered, ${twoWay.survey.scheduled ?? 0} planned` +
      ` (asked SURVEY_AFTER_WEEKS, default 4, after arrival, once the arrival check has ended; SURVEY_DELAY_SECONDS=30 for a demo)` +
      (surveyAnswers ? `; answers: ${surveyAnswers}` : ''),
  );
  out.push(`  (work list: GET ${urls.notifications}/conversations/flagged?campId=${CAMP}; a family's conversations: GET ${urls.notifications}/households/<id>/conversations)`);
  out.push(`  total: ${all.length} messages, ${all.filter((m) => m.status === 'sent' || m.status === 'delivered').length} sent, ${all.reduce((n, m) => n + (m.segments ?? 0), 0)} segments so far`);
  out.push('  (queued messages go out at the provider rate, SMS_RATE_SEGMENTS_PER_SECOND (default 10/s), never during quiet hours, SMS_QUIET_START–END');
  out.push('   (default 21:00–08:00 Asia/Damascus); reminders wait for 10:00 the day before departure;');
  out.push('   families without a phone keep theirs queued until a phone is recorded)');
  out.push('');
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dir = process.env['SMS_DEV_OUTBOX_DIR'] ?? join(repoRoot, 'var', 'sms-outbox');
  out.push('Where to read the SMS that would have been sent (dev provider):');
  out.push(`  files:  ${dir}/<messageId>.txt   (SMS_DEV_OUTBOX_DIR of the notifications service, relative to where \`npm start\` ran)`);
  out.push(`  table:  psql ${process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/awda'} -c "SELECT * FROM notifications.dev_sms_outbox ORDER BY written_at DESC LIMIT 20"`);
  out.push(`  one family's log: GET ${urls.notifications}/households/<id>/messages (with the token below)`);
  out.push('');
  out.push(...campLines().map((line) => `  ${line}`));
  out.push(`  A convoy's manifest: GET ${urls.transport}/convoys/<convoyId>/manifest?format=html (convoys: GET ${urls.transport}/convoys?campId=${CAMP})`);
  out.push('');
  out.push(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write('\n');
  if (error instanceof ApiError) {
    process.stderr.write(`demo stopped: ${error.method} ${error.url} answered ${error.status}\n${JSON.stringify(error.body, null, 2)}\n`);
  } else {
    process.stderr.write(`demo stopped: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = 1;
});

interface TwoWayCounts {
  seat: Record<string, number>;
  arrival: Record<string, number>;
  survey: Record<string, number>;
  /** question → answer code → families. */
  surveyAnswers: Record<string, Record<string, number>>;
  flagged: number;
}

interface ConversationView {
  purpose: string;
  state: string;
  outcome: string | null;
  flagged: boolean;
  asksAt?: string | null;
  surveyAnswers?: { questionCode: string; answer: number; answerCode: string | null }[];
}

const SURVEY_TEMPLATES = ['survey_shelter', 'survey_services', 'survey_safety'] as const;
// Replies per question by the family's index among those asked (null: stays silent), digits of both kinds.
const SURVEY_REPLIES: ((i: number) => string | null)[] = [
  (i) => (i % 9 === 4 ? null : i % 5 === 0 ? '٣' : i % 4 === 1 ? '2' : '1'),
  (i) => (i % 6 === 0 ? '3' : i % 3 === 1 ? '٢' : '1'),
  (i) => (i % 8 === 0 ? '3' : i % 4 === 2 ? '2' : '١'),
];

/**
 * The families whose arrival check has ended answer the survey when it is asked: each question goes to
 * those who answered the one before. Skipped (with a note) when the survey is not due within --tell-wait.
 */
async function answerSurvey(journey: Journey, registered: Registered[], householdIds: string[]): Promise<void> {
  const lists = await mapLimit(householdIds, CONCURRENCY, (id) =>
    journey.call<ConversationView[] | { code: string }>('supervisor', 'notifications', 'GET', `/households/${id}/conversations`, undefined, { expect: [200, 404] }),
  );
  const due = Date.now() + TELL_WAIT_SECONDS * 1000;
  let respondents = householdIds.filter((_, i) => {
    const list = lists[i];
    if (!Array.isArray(list) || list.some((c) => c.purpose === 'arrival_check' && c.state === 'open')) return false;
    const survey = list.find((c) => c.purpose === 'follow_up_survey' && (c.state === 'scheduled' || c.state === 'open'));
    return survey !== undefined && Date.parse(survey.asksAt ?? '') <= due;
  });
  if (respondents.length === 0) {
    say('           follow-up survey planned SURVEY_AFTER_WEEKS after arrival: not answered in this demo (SURVEY_DELAY_SECONDS=30 on notifications shows it)');
    return;
  }
  for (const [q, template] of SURVEY_TEMPLATES.entries()) {
    const answered = new Set<string>();
    await answerQuestions(journey, registered, respondents, template, (id, i) => {
      const text = SURVEY_REPLIES[q]?.(i) ?? null;
      if (text !== null) answered.add(id);
      return text;
    });
    respondents = respondents.filter((id) => answered.has(id));
  }
}

/**
 * Each family of `householdIds` with a phone whose `template` question has been sent answers `answer(id, i)`
 * through the provider's inbound webhook (null: stays silent). Waits (bounded by --tell-wait) for the
 * questions to leave the queue; a family not yet asked when the wait ends does not answer.
 */
async function answerQuestions(
  journey: Journey,
  registered: Registered[],
  householdIds: string[],
  template: string,
  answer: (householdId: string, index: number) => string | null,
): Promise<void> {
  const phoneOf = new Map(registered.filter((r) => r.generated.phone !== null).map((r) => [r.id, r.generated.phone!]));
  const families = householdIds.filter((id) => phoneOf.has(id));
  const deadline = Date.now() + TELL_WAIT_SECONDS * 1000;
  let asked: string[] = [];
  for (;;) {
    const logs = await mapLimit(families, CONCURRENCY, (id) => journey.messages(id));
    asked = families.filter((_, i) => logs[i]!.some((m) => m.template === template && (m.status === 'sent' || m.status === 'delivered')));
    if (asked.length === families.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 5000));
  }
  let replies = 0;
  await mapLimit(
    asked.map((id, i) => [id, answer(id, i)] as const),
    CONCURRENCY,
    async ([id, text]) => {
      if (text === null) return;
      const res = await api('POST', `${urls.notifications}/inbound/sms`, '', { From: phoneOf.get(id), Body: text, MessageSid: `demo-${runId}-${template}-${id}` }, {
        'x-awda-inbound-token': DEV_INBOUND_TOKEN,
      });
      if (res.status !== 200) throw new ApiError('POST', `${urls.notifications}/inbound/sms`, res.status, res.body, { Body: text });
      replies += 1;
    },
  );
  say(`           "${template}" sent to ${asked.length}/${families.length} families with a phone; ${replies} replied`);
}

/** Conversations of these households by purpose and outcome (open ones as "open"), and the camp's flagged families. */
async function conversationCounts(journey: Journey, householdIds: string[]): Promise<TwoWayCounts> {
  const counts: TwoWayCounts = { seat: {}, arrival: {}, survey: {}, surveyAnswers: {}, flagged: 0 };
  const lists = await mapLimit(householdIds, CONCURRENCY, (id) =>
    journey.call<ConversationView[] | { code: string }>('supervisor', 'notifications', 'GET', `/households/${id}/conversations`, undefined, { expect: [200, 404] }),
  );
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const bucket = c.purpose === 'seat_confirmation' ? counts.seat : c.purpose === 'arrival_check' ? counts.arrival : c.purpose === 'follow_up_survey' ? counts.survey : null;
      if (!bucket) continue;
      for (const a of c.surveyAnswers ?? []) {
        const byAnswer = (counts.surveyAnswers[a.questionCode] ??= {});
        const key = a.answerCode ?? String(a.answer);
        byAnswer[key] = (byAnswer[key] ?? 0) + 1;
      }
      const key = c.state === 'open' ? 'open' : (c.outcome ?? c.state);
      bucket[key] = (bucket[key] ?? 0) + 1;
    }
  }
  const flagged = await journey.call<unknown[]>('supervisor', 'notifications', 'GET', `/conversations/flagged?campId=${CAMP}`);
  counts.flagged = flagged.length;
  return counts;
}

/** A family bound for `destination` whose second member has a serious medical condition and travels on a stretcher. */
async function registerStretcherFamily(journey: Journey, destination: string, caseNumber: string): Promise<Registered> {
  const base = generateHouseholds(`${SEED}-stretcher`, 100, { destinationAreas: [destination], campId: CAMP }).find(
    (h) => h.members.length >= 3 && h.members[0]?.document != null && h.members.every((m) => m.needs.length === 0),
  );
  if (!base) throw new Error('no family to give a stretcher case among the generated ones');
  const household = { ...base, members: base.members.map((m, i) => (i === 1 ? { ...m, needs: ['SMC' as const] } : m)) };
  const registered = await journey.register(household, { caseNumber, travelMode: 'stretcher' });
  await journey.consentAll(registered);
  await journey.waitForAssessment(registered.id, 1, (a) => a.status === 'eligible', 120_000);
  return registered;
}
