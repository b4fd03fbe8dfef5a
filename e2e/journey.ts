// A driver of Awda's public HTTP APIs for end-to-end tests, the fault suite, benchmarks and the demo:
// each function is one thing a user does (or reads) through the services, every request is checked,
// and every wait is bounded. Nothing here reads a service's tables.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ConsentDecision } from '@awda/contracts';
import { waitFor, type GeneratedHousehold, type GeneratedMember } from '@awda/testing';
import { api, tokenFor, type AwdaSystem, type ServiceName } from './harness.js';

export type Urls = Record<ServiceName, string>;

/** The services as `npm start` runs them. */
export const LOCAL_URLS: Urls = {
  registration: 'http://127.0.0.1:3001',
  eligibility: 'http://127.0.0.1:3002',
  transport: 'http://127.0.0.1:3003',
  notifications: 'http://127.0.0.1:3004',
  reporting: 'http://127.0.0.1:3005',
};

export function urlsOf(system: AwdaSystem): Urls {
  return {
    registration: system.url('registration'),
    eligibility: system.url('eligibility'),
    transport: system.url('transport'),
    notifications: system.url('notifications'),
    reporting: system.url('reporting'),
  };
}

/** A refused or failed request, with everything needed to report it. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
    readonly requestBody?: unknown,
  ) {
    super(`${method} ${url} → ${status} ${JSON.stringify(body)?.slice(0, 600)}`);
  }
}

// ---- what the APIs answer (the fields the journey reads) ----

export interface MemberView {
  id: string;
  fullNameAr: string;
  dateOfBirth: string | null;
  age: number;
  relationship: string;
  needs: string[];
  hasMedicalClearance?: boolean;
  travelMode?: string | null;
  consent: { decision: string; decidedOn: string } | null;
}
export interface HouseholdView {
  id: string;
  campId: string;
  caseNumber: string;
  destinationArea: string;
  language: string;
  phone: string | null;
  status: string;
  closedReason: string | null;
  version: number;
  unresolvedDuplicates: number;
  schedule: { convoyId: string; departureDate: string | null } | null;
  members: MemberView[];
  /** In the answer to a registration or a change of destination, e.g. REGISTRATION.DESTINATION_NOT_SERVED. */
  warnings?: { code: string; field: string; message: string }[];
}
export interface TimelineEntry {
  occurredAt: string;
  kind: string;
  version: number | null;
  actor: string | null;
  changes: string[];
  detail: Record<string, unknown>;
}
export interface ConsentOutcome {
  consentId: string;
  householdStatus: string;
  version: number;
  missingConsents: string[];
}
export interface AssessmentReason {
  ruleId: string;
  code: string;
  params: Record<string, string | number>;
  message: { en: string; ar: string };
  outcome: 'pending' | 'ineligible';
}
export interface AssessmentView {
  householdId: string;
  status: 'eligible' | 'pending' | 'ineligible';
  explanation: { en: string; ar: string };
  reasons: AssessmentReason[];
  householdVersion: number;
  assessmentVersion: number;
}
export interface VehicleView {
  id: string;
  type: string;
  plate: string;
}
export interface PlannedConvoy {
  id: string;
  corridorId: string;
  destinations: string[];
  householdIds: string[];
  seatUnits: number;
  buses: { vehicleId: string }[];
  cargoTrucks: { vehicleId: string }[];
  ambulances: { vehicleId: string; households: { householdId: string; places: number; seats: number }[] }[];
}
export interface PlanProposal {
  planId: string;
  households: { householdId: string }[];
  plan: {
    convoys: PlannedConvoy[];
    unplaced: { householdId: string; reason: { code: string; message: string } }[];
    quality: { busesUsed: number; lowerBound: number; lpBound?: number; seatUtilisation: number; method: string };
  };
}
export interface CommittedPlan {
  planId: string;
  convoys: { convoyId: string; corridorId: string; destinations: string[]; householdIds: string[]; vehicleIds: string[] }[];
  unplaced: { householdId: string; reason: { code: string } }[];
}
export interface ConvoyView {
  id: string;
  campId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  destinations: string[];
  status: string;
  vehicles: { vehicleId: string; type: string; kind: string; capacity: number; used: number }[];
  households: { householdId: string; status: string; members: number; checkedIn: string[]; noShow: boolean }[];
}
export interface PoolHousehold {
  householdId: string;
  destinationArea: string;
  priority: number;
}
export interface MessageView {
  id: string;
  householdId: string;
  template: string;
  status: string;
  language: string | null;
  text: string | null;
  encoding: string | null;
  segments: number | null;
  /** Why a message never reached the family (no_phone, opted_out, withdrawn, expired, superseded, provider_failed). */
  outcomeReason?: string | null;
  causeSubject: string;
  causeEventId: string;
}

/** A household as the journey registered it: ids to drive the next steps with. */
export interface Registered {
  id: string;
  caseNumber: string;
  language: string;
  destinationArea: string;
  version: number;
  members: MemberView[];
  /** Members 18 or older (as registration counts them today): whose decisions are recorded. */
  adults: MemberView[];
  generated: GeneratedHousehold;
  /** Codes of the warnings registration answered with (e.g. no convoy route to the destination yet). */
  warnings: string[];
}

export interface RegisterOptions {
  caseNumber?: string;
  campId?: string;
  /** Members with a serious medical condition have a medical clearance and are fit to travel (default true). */
  medicalClearance?: boolean;
  /** How the clearance says members with a serious medical condition travel (default bus). */
  travelMode?: 'bus' | 'bus_with_companion' | 'ambulance_seated' | 'stretcher';
  /** Separated children get a best-interests determination (default true). */
  bestInterests?: boolean;
  shelterLocation?: string;
}

export interface Fleet {
  buses: number;
  seats?: number;
  cargoTrucks: number;
  cargoCapacity?: number;
  ambulances: number;
  stretcherPlaces?: number;
  /** Seats for patients who travel seated, per ambulance (default none). */
  seatedPlaces?: number;
}

export interface PlanRequest {
  campId: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  assemblyPointTexts?: Partial<Record<'ar' | 'ckb' | 'kmr' | 'en', string>>;
  corridorIds?: string[];
  spareShare?: number;
}

const RETRIES = 3;
/** How many 429 answers one request may wait out (the services rate-limit SMS-costing requests per user). */
const RATE_LIMIT_WAITS = 6;

type Role = 'caseworker' | 'supervisor' | 'admin' | 'logistics';

export interface JourneyOptions {
  /**
   * Case workers registering in parallel (default 1). Each is a distinct user, so each has its own
   * budget of SMS-costing requests per minute; a household is always handled by the same one.
   */
  caseworkers?: number;
}

/**
 * Users (case workers, a supervisor, an admin, a logistics officer) of one camp, driving the four
 * services. A 429 (refused before anything ran) is waited out as the answer's Retry-After says, a
 * bounded number of times. Requests that create something in registration carry an Idempotency-Key
 * and are also retried (a few times, on network errors and 5xx) with the same key; other requests are
 * never retried after a failure.
 */
export class Journey {
  private readonly householdCaseworker = new Map<string, number>();
  private nextCaseworker = 0;

  private constructor(
    readonly urls: Urls,
    readonly campId: string,
    private readonly tokens: Record<Exclude<Role, 'caseworker'>, string>,
    private readonly caseworkerTokens: string[],
  ) {}

  static async create(urls: Urls, campId: string, options: JourneyOptions = {}): Promise<Journey> {
    const caseworkers = await Promise.all(
      Array.from({ length: Math.max(1, options.caseworkers ?? 1) }, (_, i) => tokenFor(['caseworker'], [campId], `caseworker-${campId}-${i + 1}`)),
    );
    const [supervisor, admin, logistics] = await Promise.all([
      tokenFor(['supervisor'], [campId], `supervisor-${campId}`),
      tokenFor(['admin'], [campId], `admin-${campId}`),
      tokenFor(['logistics'], [campId], `logistics-${campId}`),
    ]);
    return new Journey(urls, campId, { supervisor, admin, logistics }, caseworkers);
  }

  private tokenOf(as: Role, householdId?: string): string {
    if (as !== 'caseworker') return this.tokens[as];
    const index = householdId === undefined ? this.nextCaseworker++ : (this.householdCaseworker.get(householdId) ?? 0);
    return this.caseworkerTokens[index % this.caseworkerTokens.length]!;
  }

  /** One request; answers the body when the status is one of `expect`, otherwise throws ApiError. */
  async call<T>(
    as: Role,
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    { expect = [200, 201], idempotencyKey, householdId }: { expect?: number[]; idempotencyKey?: string; householdId?: string } = {},
  ): Promise<T> {
    const url = `${this.urls[service]}${path}`;
    const token = this.tokenOf(as, householdId);
    const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
    const attempts = idempotencyKey ? RETRIES : 1;
    let failures = 0;
    let limited = 0;
    for (;;) {
      let res: { status: number; body: unknown; headers: Headers } | undefined;
      try {
        res = await api(method, url, token, body, headers);
      } catch (error) {
        if (++failures >= attempts) throw new Error(`${method} ${url}: ${(error as Error).message}`);
      }
      if (res && expect.includes(res.status)) return res.body as T;
      if (res?.status === 429 && ++limited <= RATE_LIMIT_WAITS) {
        const seconds = Number(res.headers.get('retry-after') ?? (res.body as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 5);
        await new Promise((r) => setTimeout(r, Math.min(Math.max(seconds, 1), 65) * 1000));
        continue;
      }
      if (res && (res.status < 500 || ++failures >= attempts)) throw new ApiError(method, url, res.status, res.body, body);
      await new Promise((r) => setTimeout(r, 200 * Math.max(1, failures))); // back off, then retry with the same key
    }
  }

  // ---- registration (case worker) ----

  /** POST /households with a new Idempotency-Key (the same one on retries). */
  async register(household: GeneratedHousehold, options: RegisterOptions = {}): Promise<Registered> {
    const body = householdBody(household, options, this.campId);
    const caseworker = this.nextCaseworker;
    const view = await this.call<HouseholdView>('caseworker', 'registration', 'POST', '/households', body, {
      expect: [201],
      idempotencyKey: `reg-${randomUUID()}`,
    });
    this.householdCaseworker.set(view.id, caseworker);
    return registeredOf(view, household);
  }

  /** One adult's decision: POST /households/:id/consents. */
  decide(householdId: string, memberId: string, decision: ConsentDecision, decidedOn = localDate(-1)): Promise<ConsentOutcome> {
    return this.call<ConsentOutcome>(
      'caseworker',
      'registration',
      'POST',
      `/households/${householdId}/consents`,
      { memberId, decision, decidedOn, method: 'signed_form', formReference: `FORM-${memberId.slice(0, 8)}` },
      { expect: [200, 201], idempotencyKey: `consent-${randomUUID()}`, householdId },
    );
  }

  /** Every adult consents (in order); answers the last outcome. */
  async consentAll(household: Registered): Promise<ConsentOutcome | undefined> {
    let last: ConsentOutcome | undefined;
    for (const adult of household.adults) last = await this.decide(household.id, adult.id, 'consent');
    return last;
  }

  household(id: string): Promise<HouseholdView> {
    return this.call<HouseholdView>('caseworker', 'registration', 'GET', `/households/${id}`, undefined, { householdId: id });
  }

  timeline(id: string): Promise<{ entries: TimelineEntry[]; latestAssessment: Record<string, unknown> | null }> {
    return this.call('caseworker', 'registration', 'GET', `/households/${id}/timeline`, undefined, { householdId: id });
  }

  areas(): Promise<{ code: string; level: string; parentCode: string | null; nameEn: string; nameAr: string; served: boolean | null }[]> {
    return this.call('caseworker', 'registration', 'GET', '/areas');
  }

  // ---- eligibility ----

  /** The current assessment, or undefined while there is none (404). */
  async assessment(householdId: string): Promise<AssessmentView | undefined> {
    const res = await this.call<AssessmentView | undefined>('supervisor', 'eligibility', 'GET', `/assessments/${householdId}`, undefined, {
      expect: [200, 404],
    });
    return res && 'status' in res && 'householdId' in res ? res : undefined;
  }

  /**
   * Waits (bounded) for an assessment of at least `householdVersion` that passes `accept`. Only for a
   * change that alters the decision: an unchanged decision keeps the older household version.
   */
  waitForAssessment(
    householdId: string,
    householdVersion: number,
    accept: (a: AssessmentView) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<AssessmentView> {
    return waitFor(
      `assessment of ${householdId} at household version ≥ ${householdVersion}`,
      async () => {
        const a = await this.assessment(householdId);
        return a && a.householdVersion >= householdVersion && accept(a) ? a : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** GET /assessments for the camp, every page (households not yet departed or closed). */
  async assessments(): Promise<{ counts: Record<AssessmentView['status'], number>; items: AssessmentView[] }> {
    const items: AssessmentView[] = [];
    let after: string | null = null;
    let counts: Record<AssessmentView['status'], number> = { eligible: 0, pending: 0, ineligible: 0 };
    for (let page = 0; page < 10_000; page++) {
      const query = `campId=${encodeURIComponent(this.campId)}&limit=200${after ? `&after=${after}` : ''}`;
      const res: { counts: typeof counts; items: AssessmentView[]; nextAfter: string | null } = await this.call(
        'supervisor',
        'eligibility',
        'GET',
        `/assessments?${query}`,
      );
      counts = res.counts;
      items.push(...res.items);
      after = res.nextAfter;
      if (after === null) break;
    }
    return { counts, items };
  }

  /**
   * Waits (bounded) until every household's current assessment passes its check (`accept` answers
   * what is wrong, or null). Eligibility stores a new assessment only when the decision changes, so
   * "assessed at version N" cannot be awaited when N leaves the decision as it was: wait for the
   * decision you expect, and the timeout error lists what is still different.
   */
  async waitForAssessments(
    ids: readonly string[],
    accept: (id: string, a: AssessmentView | undefined) => string | null,
    timeoutMs = 60_000,
  ): Promise<Map<string, AssessmentView>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byId = new Map((await this.assessments()).items.map((a) => [a.householdId, a]));
      const wrong = ids.flatMap((id) => {
        const problem = accept(id, byId.get(id));
        return problem === null ? [] : [`${id}: ${problem}`];
      });
      if (wrong.length === 0) return byId;
      if (Date.now() > deadline) {
        throw new Error(`after ${timeoutMs} ms, ${wrong.length} of ${ids.length} assessments are not as expected:\n${wrong.slice(0, 10).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** How many of the camp's households registration shows with this status (all when absent). */
  async householdCount(status?: string): Promise<number> {
    const query = `campId=${encodeURIComponent(this.campId)}&pageSize=1${status ? `&status=${status}` : ''}`;
    return (await this.call<{ total: number }>('supervisor', 'registration', 'GET', `/households?${query}`)).total;
  }

  /** PUT /areas/:code/status (admin); a reason is required to close or restrict. */
  setAreaStatus(code: string, status: 'open' | 'closed' | 'restricted', reason?: string): Promise<Record<string, unknown>> {
    return this.call('admin', 'eligibility', 'PUT', `/areas/${code}/status`, { status, ...(reason ? { reason } : {}) });
  }

  // ---- transport (logistics) ----

  /** Creates buses, cargo trucks and ambulances available on `dates`; plates start with `platePrefix`. */
  async createFleet(fleet: Fleet, dates: string[], platePrefix: string): Promise<VehicleView[]> {
    const specs: Record<string, unknown>[] = [
      ...Array.from({ length: fleet.buses }, () => ({ type: 'bus', seats: fleet.seats ?? 50 })),
      ...Array.from({ length: fleet.cargoTrucks }, () => ({ type: 'cargo_truck', cargoCapacity: fleet.cargoCapacity ?? 1 })),
      ...Array.from({ length: fleet.ambulances }, () => ({
        type: 'ambulance',
        stretcherPlaces: fleet.stretcherPlaces ?? 2,
        ...(fleet.seatedPlaces ? { seatedPlaces: fleet.seatedPlaces } : {}),
      })),
    ];
    return mapLimit(specs, 8, (spec, i) =>
      this.call<VehicleView>('logistics', 'transport', 'POST', '/vehicles', {
        campId: this.campId,
        plate: `${platePrefix}-${String(i + 1).padStart(4, '0')}`.slice(0, 20),
        operator: 'Tabqa Transport Co.',
        availableDates: dates,
        ...spec,
      }),
    );
  }

  setAvailability(vehicleId: string, dates: string[]): Promise<VehicleView> {
    return this.call('logistics', 'transport', 'PUT', `/vehicles/${vehicleId}/availability`, { dates });
  }

  /** GET /pool: eligible households without a seat, highest priority first. */
  pool(): Promise<PoolHousehold[]> {
    return this.call('logistics', 'transport', 'GET', `/pool?campId=${encodeURIComponent(this.campId)}`);
  }

  /** Waits (bounded) until transport's planning pool holds exactly `ids` among those it knows. */
  waitForPool(ids: readonly string[], timeoutMs = 30_000): Promise<PoolHousehold[]> {
    const wanted = new Set(ids);
    return waitFor(
      `transport's pool to hold the ${wanted.size} eligible households`,
      async () => {
        const pool = await this.pool();
        return pool.filter((p) => wanted.has(p.householdId)).length === wanted.size ? pool : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** POST /plans: the dry run (nobody is bound by it). */
  propose(request: PlanRequest): Promise<PlanProposal> {
    return this.call('logistics', 'transport', 'POST', '/plans', request);
  }

  commit(planId: string): Promise<CommittedPlan> {
    return this.call('logistics', 'transport', 'POST', `/plans/${planId}/commit`);
  }

  confirm(convoyId: string): Promise<ConvoyView> {
    return this.call('logistics', 'transport', 'POST', `/convoys/${convoyId}/confirm`);
  }

  convoy(convoyId: string): Promise<ConvoyView> {
    return this.call('logistics', 'transport', 'GET', `/convoys/${convoyId}`);
  }

  convoys(date?: string): Promise<Omit<ConvoyView, 'vehicles' | 'households'>[]> {
    const query = `campId=${encodeURIComponent(this.campId)}${date ? `&date=${date}` : ''}`;
    return this.call('logistics', 'transport', 'GET', `/convoys?${query}`);
  }

  checkIn(convoyId: string, householdId: string, memberIds: string[]): Promise<{ checkedIn: string[]; complete: boolean }> {
    return this.call('logistics', 'transport', 'POST', `/convoys/${convoyId}/check-ins`, { householdId, memberIds });
  }

  noShow(convoyId: string, householdId: string, reason = 'Family did not come to the assembly point'): Promise<ConvoyView> {
    return this.call('logistics', 'transport', 'POST', `/convoys/${convoyId}/no-shows`, { householdId, reason });
  }

  depart(convoyId: string): Promise<ConvoyView> {
    return this.call('logistics', 'transport', 'POST', `/convoys/${convoyId}/depart`);
  }

  arrive(convoyId: string): Promise<ConvoyView> {
    return this.call('logistics', 'transport', 'POST', `/convoys/${convoyId}/arrive`);
  }

  /**
   * Boarding at the bus door: every household on the convoy checks in all its members (their ids from
   * registration), except those in `noShows`, who are recorded as no-shows. Then the convoy departs.
   */
  async board(convoyId: string, noShows: ReadonlySet<string> = new Set(), concurrency = 8): Promise<ConvoyView> {
    const convoy = await this.convoy(convoyId);
    await mapLimit(convoy.households, concurrency, async (h) => {
      if (noShows.has(h.householdId)) return this.noShow(convoyId, h.householdId);
      const members = (await this.household(h.householdId)).members.map((m) => m.id);
      return this.checkIn(convoyId, h.householdId, members);
    });
    return this.depart(convoyId);
  }

  // ---- notifications (supervisor's message log) ----

  /** The household's messages, oldest first; [] while notifications knows nothing of it (404). */
  async messages(householdId: string): Promise<MessageView[]> {
    const res = await this.call<MessageView[] | { code: string }>('supervisor', 'notifications', 'GET', `/households/${householdId}/messages`, undefined, {
      expect: [200, 404],
    });
    return Array.isArray(res) ? res : [];
  }

  /** Waits (bounded) until the household's message log passes `accept`. */
  waitForMessages(householdId: string, accept: (messages: MessageView[]) => boolean, timeoutMs = 30_000): Promise<MessageView[]> {
    return waitFor(
      `messages of ${householdId}`,
      async () => {
        const messages = await this.messages(householdId);
        return accept(messages) ? messages : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  messageStats(from: string, to: string): Promise<{ day: string; template: string; messages: number; segments: number }[]> {
    return this.call('supervisor', 'notifications', 'GET', `/messages/stats?from=${from}&to=${to}`);
  }

  /** Registration status, assessment and message log of one household, read through the APIs. */
  async finalState(householdId: string): Promise<{ household: HouseholdView; assessment: AssessmentView | undefined; messages: MessageView[] }> {
    const [household, assessment, messages] = await Promise.all([
      this.household(householdId),
      this.assessment(householdId),
      this.messages(householdId),
    ]);
    return { household, assessment, messages };
  }
}

// ---- the dev SMS provider's files ----

export interface SmsFile {
  messageId: string;
  to: string;
  encoding: string;
  segments: number;
  text: string;
}

/** The messages the dev provider "sent": `<dir>/<messageId>.txt` (to, encoding, segments, blank line, text). */
export async function readSmsDir(dir: string): Promise<Map<string, SmsFile>> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const out = new Map<string, SmsFile>();
  for (const file of files.filter((f) => f.endsWith('.txt'))) {
    const raw = await readFile(join(dir, file), 'utf8');
    const [head = '', ...rest] = raw.split('\n\n');
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(head)?.[1] ?? '';
    const messageId = file.slice(0, -4);
    out.set(messageId, { messageId, to: field('to'), encoding: field('encoding'), segments: Number(field('segments')), text: rest.join('\n\n').trimEnd() });
  }
  return out;
}

// ---- small helpers ----

/** The POST /households body for a generated household (the journey's, and the gateway suite's through /api). */
export function householdBody(household: GeneratedHousehold, options: RegisterOptions = {}, campId = household.campId): Record<string, unknown> {
  return {
    campId: options.campId ?? campId,
    caseNumber: options.caseNumber ?? household.caseNumber,
    destinationArea: household.destinationArea,
    language: household.language,
    ...(household.phone ? { phone: household.phone } : {}),
    ...(options.shelterLocation ? { shelterLocation: options.shelterLocation } : {}),
    members: household.members.map((m) => memberBody(m, options)),
  };
}

function memberBody(m: GeneratedMember, options: RegisterOptions): Record<string, unknown> {
  const smc = m.needs.includes('SMC');
  const separated = m.needs.includes('UASC');
  return {
    fullNameAr: m.fullNameAr,
    fullNameLatin: m.fullNameLatin,
    sex: m.sex,
    dateOfBirth: m.dateOfBirth,
    relationship: m.relationship,
    needs: [...m.needs],
    documents: m.document ? [{ type: m.document.type, number: m.document.number }] : [],
    // The default rules want a serious medical case cleared with a stated travel mode (issue 14 item 11).
    ...(smc && (options.medicalClearance ?? true) ? clearanceOf(options.travelMode ?? 'bus') : {}),
    ...(separated && (options.bestInterests ?? true) ? { hasBestInterestsDetermination: true } : {}),
  };
}

function clearanceOf(travelMode: NonNullable<RegisterOptions['travelMode']>): Record<string, unknown> {
  return { hasMedicalClearance: true, fitToTravel: travelMode === 'bus' || travelMode === 'bus_with_companion', travelMode };
}

function registeredOf(view: HouseholdView, generated: GeneratedHousehold): Registered {
  return {
    id: view.id,
    caseNumber: view.caseNumber,
    language: view.language,
    destinationArea: view.destinationArea,
    version: view.version,
    members: view.members,
    adults: view.members.filter((m) => m.age >= 18),
    generated,
    warnings: (view.warnings ?? []).map((w) => w.code),
  };
}

/** The date `days` from today in Damascus (the camps' local date), YYYY-MM-DD. */
export function localDate(days = 0, now = new Date()): string {
  const shifted = new Date(now.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Damascus', year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order; the first failure rejects. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  onDone?: (done: number, total: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failed ??= error;
        return;
      }
      onDone?.(++done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed;
  return results;
}
