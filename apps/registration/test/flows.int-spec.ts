import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import {
  CONSENT_RECORDED_V1,
  CONVOY_DEPARTED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_CLOSED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  MANIFEST_NAMES_RPC_V1,
  type HouseholdUpdatedV1,
  type ManifestNamesReplyV1,
} from '@awda/contracts';
import { wireSubject } from '@awda/messaging';
import { waitFor } from '@awda/testing';
import { bearer, family, newKey, publishEvent, startHarness, token, waitForEvents, type Harness } from './harness.js';

interface View {
  id: string;
  version: number;
  status: string;
  unresolvedDuplicates: number;
  members: { id: string; relationship: string }[];
}

let h: Harness;
let caseworker: string;
let supervisor: string;

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli', 'areesha'], 'cw-1');
  supervisor = await token(['supervisor'], ['mahmoudli', 'areesha'], 'sup-1');
});

afterAll(async () => {
  await h?.close();
});

async function register(body: object): Promise<View> {
  const res = await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(body).expect(201);
  return res.body as View;
}

function consent(householdId: string, memberId: string, decision: string, t = caseworker) {
  return h.http().post(`/households/${householdId}/consents`).set(bearer(t)).set('Idempotency-Key', newKey())
    .send({ memberId, decision, decidedOn: '2025-06-01', method: 'signed_form', formReference: 'F-1' });
}

async function getHousehold(id: string): Promise<View> {
  return (await h.http().get(`/households/${id}`).set(bearer(caseworker)).expect(200)).body as View;
}

describe('consent and withdrawal', () => {
  it('should need every adult’s consent under the default policy, and only the head’s under head_only', async () => {
    const view = await register(family('CNS-0001'));
    const [head, spouse] = view.members;
    const first = await consent(view.id, head?.id ?? '', 'consent').expect(201);
    expect(first.body).toMatchObject({ householdStatus: 'registered', missingConsents: [spouse?.id] });

    const other = await register(family('CNS-0002', { campId: 'areesha' }));
    await h.http().put('/camps/areesha/consent-policy').set(bearer(caseworker)).send({ policy: 'head_only' }).expect(403);
    await h.http().put('/camps/areesha/consent-policy').set(bearer(supervisor)).send({ policy: 'head_only' }).expect(200);
    const headOnly = await consent(other.id, other.members[0]?.id ?? '', 'consent').expect(201);
    expect(headOnly.body).toMatchObject({ missingConsents: [] });
    const events = await waitForEvents(h.broker, other.id, CONSENT_RECORDED_V1);
    const last = events.filter((e) => e.type === HOUSEHOLD_UPDATED_V1).at(-1)?.data as unknown as HouseholdUpdatedV1;
    expect(last.household.consentPolicy).toBe('head_only');
    expect(last.household.members[0]?.consent).toBe('consent');
  });

  it('should refuse consent for a child, naming the field', async () => {
    const view = await register(family('CNS-0003'));
    const child = view.members.find((m) => m.relationship === 'son');
    const res = await consent(view.id, child?.id ?? '', 'consent').expect(422);
    expect(res.body).toMatchObject({ code: 'REGISTRATION.NOT_AN_ADULT', details: { field: 'memberId' } });
  });

  it('should withdraw the household when any adult withdraws, and register it again when they consent later', async () => {
    const view = await register(family('CNS-0004'));
    const spouse = view.members[1]?.id ?? '';
    await consent(view.id, view.members[0]?.id ?? '', 'consent').expect(201);
    const withdrawn = await consent(view.id, spouse, 'withdraw').expect(201);
    expect(withdrawn.body).toMatchObject({ householdStatus: 'withdrawn', version: 3 });
    expect((await getHousehold(view.id)).status).toBe('withdrawn');
    const events = await waitForEvents(h.broker, view.id, HOUSEHOLD_WITHDRAWN_V1);
    expect(events.find((e) => e.type === HOUSEHOLD_WITHDRAWN_V1)?.data).toMatchObject({ memberId: spouse, version: 3 });

    const again = await consent(view.id, spouse, 'consent').expect(201);
    expect(again.body).toMatchObject({ householdStatus: 'registered', missingConsents: [] });
    const consents = await h.http().get(`/households/${view.id}/consents`).set(bearer(caseworker)).expect(200);
    expect((consents.body as { decision: string }[]).map((c) => c.decision)).toEqual(['consent', 'withdraw', 'consent']);
  });

  it('should let only a supervisor correct a recorded decision', async () => {
    const view = await register(family('CNS-0005'));
    const head = view.members[0]?.id ?? '';
    const recorded = await consent(view.id, head, 'decline').expect(201);
    const correction = { memberId: head, decision: 'consent', decidedOn: '2025-06-01', method: 'verbal_with_witness', correctsConsentId: (recorded.body as { consentId: string }).consentId };
    await h.http().post(`/households/${view.id}/consents`).set(bearer(caseworker)).send(correction).expect(403);
    await h.http().post(`/households/${view.id}/consents`).set(bearer(supervisor)).send(correction).expect(201);
    const consents = await h.http().get(`/households/${view.id}/consents`).set(bearer(caseworker)).expect(200);
    expect((consents.body as { decision: string; superseded: boolean }[]).map((c) => [c.decision, c.superseded])).toEqual([['decline', true], ['consent', false]]);
  });
});

describe('possible duplicates', () => {
  it('should queue the same family registered twice with another spelling, and let a supervisor decide', async () => {
    const original = await register(family('DUP-0001', {
      phone: '0999 111 222',
      members: [{ fullNameAr: 'محمّد عبد الله الرّاشد', fullNameLatin: 'Mohammed Abdullah al-Rashid', sex: 'male', dateOfBirth: '1975-03-10', relationship: 'head' }],
    }));
    const again = await register(family('DUP-0002', {
      phone: '0988 333 444',
      members: [{ fullNameAr: 'محمد عبدالله الراشد', fullNameLatin: 'Muhammad Abdallah Rashid', sex: 'male', dateOfBirth: '1975-03-10', relationship: 'head' }],
    }));
    expect(again.unresolvedDuplicates).toBe(1);
    expect((await getHousehold(original.id)).unresolvedDuplicates).toBe(1);
    await h.http().get('/duplicates').set(bearer(caseworker)).expect(403);
    const queue = await h.http().get('/duplicates').set(bearer(supervisor)).expect(200);
    const candidate = (queue.body as { items: { id: string; householdId: string; otherHouseholdId: string; reasons: string[] }[] }).items
      .find((c) => c.householdId === again.id);
    expect(candidate).toMatchObject({ otherHouseholdId: original.id });
    expect(candidate?.reasons.join(' ')).toMatch(/alike names/);

    await h.http().post(`/duplicates/${candidate?.id}/resolution`).set(bearer(supervisor))
      .send({ decision: 'same', reason: 'Same family, registered twice', closeHouseholdId: again.id }).expect(200);
    expect(await getHousehold(again.id)).toMatchObject({ status: 'closed', unresolvedDuplicates: 0, mergedInto: original.id });
    expect(await getHousehold(original.id)).toMatchObject({ status: 'registered', unresolvedDuplicates: 0 });
    const events = await waitForEvents(h.broker, again.id, HOUSEHOLD_CLOSED_V1);
    expect(events.find((e) => e.type === HOUSEHOLD_CLOSED_V1)?.data).toMatchObject({ reason: 'duplicate', mergedInto: original.id });
  });

  it('should queue households sharing an identity document number or a phone, never merging them', async () => {
    const a = await register(family('DUP-0101', { phone: '0966 555 666' }));
    const body = family('DUP-0102', { phone: '+963 966 555 666' });
    const b = await register(body);
    expect(b.unresolvedDuplicates).toBe(1);
    const queue = await h.http().get('/duplicates').set(bearer(supervisor)).expect(200);
    const candidate = (queue.body as { items: { householdId: string; otherHouseholdId: string; reasons: string[] }[] }).items.find((c) => c.householdId === b.id);
    expect(candidate).toMatchObject({ otherHouseholdId: a.id, reasons: ['same phone number'] });
    expect((await getHousehold(a.id)).status).toBe('registered');
  });
});

describe('transport and eligibility events', () => {
  it('should show scheduled, then departed and close the case of those who boarded', async () => {
    const view = await register(family('TRN-0001'));
    const convoyId = uuidv7();
    await publishEvent(h.broker, HOUSEHOLD_SCHEDULED_V1, {
      householdId: view.id, campId: 'mahmoudli', convoyId, departureDate: '2025-07-01', departureTime: '07:00',
      assemblyPoint: 'Gate 2', destinationArea: 'SY110000', scheduleVersion: 1,
    }, view.id);
    await waitFor('the household to be scheduled', async () => (await getHousehold(view.id)).status === 'scheduled');
    await publishEvent(h.broker, CONVOY_DEPARTED_V1, {
      convoyId, campId: 'mahmoudli', departedAt: new Date().toISOString(),
      boarded: [{ householdId: view.id, memberIds: view.members.map((m) => m.id) }], noShows: [],
    }, convoyId);
    await waitFor('the case to be closed', async () => (await getHousehold(view.id)).status === 'closed');
    const events = await waitForEvents(h.broker, view.id, HOUSEHOLD_CLOSED_V1);
    const statuses = events.filter((e) => e.type === HOUSEHOLD_UPDATED_V1).map((e) => (e.data as unknown as HouseholdUpdatedV1).household);
    expect(statuses.map((s) => [s.version, s.status])).toEqual([[2, 'scheduled'], [3, 'departed'], [4, 'closed']]);
    expect(events.find((e) => e.type === HOUSEHOLD_CLOSED_V1)?.data).toMatchObject({ reason: 'departed', version: 4 });
  });

  it('should not send household.updated when a scheduled household only moves to another convoy, and still send its first scheduling', async () => {
    const view = await register(family('TRN-0003'));
    const [first, second] = [uuidv7(), uuidv7()];
    const scheduled = (convoyId: string, departureDate: string, scheduleVersion: number) => publishEvent(h.broker, HOUSEHOLD_SCHEDULED_V1, {
      householdId: view.id, campId: 'mahmoudli', convoyId, departureDate, departureTime: '07:00',
      assemblyPoint: 'Gate 2', destinationArea: 'SY110000', scheduleVersion,
    }, view.id);
    await scheduled(first, '2025-07-01', 1);
    await waitFor('the household to be scheduled', async () => (await getHousehold(view.id)).status === 'scheduled');
    await scheduled(second, '2025-07-08', 2);
    const moved = await waitFor('the household to be on the second convoy', async () => {
      const body = (await h.http().get(`/households/${view.id}`).set(bearer(caseworker)).expect(200)).body as View & { schedule: { convoyId: string } | null };
      return body.schedule?.convoyId === second ? body : undefined;
    });
    // The case worker's view changed (new version, new schedule); consumers' snapshot did not.
    expect(moved).toMatchObject({ version: 3, status: 'scheduled', schedule: { convoyId: second, departureDate: '2025-07-08' } });
    await publishEvent(h.broker, CONVOY_DEPARTED_V1, {
      convoyId: second, campId: 'mahmoudli', departedAt: new Date().toISOString(),
      boarded: [{ householdId: view.id, memberIds: view.members.map((m) => m.id) }], noShows: [],
    }, second);
    const events = await waitForEvents(h.broker, view.id, HOUSEHOLD_CLOSED_V1);
    const statuses = events.filter((e) => e.type === HOUSEHOLD_UPDATED_V1).map((e) => (e.data as unknown as HouseholdUpdatedV1).household);
    expect(statuses.map((s) => [s.version, s.status])).toEqual([[2, 'scheduled'], [4, 'departed'], [5, 'closed']]);
    const history = (await h.http().get(`/households/${view.id}/history`).set(bearer(caseworker)).expect(200)).body as { kind: string; version: number }[];
    expect(history.map((e) => [e.kind, e.version])).toEqual([['registered', 1], ['scheduled', 2], ['scheduled', 3], ['departed', 4], ['closed', 5]]);
  });

  it('should show on the timeline why a family is not scheduled yet', async () => {
    const view = await register(family('TRN-0002'));
    await publishEvent(h.broker, HOUSEHOLD_ASSESSED_V1, {
      householdId: view.id, campId: 'mahmoudli', status: 'pending', priority: 1, ruleSetVersion: 1, householdVersion: 1,
      assessmentVersion: 1, destinationArea: 'SY110000', override: null, assessedAt: new Date().toISOString(),
      reasons: [{ ruleId: 'consent', code: 'CONSENT_MISSING', params: { adults: 2 }, outcome: 'pending' }],
    }, view.id);
    const timeline = await waitFor('the assessment on the timeline', async () => {
      const res = await h.http().get(`/households/${view.id}/timeline`).set(bearer(caseworker)).expect(200);
      const body = res.body as { entries: { kind: string }[]; latestAssessment: { status: string } | null };
      return body.latestAssessment ? body : undefined;
    });
    expect(timeline.latestAssessment).toMatchObject({ status: 'pending', reasons: [expect.objectContaining({ code: 'CONSENT_MISSING' })] });
    expect(timeline.entries.map((e) => e.kind)).toEqual(['registered', 'assessed']);
  });
});

describe('bulk import', () => {
  const csv = [
    'household_key,destination_area,language,phone,full_name_ar,full_name_latin,sex,date_of_birth,estimated_age,relationship,document_type,document_number,needs',
    'IMP-1,SY090000,ar,0933 123 001,سعيد حامد الفرج,,male,1970-01-01,,head,family_booklet,FB-77001,',
    'IMP-1,,,,وداد حسن الفرج,,female,,50,spouse,,,ER',
    'IMP-2,SY090100,ar,0933 123 002,قاسم يونس العتيق,,male,1988-05-05,,head,,,',
    'IMP-3,SY999999,ar,,جميل سالم,,male,1990-01-01,,head,,,',
    'IMP-4,SY090000,ar,,Latin Only,,x,1990-01-01,,head,,,',
  ].join('\n');

  async function runImport(dryRun: boolean) {
    const res = await h.http().post('/imports').query({ campId: 'mahmoudli', format: 'csv', dryRun: String(dryRun) })
      .set(bearer(caseworker)).set('Content-Type', 'application/octet-stream').send(Buffer.from(csv)).expect(202);
    const id = (res.body as { id: string }).id;
    return waitFor('the import to finish', async () => {
      const view = await h.http().get(`/imports/${id}`).set(bearer(caseworker)).expect(200);
      const body = view.body as { status: string; householdsCreated: number; householdsUpdated: number; householdsUnchanged: number; rowsRead: number; errors: { row: number; field: string }[] };
      return body.status === 'completed' || body.status === 'failed' ? body : undefined;
    });
  }

  it('should report each bad row in a dry run without registering anyone, then import, then not duplicate on re-import', async () => {
    const dry = await runImport(true);
    expect(dry).toMatchObject({ status: 'completed', rowsRead: 5, householdsCreated: 2 });
    expect(dry.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 5, field: 'destination_area' }),
      expect.objectContaining({ row: 6, field: 'full_name_ar' }),
      expect.objectContaining({ row: 6, field: 'sex' }),
    ]));
    const none = await h.http().get('/households').query({ caseNumber: 'IMP-1' }).set(bearer(caseworker)).expect(200);
    expect((none.body as { total: number }).total).toBe(0);

    const real = await runImport(false);
    expect(real).toMatchObject({ status: 'completed', householdsCreated: 2 });
    const again = await runImport(false);
    expect(again).toMatchObject({ status: 'completed', householdsCreated: 0, householdsUnchanged: 2 });
    const list = await h.http().get('/households').query({ caseNumber: 'IMP-1' }).set(bearer(caseworker)).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ members: 2, destinationArea: 'SY090000' }] });
  });
});

describe('manifest names over request/reply', () => {
  it('should return names only for households in the caller’s camps and list the others as refused', async () => {
    const mine = await register(family('RPC-0001'));
    const theirs = await register(family('RPC-0002', { campId: 'areesha' }));
    // RPC subjects are outside the event stream, so the first and only reply is the service's.
    const ask = async (roles: string[]) => {
      const msg = await h.broker.nc.request(wireSubject(h.broker.namespace, MANIFEST_NAMES_RPC_V1), JSON.stringify({
        caller: { sub: 'logi-1', roles, camps: ['mahmoudli'] }, householdIds: [mine.id, theirs.id], purpose: 'manifest',
      }), { timeout: 5000 });
      return msg.json<{ ok?: boolean; data?: ManifestNamesReplyV1; error?: { code: string } }>();
    };
    const reply = await waitFor('the RPC to answer', () => ask(['logistics']).catch(() => undefined));
    expect(reply).toMatchObject({ ok: true });
    expect(reply.data?.households.map((x) => x.householdId)).toEqual([mine.id]);
    expect(reply.data?.households[0]?.members[0]).toMatchObject({ isHead: true, fullNameAr: expect.stringMatching(/[\u0600-\u06FF]/) });
    expect(reply.data?.refused).toEqual([theirs.id]);
    expect(await ask(['caseworker'])).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});
