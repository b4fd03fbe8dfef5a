// Security end to end, against the four services as OS processes (built dist/): camp scoping and its
// audit, mass assignment, forged tokens, roles, the SMS rate limit, and a scan of every log line,
// every event on the stream and every error body for personal data of the generated people.
// Run: npm run build && NODE_OPTIONS=--experimental-vm-modules npx jest e2e/security --selectProjects e2e
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { SignJWT } from 'jose';
import pg from 'pg';
import { signToken, type Role } from '@awda/auth';
import { DEV_JWT_SECRET } from '@awda/config';
import { eventStreamName } from '@awda/messaging';
import { generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem, SERVICE_NAMES, api, tokenFor, type ServiceName } from './harness.js';
import { Journey, localDate, urlsOf, type HouseholdView, type Registered } from './journey.js';
import { PersonalDataScanner, type Finding } from './security-scan.js';

const CAMP_A = 'sec-camp-a';
const CAMP_B = 'sec-camp-b';
const TABQA = 'SY110200';
const SMS_PER_MINUTE = 20;

let system: AwdaSystem;
let db: pg.Client;
/** Every generated household sent to the system: what the personal-data scan looks for. */
const sent: GeneratedHousehold[] = [];
/** Every error body (and its headers) the services answered during this file. */
const errorBodies: { request: string; status: number; text: string }[] = [];

let seed = 0;
function nextHouseholds(count: number, campId: string, accept: (h: GeneratedHousehold) => boolean = () => true): GeneratedHousehold[] {
  const out: GeneratedHousehold[] = [];
  while (out.length < count) {
    seed += 1;
    const [h] = generateHouseholds(`security-${seed}`, 1, { destinationAreas: [TABQA], campId });
    // Case numbers unique across the file (the generator numbers each call's households from 1).
    if (h && accept(h)) out.push({ ...h, caseNumber: `SEC-${seed}-${randomUUID().slice(0, 8)}` });
  }
  return out;
}

/** api() that keeps every error body for the scan. */
async function call<T = unknown>(method: string, service: ServiceName, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await api<T>(method, `${system.url(service)}${path}`, token, body, headers);
  if (res.status >= 400) {
    errorBodies.push({
      request: `${method} ${service}${path}`,
      status: res.status,
      text: `${JSON.stringify(res.body)} ${JSON.stringify(Object.fromEntries(res.headers.entries()))}`,
    });
  }
  return res;
}

/** A family's place in the camp, made up from its case number (the scan looks for it). */
const shelterOf = (h: GeneratedHousehold) => `Sector ${h.caseNumber.slice(-8)}, tent ${h.members.length}`;

function registrationBody(h: GeneratedHousehold, caseNumber = h.caseNumber): Record<string, unknown> {
  return {
    campId: h.campId,
    caseNumber,
    shelterLocation: shelterOf(h),
    destinationArea: h.destinationArea,
    language: h.language,
    ...(h.phone ? { phone: h.phone } : {}),
    members: h.members.map((m) => ({
      fullNameAr: m.fullNameAr,
      fullNameLatin: m.fullNameLatin,
      sex: m.sex,
      dateOfBirth: m.dateOfBirth,
      relationship: m.relationship,
      needs: [...m.needs],
      documents: m.document ? [{ type: m.document.type, number: m.document.number }] : [],
      ...(m.needs.includes('SMC') ? { hasMedicalClearance: true } : {}),
      ...(m.needs.includes('UASC') ? { hasBestInterestsDetermination: true } : {}),
    })),
  };
}

async function register(token: string, h: GeneratedHousehold, caseNumber = h.caseNumber): Promise<HouseholdView> {
  sent.push(h);
  const res = await call<HouseholdView>('POST', 'registration', '/households', token, registrationBody(h, caseNumber), {
    'idempotency-key': `sec-${randomUUID()}`,
  });
  if (res.status !== 201) throw new Error(`registration refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function rowsOf(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await db.query(sql, params)).rows as Record<string, unknown>[];
}

/** The household's own rows (household, members, documents), as stored: to compare before and after. */
async function snapshot(householdId: string): Promise<string> {
  const household = await rowsOf(`SELECT * FROM registration.households WHERE id = $1`, [householdId]);
  const members = await rowsOf(`SELECT * FROM registration.members WHERE household_id = $1 ORDER BY id`, [householdId]);
  return JSON.stringify({ household, members });
}

async function auditRows(householdId: string, actor: string): Promise<{ endpoint: string; outcome: string }[]> {
  return (await rowsOf(
    `SELECT endpoint, outcome FROM registration.audit_log WHERE household_id = $1 AND actor = $2 ORDER BY at, id`,
    [householdId, actor],
  )) as { endpoint: string; outcome: string }[];
}

beforeAll(async () => {
  system = await AwdaSystem.start({
    extraEnv: {
      RATE_LIMIT_SMS_PER_MINUTE: String(SMS_PER_MINUTE),
      SMS_QUIET_START: '00:00',
      SMS_QUIET_END: '00:00',
      SMS_RATE_SEGMENTS_PER_SECOND: '2000',
      SMS_DISPATCH_POLL_MS: '200',
    },
  });
  db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await system?.stop();
});

describe('camp scoping', () => {
  const readerSub = 'sec-caseworker-a';
  let caseworkerA: string;
  let caseworkerB: string;
  let householdB: HouseholdView;
  let generatedB: GeneratedHousehold;

  beforeAll(async () => {
    caseworkerA = await tokenFor(['caseworker'], [CAMP_A], readerSub);
    caseworkerB = await tokenFor(['caseworker'], [CAMP_B], 'sec-caseworker-b');
    [generatedB] = nextHouseholds(1, CAMP_B, (h) => h.phone !== null && h.members.some((m) => m.document !== null));
    householdB = await register(caseworkerB, generatedB!);
  });

  it('should answer 404 to a case worker of camp A reading camp B’s household, its history, timeline and consents, and audit each attempt', async () => {
    const paths = [`/households/${householdB.id}`, `/households/${householdB.id}/history`, `/households/${householdB.id}/timeline`];
    for (const path of paths) {
      const res = await call('GET', 'registration', path, caseworkerA);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(JSON.stringify(res.body)).not.toContain(householdB.caseNumber);
    }
    const consents = await call('GET', 'registration', `/households/${householdB.id}/consents`, caseworkerA);
    expect(consents.status).toBe(404);
    const audit = await auditRows(householdB.id, readerSub);
    expect(audit).toEqual(
      expect.arrayContaining([
        { endpoint: 'GET /households/:id', outcome: 'denied' },
        { endpoint: 'GET /households/:id/history', outcome: 'denied' },
        { endpoint: 'GET /households/:id/timeline', outcome: 'denied' },
      ]),
    );
    expect(audit.filter((a) => a.outcome === 'denied').length).toBeGreaterThanOrEqual(4);
    expect(audit.filter((a) => a.outcome !== 'denied')).toEqual([]);
  });

  it('should list and search nothing of camp B for a case worker of camp A (naming camp B is 403)', async () => {
    const head = generatedB!.members[0]!;
    const queries = [
      '',
      `?campId=${CAMP_B}`,
      `?caseNumber=${encodeURIComponent(householdB.caseNumber)}`,
      `?name=${encodeURIComponent(head.fullNameAr)}`,
      `?name=${encodeURIComponent(head.fullNameLatin)}`,
      `?phone=${encodeURIComponent(generatedB!.phone!)}`,
      `?campId=${CAMP_B}&caseNumber=${encodeURIComponent(householdB.caseNumber)}`,
    ];
    for (const query of queries) {
      const res = await call<{ items: { id: string }[]; total: number }>('GET', 'registration', `/households${query}`, caseworkerA);
      // Naming camp B outright is refused (403); any other search finds nothing of it.
      if (query.includes(`campId=${CAMP_B}`)) {
        expect({ query, status: res.status }).toEqual({ query, status: 403 });
        continue;
      }
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      expect({ query, ids: res.body.items.map((i) => i.id) }).toEqual({ query, ids: [] });
      expect({ query, total: res.body.total }).toEqual({ query, total: 0 });
    }
    // The control: camp B's case worker finds it by the same search (so the search itself works).
    const own = await call<{ items: { id: string }[] }>('GET', 'registration', `/households?phone=${encodeURIComponent(generatedB!.phone!)}`, caseworkerB);
    expect(own.body.items.map((i) => i.id)).toContain(householdB.id);
  });

  // KNOWN GAP (reported): a search aimed at another camp (?campId=B) answers an empty page and leaves no
  // audit row (apps/registration/src/households/household-reads.service.ts, list(): audit.record is called with
  // the returned ids only, and AuditLogRepository.record returns early for an empty list). The brief asks for
  // every attempt to be audited; this test states that and fails until it is.
  it('should audit a list or search aimed at another camp', async () => {
    const sub = 'sec-caseworker-a-lister';
    const token = await tokenFor(['caseworker'], [CAMP_A], sub);
    await call('GET', 'registration', `/households?campId=${CAMP_B}`, token);
    const rows = await rowsOf(`SELECT outcome FROM registration.audit_log WHERE actor = $1`, [sub]);
    expect(rows.map((r) => r['outcome'])).toContain('denied');
  });

  it('should refuse a case worker of camp A editing camp B’s household, its members or consents, change nothing, and audit each attempt', async () => {
    const before = await snapshot(householdB.id);
    const member = householdB.members[0]!;
    const attempts: [string, string, unknown, Record<string, string>][] = [
      ['PATCH', `/households/${householdB.id}`, { shelterLocation: 'moved by camp A' }, { 'if-match': `"${householdB.version}"` }],
      ['PATCH', `/households/${householdB.id}`, { phone: '+963944000111' }, { 'if-match': `"${householdB.version}"` }],
      ['PATCH', `/households/${householdB.id}/members/${member.id}`, { estimatedAge: 40 }, { 'if-match': `"${householdB.version}"` }],
      ['DELETE', `/households/${householdB.id}/members/${householdB.members.at(-1)!.id}`, undefined, { 'if-match': `"${householdB.version}"` }],
      ['POST', `/households/${householdB.id}/members`, { fullNameAr: 'سمير خالد', sex: 'male', estimatedAge: 30, relationship: 'other' }, { 'if-match': `"${householdB.version}"`, 'idempotency-key': randomUUID() }],
      ['POST', `/households/${householdB.id}/consents`, { memberId: member.id, decision: 'withdraw', decidedOn: localDate(-1), method: 'signed_form' }, { 'idempotency-key': randomUUID() }],
    ];
    for (const [method, path, body, headers] of attempts) {
      const res = await call(method, 'registration', path, caseworkerA, body, headers);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    expect(await snapshot(householdB.id)).toBe(before);
    const consents = await rowsOf(`SELECT 1 FROM registration.consents WHERE household_id = $1`, [householdB.id]);
    expect(consents).toEqual([]);
    const denied = (await auditRows(householdB.id, readerSub)).filter((a) => a.outcome === 'denied');
    const endpoints = new Set(denied.map((a) => a.endpoint));
    expect(endpoints.size).toBeGreaterThanOrEqual(4);
    expect([...endpoints].some((e) => e.includes('consents'))).toBe(true);
    expect([...endpoints].some((e) => e.startsWith('PATCH'))).toBe(true);
  });

  it('should refuse to register a household into a camp outside the token', async () => {
    const [h] = nextHouseholds(1, CAMP_B);
    sent.push(h!);
    const res = await call('POST', 'registration', '/households', caseworkerA, registrationBody(h!), { 'idempotency-key': randomUUID() });
    expect([403, 404]).toContain(res.status);
    expect(await rowsOf(`SELECT 1 FROM registration.households WHERE case_number = $1`, [h!.caseNumber])).toEqual([]);
  });

  it('should not show camp B’s household in the other services to users of camp A', async () => {
    const supervisorA = await tokenFor(['supervisor'], [CAMP_A], 'sec-supervisor-a');
    const logisticsA = await tokenFor(['logistics'], [CAMP_A], 'sec-logistics-a');
    const supervisorB = await tokenFor(['supervisor'], [CAMP_B], 'sec-supervisor-b');
    // Wait until eligibility and notifications know the household (the control: B's supervisor sees it).
    await waitFor('eligibility to assess camp B’s household', async () => (await call('GET', 'eligibility', `/assessments/${householdB.id}`, supervisorB)).status === 200, { timeoutMs: 30_000, intervalMs: 250 });
    await waitFor('notifications to know camp B’s household', async () => {
      const res = await call<unknown[]>('GET', 'notifications', `/households/${householdB.id}/messages`, supervisorB);
      return res.status === 200 && Array.isArray(res.body) && res.body.length > 0;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    const eligibility = await call('GET', 'eligibility', `/assessments/${householdB.id}`, supervisorA);
    expect(eligibility.status).toBe(404);
    const messages = await call('GET', 'notifications', `/households/${householdB.id}/messages`, supervisorA);
    expect(messages.status).toBe(404);
    const pool = await call<{ householdId: string }[]>('GET', 'transport', `/pool?campId=${CAMP_B}`, logisticsA);
    expect(pool.status === 200 ? pool.body.map((p) => p.householdId) : []).not.toContain(householdB.id);
    const list = await call<{ householdId: string }[] | { items?: { householdId: string }[] }>('GET', 'eligibility', `/assessments?campId=${CAMP_B}`, supervisorA);
    expect(JSON.stringify(list.body)).not.toContain(householdB.id);
  });
});

describe('mass assignment and unknown fields', () => {
  let token: string;
  let household: HouseholdView;

  beforeAll(async () => {
    token = await tokenFor(['caseworker'], [CAMP_A], 'sec-caseworker-mass');
    const [h] = nextHouseholds(1, CAMP_A, (g) => g.phone !== null && g.members.length >= 2);
    household = await register(token, h!);
  });

  it.each([
    ['status', 'closed'],
    ['role', 'admin'],
    ['version', 99],
    ['id', '00000000-0000-7000-8000-000000000001'],
    ['campId', CAMP_B],
    ['phoneEncrypted', 'x'],
    ['registeredBy', 'someone-else'],
  ])('should refuse PATCH /households/:id with %s, naming it, and change nothing', async (field, value) => {
    const before = await snapshot(household.id);
    const res = await call<{ code: string; errors: { field: string }[] }>(
      'PATCH',
      'registration',
      `/households/${household.id}`,
      token,
      { shelterLocation: 'Sector D', [field]: value },
      { 'if-match': `"${household.version}"` },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e) => e.field)).toContain(field);
    expect(await snapshot(household.id)).toBe(before);
  });

  it('should refuse a member change that tries to move the member to another household', async () => {
    const before = await snapshot(household.id);
    const member = household.members[1]!;
    const res = await call<{ errors: { field: string }[] }>(
      'PATCH',
      'registration',
      `/households/${household.id}/members/${member.id}`,
      token,
      { householdId: randomUUID(), id: randomUUID() },
      { 'if-match': `"${household.version}"` },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field).sort()).toEqual(['householdId', 'id']);
    expect(await snapshot(household.id)).toBe(before);
  });

  it('should refuse unknown and server-owned fields on registration and on a consent, and create nothing', async () => {
    const [h] = nextHouseholds(1, CAMP_A);
    sent.push(h!);
    const body = { ...registrationBody(h!), status: 'eligible', id: randomUUID(), version: 7, isAdmin: true };
    const res = await call<{ errors: { field: string }[] }>('POST', 'registration', '/households', token, body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => e.field).sort()).toEqual(['id', 'isAdmin', 'status', 'version']);
    expect(await rowsOf(`SELECT 1 FROM registration.households WHERE case_number = $1`, [h!.caseNumber])).toEqual([]);

    const member = household.members[0]!;
    const consent = await call<{ errors: { field: string }[] }>(
      'POST',
      'registration',
      `/households/${household.id}/consents`,
      token,
      { memberId: member.id, decision: 'consent', decidedOn: localDate(-1), method: 'signed_form', recordedBy: 'someone-else' },
      { 'idempotency-key': randomUUID() },
    );
    expect(consent.status).toBe(400);
    expect(consent.body.errors.map((e) => e.field)).toEqual(['recordedBy']);
    expect(await rowsOf(`SELECT 1 FROM registration.consents WHERE household_id = $1`, [household.id])).toEqual([]);
  });
});

describe('forged and broken tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const key = new TextEncoder().encode(DEV_JWT_SECRET);
  const claims = { roles: ['admin', 'supervisor', 'logistics', 'caseworker'] as Role[], camps: ['*'] };
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const probes: Record<ServiceName, string> = {
    registration: '/households',
    eligibility: `/assessments/${randomUUID()}`,
    transport: `/convoys?campId=${CAMP_A}`,
    notifications: '/templates',
    reporting: '/reports',
  };

  const forged: Record<string, () => Promise<string>> = {
    'alg none': async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', iss: 'awda-local', aud: 'awda', exp: now() + 600, ...claims })}.`,
    'alg none, signature kept': async () => {
      const good = await signToken({ sub: 'mallory', ttlSeconds: 600, ...claims }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
      const [, payload, signature] = good.split('.');
      return `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`;
    },
    'wrong audience': () => signToken({ sub: 'mallory', ttlSeconds: 600, ...claims }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'other-app' }),
    'wrong issuer': () => signToken({ sub: 'mallory', ttlSeconds: 600, ...claims }, { secret: DEV_JWT_SECRET, issuer: 'evil-idp', audience: 'awda' }),
    expired: () =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('awda-local').setAudience('awda')
        .setIssuedAt(now() - 3600).setExpirationTime(now() - 120).sign(key),
    'another key': () =>
      signToken({ sub: 'mallory', ttlSeconds: 600, ...claims }, { secret: 'a-completely-different-secret-of-enough-length', issuer: 'awda-local', audience: 'awda' }),
    'missing exp': () => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('awda-local').setAudience('awda').setIssuedAt().sign(key),
    'missing sub': () => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuer('awda-local').setAudience('awda').setIssuedAt().setExpirationTime(now() + 600).sign(key),
    'payload altered after signing': async () => {
      const good = await signToken({ sub: 'mallory', ttlSeconds: 600, roles: ['caseworker'], camps: [CAMP_A] }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
      const [header, , signature] = good.split('.');
      return `${header}.${b64({ sub: 'mallory', iss: 'awda-local', aud: 'awda', exp: now() + 600, ...claims })}.${signature}`;
    },
  };

  it('should accept a good token on every probe (the control)', async () => {
    const good = await tokenFor(['admin', 'supervisor', 'logistics', 'caseworker'], ['*'], 'sec-good');
    for (const service of SERVICE_NAMES) {
      const res = await call('GET', service, probes[service], good);
      expect({ service, unauthorised: res.status === 401 }).toEqual({ service, unauthorised: false });
    }
  });

  it.each(Object.keys(forged))('should answer 401 to a token with %s on every service', async (kind) => {
    const token = await forged[kind]!();
    for (const service of SERVICE_NAMES) {
      const res = await call<{ code: string }>('GET', service, probes[service], token);
      expect({ service, status: res.status }).toEqual({ service, status: 401 });
      expect(res.body.code).toBe('AUTH.INVALID_TOKEN');
    }
  });
});

describe('roles', () => {
  it('should answer 403 when a role tries what it is not for', async () => {
    const caseworker = await tokenFor(['caseworker'], [CAMP_A], 'sec-role-caseworker');
    const logistics = await tokenFor(['logistics'], [CAMP_A], 'sec-role-logistics');
    const supervisor = await tokenFor(['supervisor'], [CAMP_A], 'sec-role-supervisor');
    const [h] = nextHouseholds(1, CAMP_A);
    const household = await register(caseworker, h!);
    const tomorrow = localDate(1);
    const refusals: [string, string, ServiceName, string, unknown][] = [
      [caseworker, 'POST', 'transport', '/plans', { campId: CAMP_A, departureDate: tomorrow, departureTime: '07:30', assemblyPoint: 'Gate 1' }],
      [caseworker, 'POST', 'transport', '/convoys', { campId: CAMP_A, departureDate: tomorrow, departureTime: '07:30', assemblyPoint: 'Gate 1', destinations: [TABQA] }],
      [caseworker, 'POST', 'transport', `/plans/${randomUUID()}/commit`, undefined],
      [caseworker, 'POST', 'transport', `/convoys/${randomUUID()}/cancel`, { reason: 'no' }],
      [caseworker, 'POST', 'transport', '/vehicles', { campId: CAMP_A, type: 'bus', seats: 50, plate: 'X-1', operator: 'x', availableDates: [tomorrow] }],
      [supervisor, 'POST', 'transport', '/plans', { campId: CAMP_A, departureDate: tomorrow, departureTime: '07:30', assemblyPoint: 'Gate 1' }],
      [logistics, 'POST', 'registration', `/households/${household.id}/consents`, { memberId: household.members[0]!.id, decision: 'consent', decidedOn: localDate(-1), method: 'signed_form' }],
      [logistics, 'POST', 'registration', '/households', registrationBody(h!, `${h!.caseNumber}-L`)],
      [logistics, 'GET', 'registration', `/households/${household.id}`, undefined],
      [caseworker, 'PUT', 'registration', `/camps/${CAMP_A}/consent-policy`, { policy: 'head_only' }],
      [caseworker, 'PUT', 'notifications', '/templates/registered/en', { text: 'pwned' }],
      [supervisor, 'PUT', 'notifications', '/templates/registered/en', { text: 'pwned' }],
      [caseworker, 'PUT', 'eligibility', `/areas/${TABQA}/status`, { status: 'closed', reason: 'no' }],
    ];
    for (const [token, method, service, path, body] of refusals) {
      const res = await call<{ code: string }>(method, service, path, token, body, { 'idempotency-key': randomUUID() });
      expect({ method, service, path, status: res.status }).toEqual({ method, service, path, status: 403 });
    }
    expect(await rowsOf(`SELECT 1 FROM registration.consents WHERE household_id = $1`, [household.id])).toEqual([]);
  });
});

describe('SMS rate limit', () => {
  it('should answer 429 with Retry-After past RATE_LIMIT_SMS_PER_MINUTE registrations a minute, and create nothing for the refused ones', async () => {
    const token = await tokenFor(['caseworker'], [CAMP_A], 'sec-rate-limited');
    // Start early in a minute so that the whole burst falls in one window (the database clock).
    await waitFor(
      'the start of a minute',
      async () => Number((await rowsOf(`SELECT extract(second FROM now())::float AS s`))[0]!['s']) < 30,
      { timeoutMs: 40_000, intervalMs: 500 },
    );
    const households = nextHouseholds(SMS_PER_MINUTE + 3, CAMP_A);
    const statuses: number[] = [];
    const refused: { caseNumber: string; retryAfter: string | null; body: unknown }[] = [];
    for (const h of households) {
      sent.push(h);
      const res = await call('POST', 'registration', '/households', token, registrationBody(h), { 'idempotency-key': randomUUID() });
      statuses.push(res.status);
      if (res.status === 429) refused.push({ caseNumber: h.caseNumber, retryAfter: res.headers.get('retry-after'), body: res.body });
    }
    expect(statuses.slice(0, SMS_PER_MINUTE)).toEqual(Array(SMS_PER_MINUTE).fill(201));
    expect(statuses.slice(SMS_PER_MINUTE)).toEqual([429, 429, 429]);
    for (const r of refused) {
      const seconds = Number(r.retryAfter);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(r.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String), retryAfterSeconds: seconds });
    }
    const created = await rowsOf(`SELECT case_number FROM registration.households WHERE case_number = ANY($1::text[])`, [refused.map((r) => r.caseNumber)]);
    expect(created).toEqual([]);
    // Another user of the same camp is not affected.
    const other = await tokenFor(['caseworker'], [CAMP_A], 'sec-rate-other');
    const [h] = nextHouseholds(1, CAMP_A);
    expect((await register(other, h!)).id).toBeDefined();
  });
});

describe('hostile input', () => {
  /** A request with a raw body or a raw query, kept for the scan like call()'s. */
  async function raw(service: ServiceName, method: string, path: string, token: string, body?: string, contentType = 'application/json') {
    const res = await fetch(`${system.url(service)}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) }, body,
    });
    const text = await res.text();
    if (res.status >= 400) errorBodies.push({ request: `${method} ${service}${path.slice(0, 80)}`, status: res.status, text });
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : {}) as { code?: string; errors?: { field: string }[]; message?: string } };
  }

  it('should answer 400 naming the field, never 500, to NUL bytes, impossible dates, huge integers and deep nesting on every service', async () => {
    const all = await tokenFor(['admin', 'supervisor', 'logistics', 'caseworker'], [CAMP_A], 'sec-hostile');
    const [h] = nextHouseholds(1, CAMP_A);
    sent.push(h!);
    const withNul = registrationBody(h!);
    (withNul['members'] as Record<string, unknown>[])[0]!['fullNameLatin'] = 'Nul\u0000Name';
    const impossible = registrationBody(h!);
    (impossible['members'] as Record<string, unknown>[])[0]!['dateOfBirth'] = '2025-02-30';
    const deep = `{"campId":"${CAMP_A}","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const probes: [ServiceName, string, string, string | undefined, string][] = [
      ['registration', 'POST', '/households', JSON.stringify(withNul), 'members.0.fullNameLatin'],
      ['registration', 'POST', '/households', JSON.stringify(impossible), 'members.0.dateOfBirth'],
      ['registration', 'GET', '/households?page=1e20', undefined, 'page'],
      ['registration', 'GET', `/households?name=a%00b`, undefined, 'name'],
      ['registration', 'POST', '/households', deep, 'x'],
      ['eligibility', 'GET', '/rule-sets/99999999999999999999', undefined, 'version'],
      ['eligibility', 'GET', `/assessments?campId=${CAMP_A}&limit=1e20`, undefined, 'limit'],
      ['eligibility', 'PUT', `/areas/${TABQA}%00/status`, JSON.stringify({ status: 'open' }), 'code'],
      ['transport', 'GET', `/convoys?campId=${CAMP_A}&date=2025-02-30`, undefined, 'date'],
      ['transport', 'POST', '/convoys', JSON.stringify({ campId: CAMP_A, corridorId: 'raqqa-tabqa', departureDate: localDate(1), departureTime: '07:00', assemblyPoint: 'Gate\u00002', destinations: [TABQA] }), 'assemblyPoint'],
      ['transport', 'POST', '/plans', deep, 'x'],
      ['notifications', 'GET', '/messages/stats?from=2025-02-30&to=2025-03-01', undefined, 'from'],
      ['notifications', 'POST', '/templates/preview', JSON.stringify({ template: 'registered', language: 'en', text: 'a\u0000' }), 'text'],
    ];
    for (const [service, method, path, body, field] of probes) {
      const res = await raw(service, method, path, all, body);
      expect({ service, path: path.slice(0, 60), status: res.status, fields: (res.body.errors ?? []).map((e) => e.field) })
        .toEqual({ service, path: path.slice(0, 60), status: 400, fields: expect.arrayContaining([field.split('.')[0] === 'x' ? expect.stringMatching(/^x/) : field]) });
    }
    // A body that is not JSON: 415 "send JSON", not "every field missing".
    for (const service of SERVICE_NAMES) {
      const path = { registration: '/households', eligibility: '/rule-sets/validate', transport: '/plans', notifications: '/templates/preview', reporting: '/admin/rebuild' }[service];
      const res = await raw(service, 'POST', path, all, 'campId=x', 'text/plain');
      expect({ service, status: res.status, send: res.body.message?.includes('send JSON') }).toEqual({ service, status: 415, send: true });
    }
  });

  it('should refuse a camp id with a NUL or of 5,000 characters with 400 on every endpoint naming a camp, keep audit rows bounded, and answer 403 to a camp outside the token', async () => {
    const sub = 'sec-camp-prober';
    const supervisor = await tokenFor(['supervisor', 'logistics', 'caseworker'], [CAMP_A], sub);
    const endpoints: [ServiceName, string][] = [
      ['registration', '/households?campId='], ['eligibility', '/overrides?campId='], ['eligibility', '/assessments?campId='],
      ['transport', '/convoys?campId='], ['transport', '/vehicles?campId='], ['transport', '/pool?campId='],
    ];
    for (const [service, path] of endpoints) {
      for (const campId of [`${CAMP_B}%00`, 'c'.repeat(5000)]) {
        const res = await raw(service, 'GET', `${path}${campId}`, supervisor);
        expect({ service, path, status: res.status, fields: (res.body.errors ?? []).map((e) => e.field) }).toEqual({ service, path, status: 400, fields: ['campId'] });
      }
      const other = await raw(service, 'GET', `${path}${CAMP_B}`, supervisor);
      expect({ service, path, status: other.status }).toEqual({ service, path, status: 403 });
    }
    const registration = await rowsOf(`SELECT max(length(actor) + length(endpoint))::int AS n FROM registration.audit_log`);
    const eligibility = await rowsOf(`SELECT max(length(details::text))::int AS n FROM eligibility.audit_log`);
    expect(Number(registration[0]!['n'])).toBeLessThan(400);
    expect(Number(eligibility[0]!['n'])).toBeLessThan(400);
    const denied = await rowsOf(`SELECT details FROM eligibility.audit_log WHERE actor = $1 AND action = 'camp_scope.denied'`, [sub]);
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('should send CSP and nosniff without X-Powered-By, and refuse a token without a reasonable lifetime, on every service', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(DEV_JWT_SECRET);
    const forever = await new SignJWT({ roles: ['admin'], camps: ['*'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory')
      .setIssuer('awda-local').setAudience('awda').setIssuedAt(now).setExpirationTime(253_402_300_799).sign(key);
    const future = await new SignJWT({ roles: ['admin'], camps: ['*'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory')
      .setIssuer('awda-local').setAudience('awda').setIssuedAt(now + 86_400).setExpirationTime(now + 90_000).sign(key);
    for (const service of SERVICE_NAMES) {
      const res = await fetch(`${system.url(service)}/health`);
      expect({ service, csp: res.headers.get('content-security-policy')?.includes("default-src 'self'"), nosniff: res.headers.get('x-content-type-options'), poweredBy: res.headers.get('x-powered-by') })
        .toEqual({ service, csp: true, nosniff: 'nosniff', poweredBy: null });
      for (const token of [forever, future]) expect({ service, status: (await raw(service, 'GET', '/docs/openapi.json', token)).status }).toEqual({ service, status: 200 });
      const path = { registration: '/households', eligibility: '/rule-sets', transport: `/convoys?campId=${CAMP_A}`, notifications: '/templates', reporting: '/reports' }[service];
      for (const token of [forever, future]) expect({ service, status: (await raw(service, 'GET', path, token)).status }).toEqual({ service, status: 401 });
    }
  });

  it('should import a file of any content in bounded memory: a service with a 128 MB heap gives up a 50 MB keyless file at once and reads a million bad rows to the end', async () => {
    const small = await AwdaSystem.start({ services: ['registration'], nodeArgs: ['--max-old-space-size=128'] });
    try {
      const token = await tokenFor(['caseworker'], [CAMP_A], 'sec-importer');
      const upload = async (body: Buffer) => {
        const res = await fetch(`${small.url('registration')}/imports?campId=${CAMP_A}&format=csv`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body,
        });
        expect(res.status).toBe(202);
        const id = ((await res.json()) as { id: string }).id;
        return waitFor(`import ${id} to end`, async () => {
          const view = (await api<{ status: string; failure: string | null; rowsFailed: number; householdsCreated: number }>('GET', `${small.url('registration')}/imports/${id}`, token)).body;
          return view.status === 'completed' || view.status === 'failed' ? view : undefined;
        }, { timeoutMs: 300_000, intervalMs: 1000 });
      };
      const keyless = await upload(Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(50 * 1024 * 1024, 'x,y\n')]));
      expect(keyless.status).toBe('failed');
      expect(keyless.failure).toContain('household_key');
      const row = ',SY110200,ar,x,male,1980-01-02,head\n';
      const rows = 1_000_000;
      const bad = await upload(Buffer.concat([
        Buffer.from(`household_key,destination_area,language,full_name_ar,sex,date_of_birth,relationship\nSEC-MEM-1,${TABQA},ar,أحمد خالد العلي,male,1980-01-02,head\n`),
        Buffer.alloc(rows * row.length, row),
      ]));
      expect(bad).toMatchObject({ status: 'completed', householdsCreated: 1, rowsFailed: rows });
      const peak = small.peakMemoryMiB('registration');
      console.log(`registration with a 128 MB heap: peak resident ${peak?.toFixed(0)} MiB after a 50 MB keyless file and ${rows} bad rows`);
      expect(small.services.get('registration')?.process.exitCode).toBeNull();
      expect(peak).toBeLessThan(400);
    } finally {
      await small.stop();
    }
  }, 600_000);
});

describe('no personal data in logs, events or error bodies', () => {
  it('should find a planted phone, name and document number (the scanner works)', () => {
    const [h] = nextHouseholds(1, CAMP_A, (g) => g.phone !== null && g.members.some((m) => m.document !== null));
    const scanner = new PersonalDataScanner();
    scanner.addHousehold(h!);
    const member = h!.members.find((m) => m.document !== null)!;
    const national = h!.phone!.slice(4);
    const local = `0${national}`;
    const samples = [
      `{"msg":"sms sent","to":"${h!.phone}"}`,
      `{"to":"${local}"}`,
      `phone 0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`,
      `{"name":${JSON.stringify(h!.members[0]!.fullNameAr)}}`,
      `{"name":"${h!.members[0]!.fullNameAr.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"}`,
      `name=${h!.members[0]!.fullNameLatin.toUpperCase()}`,
      `{"document":"${member.document!.number}"}`,
    ];
    for (const sample of samples) expect({ sample, found: scanner.scan(sample, 'sample').length > 0 }).toEqual({ sample, found: true });
    const clean = `{"householdId":"${randomUUID()}","caseNumber":"${h!.caseNumber}","at":"2026-11-29T04:12:07.283Z","n":1${national}0}`;
    expect(scanner.scan(clean, 'clean')).toEqual([]);
  });

  it('should find no phone, name or document number of any generated person after a small end-to-end run', async () => {
    // The run: households with phones registered, every adult consents, a convoy is planned,
    // committed and confirmed, and the families' SMS go out.
    const journey = await Journey.create(urlsOf(system), CAMP_A);
    const generated = nextHouseholds(3, CAMP_A, (h) => h.phone !== null && h.members.every((m) => m.needs.length === 0) && h.members.some((m) => m.document !== null));
    const registered: Registered[] = [];
    for (const h of generated) {
      sent.push(h);
      registered.push(await journey.register(h));
    }
    for (const r of registered) {
      const outcome = await journey.consentAll(r);
      await journey.waitForAssessment(r.id, outcome?.version ?? r.version, (a) => a.status === 'eligible');
    }
    const tomorrow = localDate(1);
    await journey.createFleet({ buses: 2, seats: 40, cargoTrucks: 3, ambulances: 1 }, [tomorrow], 'SEC');
    await journey.waitForPool(registered.map((r) => r.id));
    const proposal = await journey.propose({ campId: CAMP_A, departureDate: tomorrow, departureTime: '08:00', assemblyPoint: 'Gate 3' });
    const committed = await journey.commit(proposal.planId);
    for (const convoy of committed.convoys) await journey.confirm(convoy.convoyId);
    const scheduledIds = committed.convoys.flatMap((c) => c.householdIds);
    expect(scheduledIds.length).toBeGreaterThan(0);
    for (const id of scheduledIds) {
      await journey.waitForMessages(id, (ms) => ms.some((m) => m.template === 'scheduled' && (m.status === 'sent' || m.status === 'delivered')));
    }
    // An error body that could echo what it was sent: a registration with a phone and names that fails validation.
    const [bad] = nextHouseholds(1, CAMP_A, (h) => h.phone !== null);
    sent.push(bad!);
    const token = await tokenFor(['caseworker'], [CAMP_A], 'sec-bad-input');
    const badBody = registrationBody(bad!);
    (badBody['members'] as Record<string, unknown>[])[0]!['sex'] = 'unknown';
    badBody['destinationArea'] = bad!.phone;
    expect((await call('POST', 'registration', '/households', token, badBody, { 'idempotency-key': randomUUID() })).status).toBe(400);
    // A duplicate case number: the conflict body.
    expect((await call('POST', 'registration', '/households', token, registrationBody(generated[0]!), { 'idempotency-key': randomUUID() })).status).toBe(409);

    // PostgreSQL refusing statements that carry personal data: the duplicate above, and an import row whose
    // date of birth is impossible (TypeORM used to print such statements with their PARAMETERS).
    const [imported] = nextHouseholds(1, CAMP_A, (h) => h.phone !== null);
    sent.push(imported!);
    const head = imported!.members[0]!;
    const csv = `household_key,shelter_location,destination_area,language,phone,full_name_ar,sex,date_of_birth,relationship\n` +
      `${imported!.caseNumber},"${shelterOf(imported!)}",${TABQA},ar,${imported!.phone},${head.fullNameAr},${head.sex},1984-02-30,head\n`;
    const upload = await fetch(`${system.url('registration')}/imports?campId=${CAMP_A}&format=csv`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: csv,
    });
    expect(upload.status).toBe(202);
    const importId = ((await upload.json()) as { id: string }).id;
    await waitFor('the import to end', async () => {
      const view = await call<{ status: string }>('GET', 'registration', `/imports/${importId}`, token);
      return view.body.status === 'completed' || view.body.status === 'failed';
    });
    // A duplicate case number again, through the other path (PATCH of another household onto a taken number).
    const second = await register(token, nextHouseholds(1, CAMP_A, (h) => h.phone !== null)[0]!);
    expect((await call('PATCH', 'registration', `/households/${second.id}`, token, { caseNumber: generated[0]!.caseNumber }, { 'if-match': `"${second.version}"` })).status).toBe(409);

    const scanner = new PersonalDataScanner();
    for (const h of sent) {
      scanner.addHousehold(h);
      scanner.addShelter(shelterOf(h));
    }
    expect(scanner.size).toBeGreaterThan(100);

    const findings: Finding[] = [];
    findings.push(...scanner.scan(system.logs(), 'service logs'));
    for (const e of errorBodies) findings.push(...scanner.scan(e.text, `error body of ${e.request} (${e.status})`));
    const events = await readWholeStream();
    expect(events.length).toBeGreaterThan(20);
    for (const e of events) findings.push(...scanner.scan(e.data, `event ${e.subject} #${e.seq}`));

    expect(errorBodies.length).toBeGreaterThan(30);
    expect(findings.map((f) => `${f.kind} ${f.needle} in ${f.where}: …${f.excerpt}…`)).toEqual([]);
  });
});

/** Every message of the namespace's event stream (domain events and dead letters), via an ordered consumer. */
async function readWholeStream(): Promise<{ subject: string; seq: number; data: string }[]> {
  const nc = await connect({ servers: system.natsUrl });
  try {
    const js = jetstream(nc);
    const consumer = await js.consumers.get(eventStreamName(system.namespace));
    const out: { subject: string; seq: number; data: string }[] = [];
    let pending = (await consumer.info(true)).num_pending;
    while (pending > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(pending, 1000), expires: 2000 });
      let got = 0;
      for await (const msg of batch) {
        got += 1;
        const headers = msg.headers ? [...msg.headers.keys()].map((k) => `${k}: ${msg.headers!.get(k)}`).join('\n') : '';
        out.push({ subject: msg.subject, seq: msg.seq, data: `${msg.subject}\n${headers}\n${msg.string()}` });
      }
      if (got === 0) break;
      pending -= got;
    }
    return out;
  } finally {
    await nc.close();
  }
}
