import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import {
  AREA_STATUS_CHANGED_V1,
  CORRIDORS_PUBLISHED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  type AreaStatusChangedV1,
  type HouseholdAssessedV1,
  type HouseholdSnapshotV1,
} from '@awda/contracts';
import { defaultRuleSet } from '@awda/eligibility-rules';
import { ensureEventStream } from '@awda/messaging';
import { createTestBroker, createTestDatabase, waitFor, type TestBroker, type TestDatabase } from '@awda/testing';
import type { EligibilityConfig } from '../src/config.js';
import { eligibilityService } from '../src/eligibility.definition.js';
import { assessedOf, consentAll, envelope, household, next, publish, publishAreas, publishCorridors, readStream, token } from './eligibility.fixture.js';

interface Explanation {
  status: string;
  explanation: { ar: string; en: string };
  reasons: { code: string; params: Record<string, unknown> }[];
  override: { applied: boolean; expired: boolean; outcome: string } | null;
  ruleSetVersion: number;
  assessmentVersion: number;
}

describe('eligibility service on the real servers', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<EligibilityConfig>;
  let admin: string;
  let supervisor: string;
  let caseworker: string;
  let otherCampCaseworker: string;

  const http = () => request(service.app.getHttpServer());
  const register = (s: HouseholdSnapshotV1) =>
    publish(broker, envelope(HOUSEHOLD_REGISTERED_V1, { household: s }), s.householdId);
  const update = (s: HouseholdSnapshotV1, changes = ['members']) =>
    publish(broker, envelope(HOUSEHOLD_UPDATED_V1, { household: s, changes }), s.householdId);
  /** Waits for the household's n-th assessment and returns all of them. */
  const assessments = (householdId: string, n: number) =>
    waitFor(`assessment #${n} of ${householdId}`, async () => {
      const found = await assessedOf(broker, householdId);
      return found.length >= n ? found : undefined;
    });
  const last = (list: HouseholdAssessedV1[]): HouseholdAssessedV1 => list[list.length - 1] as HouseholdAssessedV1;
  const explanation = async (householdId: string, bearer = caseworker): Promise<Explanation> =>
    (await http().get(`/assessments/${householdId}`).auth(bearer, { type: 'bearer' }).expect(200)).body as Explanation;

  beforeAll(async () => {
    db = await createTestDatabase('eligibility');
    broker = await createTestBroker();
    // Registration's stream, which the test publishes into before the service has created it.
    await ensureEventStream(broker.jsm, broker.namespace);
    service = await createServiceApp(
      eligibilityService,
      {
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        NATS_URL: broker.url,
        AWDA_NAMESPACE: broker.namespace,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '100',
        ELIGIBILITY_TICK_MS: '200',
        // Small batches so an area change of three households takes two batches.
        REEVALUATION_BATCH_SIZE: '2',
      },
      { logger: false, messaging: { retryBaseMs: 100, retryMaxMs: 500 } },
    );
    admin = await token('admin-1', ['admin'], []);
    supervisor = await token('sup-1', ['supervisor'], ['mahmoudli']);
    caseworker = await token('cw-1', ['caseworker'], ['mahmoudli']);
    otherCampCaseworker = await token('cw-2', ['caseworker'], ['areesha']);
  });

  afterAll(async () => {
    await service?.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  const h1 = household('SY0101');
  /** Whether the service has handled (committed) an event. */
  const handled = (eventId: string) =>
    waitFor(`event ${eventId} handled`, async () => {
      const rows: unknown[] = await service.app.get(DataSource).query('SELECT 1 FROM eligibility.processed_events WHERE event_id = $1', [eventId]);
      return rows.length > 0;
    });

  it('should assess nobody until both the area list and the corridor list have arrived', async () => {
    const early = household('SY0101', { members: consentAll(household('SY0101').members) });
    const registered = envelope(HOUSEHOLD_REGISTERED_V1, { household: early });
    await publish(broker, registered, early.householdId);
    await handled(registered.id);
    expect(await assessedOf(broker, early.householdId)).toEqual([]);
    await publishAreas(broker);
    await waitFor('the area list applied', async () => {
      const rows: unknown[] = await service.app.get(DataSource).query(`SELECT 1 FROM eligibility.reference_lists WHERE name = 'areas'`);
      return rows.length > 0;
    });
    expect(await assessedOf(broker, early.householdId)).toEqual([]);
    await publishCorridors(broker);
    expect(last(await assessments(early.householdId, 1))).toMatchObject({ status: 'eligible', reasons: [] });
  });

  it('should move a household from pending to eligible as its adults consent', async () => {
    await register(h1);
    let list = await assessments(h1.householdId, 1);
    expect(last(list)).toMatchObject({ status: 'pending', ruleSetVersion: 1, assessmentVersion: 1, householdVersion: 1 });
    expect(last(list).reasons).toEqual([{ ruleId: 'consent', code: 'consent_missing', params: { count: 2 }, outcome: 'pending' }]);
    const pending = await explanation(h1.householdId);
    expect(pending.explanation.en).toBe('Pending — Consent missing for 2 adults');
    expect(pending.explanation.ar).toBe('قيد الانتظار — الموافقة ناقصة لبالغين اثنين');

    const v2 = next(h1, (m) => m.map((x, i) => (i === 0 ? { ...x, consent: 'consent' } : x)));
    await update(v2, ['consent']);
    list = await assessments(h1.householdId, 2);
    expect(last(list).reasons[0]?.params).toEqual({ count: 1 });
    expect((await explanation(h1.householdId)).explanation.en).toBe('Pending — Consent missing for 1 adult');

    const v3 = next(v2, consentAll);
    await update(v3, ['consent']);
    list = await assessments(h1.householdId, 3);
    expect(last(list)).toMatchObject({ status: 'eligible', reasons: [], assessmentVersion: 3, householdVersion: 3 });
    expect((await explanation(h1.householdId)).explanation.en).toBe('Eligible');
  });

  it('should ignore an older snapshot and a redelivered event, and publish nothing when the decision is unchanged', async () => {
    const v2 = next(h1, (m) => m.map((x, i) => (i === 0 ? { ...x, consent: 'consent' } : x)));
    const v3 = next(v2, consentAll);
    const v3Event = envelope(HOUSEHOLD_UPDATED_V1, { household: v3, changes: ['consent'] });
    await publish(broker, v3Event, h1.householdId);
    // Older snapshot (one consent only) after the newer one.
    await update(v2, ['consent']);
    // A change that does not touch the decision.
    const v4 = { ...v3, version: 4, language: 'en' as const };
    await update(v4, ['language']);
    // Then a change that does: the head's identity document is gone.
    const v5 = next(v4, (m) => m.map((x) => (x.isHead ? { ...x, hasIdentityDocument: false } : x)));
    await update(v5, ['documents']);
    // Events of one household are handled in order: once v5's assessment is out, all the above were handled.
    const list = await assessments(h1.householdId, 4);
    expect(list.map((a) => [a.status, a.assessmentVersion, a.householdVersion])).toEqual([
      ['pending', 1, 1],
      ['pending', 2, 2],
      ['eligible', 3, 3],
      ['pending', 4, 5],
    ]);
    expect(last(list).reasons.map((r) => r.code)).toEqual(['head_document_missing']);
    const processed: unknown[] = await service.app
      .get(DataSource)
      .query('SELECT 1 FROM eligibility.processed_events WHERE event_id = $1', [v3Event.id]);
    expect(processed).toHaveLength(1);
  });

  it('should stop a household that withdrew', async () => {
    const h = household('SY0101', { members: consentAll(household('SY0101').members) });
    await register(h);
    expect(last(await assessments(h.householdId, 1)).status).toBe('eligible');
    await publish(
      broker,
      envelope(HOUSEHOLD_WITHDRAWN_V1, { householdId: h.householdId, campId: 'mahmoudli', memberId: h.members[0]?.memberId ?? '', withdrawnOn: '2025-06-01', version: 2 }),
      h.householdId,
    );
    const after = last(await assessments(h.householdId, 2));
    expect(after).toMatchObject({ status: 'ineligible', reasons: [{ ruleId: 'not-withdrawn', code: 'withdrawn', params: {}, outcome: 'ineligible' }] });
  });

  it('should re-evaluate the households of an area when it closes, with the reason, and again when it reopens', async () => {
    const travelling = [
      ...[1, 2, 3].map(() => household('SY0301', { members: consentAll(household('SY0301').members) })),
      // Bound for a community inside the district: its chain C0301 → SY0301 → SY03 holds the closure.
      household('C0301', { members: consentAll(household('C0301').members) }),
    ];
    const elsewhere = household('SY0302', { members: consentAll(household('SY0302').members) });
    for (const h of [...travelling, elsewhere]) await register(h);
    for (const h of [...travelling, elsewhere]) expect(last(await assessments(h.householdId, 1)).status).toBe('eligible');

    const closing = { status: 'closed', reason: 'Unexploded ordnance reported near the town' };
    await http().put('/areas/SY0301/status').auth(supervisor, { type: 'bearer' }).send(closing).expect(403);
    await http().put('/areas/SY0301/status').auth(admin, { type: 'bearer' }).send({ status: 'closed' }).expect(422);
    await http().put('/areas/SY0301/status').auth(admin, { type: 'bearer' }).send(closing).expect(200);
    for (const h of travelling) {
      expect(last(await assessments(h.householdId, 2))).toMatchObject({
        status: 'pending',
        reasons: [{ ruleId: 'destination-open', code: 'area_closed', params: { area: 'SY0301' }, outcome: 'pending' }],
      });
    }
    const seen = await explanation(travelling[0]?.householdId ?? '');
    expect(seen.explanation.en).toBe('Pending — Destination area SY0301 is closed to returns');
    const changes = await readStream<AreaStatusChangedV1>(broker, AREA_STATUS_CHANGED_V1);
    expect(changes).toEqual([expect.objectContaining({ areaCode: 'SY0301', status: 'closed', previousStatus: 'open', reason: closing.reason, version: 1 })]);

    await http().put('/areas/SY0301/status').auth(admin, { type: 'bearer' }).send({ status: 'open' }).expect(200);
    for (const h of travelling) expect(last(await assessments(h.householdId, 3))).toMatchObject({ status: 'eligible', reasons: [] });
    expect(await assessedOf(broker, elsewhere.householdId)).toHaveLength(1);

    // A restriction from a future date takes effect when due, from the stored change.
    const effectiveFrom = new Date(Date.now() + 1500).toISOString();
    const scheduled = await http()
      .put('/areas/SY0302/status')
      .auth(admin, { type: 'bearer' })
      .send({ status: 'restricted', reason: 'Only families with a house to return to', effectiveFrom })
      .expect(200);
    expect((scheduled.body as { appliedAt: string | null }).appliedAt).toBeNull();
    const areas = await http().get('/areas').auth(caseworker, { type: 'bearer' }).expect(200);
    expect((areas.body as { scheduled: { areaCode: string }[] }).scheduled.map((c) => c.areaCode)).toContain('SY0302');
    const restricted = last(await assessments(elsewhere.householdId, 2));
    expect(restricted.status).toBe('pending');
    expect(restricted.reasons[0]).toMatchObject({ code: 'area_restricted', params: { area: 'SY0302', reason: 'Only families with a house to return to' } });
  });

  it('should apply a supervisor override waiving what it names, and let the rules decide again when it expires', async () => {
    const withoutDocument = household('SY0401', {
      members: consentAll(household('SY0401').members).map((m) => (m.isHead ? { ...m, hasIdentityDocument: false } : m)),
    });
    const h = { ...withoutDocument };
    await register(h);
    expect(last(await assessments(h.householdId, 1))).toMatchObject({ status: 'pending', reasons: [{ code: 'head_document_missing' }] });
    const url = `/households/${h.householdId}/overrides`;
    const body = { outcome: 'eligible', reason: 'Identity card lost; replacement requested', expiresAt: new Date(Date.now() + 2500).toISOString() };
    await http().post(url).auth(caseworker, { type: 'bearer' }).send(body).expect(403);
    await http().post(url).auth(supervisor, { type: 'bearer' }).send({ outcome: 'eligible' }).expect(400);
    const refused = await http().post(url).auth(supervisor, { type: 'bearer' }).send({ ...body, waives: ['consent'] }).expect(422);
    expect(refused.body).toMatchObject({ code: 'ELIGIBILITY.OVERRIDE_RULE_NOT_WAIVABLE' });
    await http().post(url).auth(supervisor, { type: 'bearer' }).send({ ...body, waives: ['no-such-rule'] }).expect(422);
    const created = await http().post(url).auth(supervisor, { type: 'bearer' }).send(body).expect(201);
    expect(created.body).toMatchObject({ outcome: 'eligible', waives: ['head-identity-document'] });

    expect(last(await assessments(h.householdId, 2))).toMatchObject({ status: 'eligible', override: 'eligible', reasons: [] });
    const overridden = await explanation(h.householdId);
    expect(overridden.override).toMatchObject({ applied: true, outcome: 'eligible' });
    expect(overridden.explanation.en).toMatch(
      /^Eligible — Override: head-identity-document waived until \d{4}-\d{2}-\d{2} — The head of household has no identity document on file \(waived\)$/,
    );

    // Expiry is found by the scheduler from the stored override.
    expect(last(await assessments(h.householdId, 3))).toMatchObject({ status: 'pending', override: null });
    const expired = await explanation(h.householdId);
    expect(expired.override).toMatchObject({ applied: false, expired: true });
    expect(expired.explanation.en).toContain('expired on');

    const stop = await http()
      .post(url)
      .auth(supervisor, { type: 'bearer' })
      .send({ outcome: 'ineligible', reason: 'Protection concern under review' })
      .expect(201);
    expect(stop.body).toMatchObject({ waives: [], expiresAt: null });
    expect(last(await assessments(h.householdId, 4))).toMatchObject({ status: 'ineligible', override: 'ineligible' });
    const id = (stop.body as { id: string }).id;
    await http().post(`/overrides/${id}/revoke`).auth(supervisor, { type: 'bearer' }).send({ reason: 'Review closed' }).expect(200);
    expect(last(await assessments(h.householdId, 5))).toMatchObject({ status: 'pending', override: null });
    await http().post(`/overrides/${id}/revoke`).auth(supervisor, { type: 'bearer' }).send({ reason: 'Again' }).expect(409);
    const audit: { action: string }[] = await service.app
      .get(DataSource)
      .query(`SELECT action FROM eligibility.audit_log WHERE household_id = $1 AND action LIKE 'override.%' ORDER BY at`, [h.householdId]);
    expect(audit.map((a) => a.action)).toEqual(['override.created', 'override.created', 'override.revoked']);
  });

  it('should answer 404 for a household outside the caller camps and audit the attempt; list by camp with counts', async () => {
    await http().get(`/assessments/${h1.householdId}`).auth(otherCampCaseworker, { type: 'bearer' }).expect(404);
    const denied: unknown[] = await service.app
      .get(DataSource)
      .query(`SELECT 1 FROM eligibility.audit_log WHERE household_id = $1 AND action = 'camp_scope.denied' AND actor = 'cw-2'`, [h1.householdId]);
    expect(denied).toHaveLength(1);
    await http().get('/assessments?campId=mahmoudli').auth(otherCampCaseworker, { type: 'bearer' }).expect(404);

    const res = await http().get('/assessments?campId=mahmoudli&status=pending').auth(caseworker, { type: 'bearer' }).expect(200);
    const page = res.body as { counts: Record<string, number>; items: { householdId: string; status: string }[] };
    // The early one and 4 closed-then-reopened eligible; h1 (document), 1 restricted, 1 after its override pending; 1 withdrawn.
    expect(page.counts).toEqual({ eligible: 5, pending: 3, ineligible: 1 });
    expect(page.items.every((i) => i.status === 'pending')).toBe(true);
    expect(page.items.map((i) => i.householdId)).toContain(h1.householdId);
  });

  it('should refuse an invalid rule set with every error, and re-evaluate everyone when a new one is activated', async () => {
    const bad = await http()
      .post('/rule-sets')
      .auth(supervisor, { type: 'bearer' })
      .send({ document: { name: 'x', rules: [{ id: 'consent', predicate: 'all_adults_consented', params: {}, onFail: 'maybe' }], priority: {} } })
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'ELIGIBILITY.RULESET_INVALID' });
    const paths = (bad.body as { details: { errors: { path: string }[] } }).details.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['rules[0].description', 'rules[0].onFail', 'priority.weights']));

    const withoutDocumentRule = {
      ...defaultRuleSet,
      version: undefined,
      name: 'Head document checked at the handover point',
      rules: defaultRuleSet.rules.filter((r) => r.id !== 'head-identity-document'),
    };
    await http().post('/rule-sets/validate').auth(supervisor, { type: 'bearer' }).send({ document: withoutDocumentRule }).expect(200, { valid: true, errors: [] });
    await http().post('/rule-sets').auth(caseworker, { type: 'bearer' }).send({ document: withoutDocumentRule }).expect(403);
    const created = await http().post('/rule-sets').auth(supervisor, { type: 'bearer' }).send({ document: withoutDocumentRule }).expect(201);
    expect(created.body).toMatchObject({ version: 2, active: false });
    await http().post('/rule-sets/2/activate').auth(supervisor, { type: 'bearer' }).expect(200);

    expect(last(await assessments(h1.householdId, 5))).toMatchObject({ status: 'eligible', ruleSetVersion: 2, reasons: [] });
    const sets = (await http().get('/rule-sets').auth(caseworker, { type: 'bearer' }).expect(200)).body as { version: number; active: boolean }[];
    expect(sets.filter((s) => s.active).map((s) => s.version)).toEqual([2]);
  });

  it('should not take an unknown destination as open, and hold a destination no corridor reaches until one does', async () => {
    const typo = household('SY0999', { members: consentAll(household('SY0999').members) });
    const noRoad = household('SY0501', { members: consentAll(household('SY0501').members) });
    await register(typo);
    await register(noRoad);
    expect(last(await assessments(typo.householdId, 1))).toMatchObject({
      status: 'pending',
      reasons: [{ ruleId: 'destination-open', code: 'area_unknown', params: { area: 'SY0999' }, outcome: 'pending' }],
    });
    expect(last(await assessments(noRoad.householdId, 1))).toMatchObject({
      status: 'pending',
      reasons: [{ ruleId: 'destination-open', code: 'area_not_served', params: { area: 'SY0501' }, outcome: 'pending' }],
    });
    expect((await explanation(noRoad.householdId)).explanation.en).toBe('Pending — No convoy route goes to destination area SY0501 yet');

    // A road to SY05 opens: the corridor list changes and everyone is re-evaluated.
    const roads = [
      { id: 'north', name: 'North road', areaCodes: ['SY01', 'SY03', 'SY04'] },
      { id: 'east', name: 'East road', areaCodes: ['SY05'] },
    ];
    await publishCorridors(broker, roads);
    expect(last(await assessments(noRoad.householdId, 2))).toMatchObject({ status: 'eligible', reasons: [] });
    // An older list arriving late changes nothing.
    const stale = envelope(CORRIDORS_PUBLISHED_V1, { corridors: [roads[0] as (typeof roads)[number]], publishedAt: '2025-01-01T00:00:00.000Z' });
    await publish(broker, stale, 'corridors');
    await handled(stale.id);
    const corridors: { id: string }[] = await service.app.get(DataSource).query('SELECT id FROM eligibility.corridors ORDER BY id');
    expect(corridors.map((c) => c.id)).toEqual(['east', 'north']);
  });
});
