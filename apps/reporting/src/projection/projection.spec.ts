import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import {
  AREAS_PUBLISHED_V1,
  CONVOY_ARRIVED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_DEPARTED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  SMS_STATUS_CHANGED_V1,
} from '@awda/contracts';
import { MemoryReadModel } from './fact-updates.js';
import { isoWeek, reportTables, type ReportTable } from './tables.js';
import { SUPPRESSED, suppressSmallCounts } from './suppression.js';

type Envelope = { id: string; type: string; data: unknown };
const envelope = (type: string, data: unknown): Envelope => ({ id: uuidv7(), type, data });

function snapshot(householdId: string, version: number, opts: { members?: number; status?: string; area?: string; language?: string } = {}) {
  return {
    householdId,
    campId: 'mahmoudli',
    caseNumber: 'MAH-0001',
    version,
    status: opts.status ?? 'registered',
    destinationArea: opts.area ?? 'C1001',
    language: opts.language ?? 'ar',
    consentPolicy: 'each_adult',
    registeredAt: '2026-11-01T08:00:00Z',
    members: Array.from({ length: opts.members ?? 3 }, (_, i) => ({ memberId: uuidv7(), isHead: i === 0, age: 30 })),
    unresolvedDuplicates: 0,
  };
}

function assessed(householdId: string, version: number, status: string, codes: string[] = []) {
  return {
    householdId,
    campId: 'mahmoudli',
    status,
    reasons: codes.map((code) => ({ ruleId: code, code, params: {}, outcome: status === 'ineligible' ? 'ineligible' : 'pending' })),
    priority: 1,
    ruleSetVersion: 1,
    householdVersion: 1,
    assessmentVersion: version,
    destinationArea: 'C1001',
    override: null,
    assessedAt: '2026-11-02T08:00:00Z',
  };
}

/** A small history: 7 families return on one convoy, 2 wait, SMS go out; with versions and repeats. */
function history(): Envelope[] {
  const ids = Array.from({ length: 9 }, () => uuidv7());
  const convoyId = uuidv7();
  const events: Envelope[] = [
    envelope(AREAS_PUBLISHED_V1, {
      areas: [{ code: 'C1001', level: 'community', parentCode: null, nameAr: 'الرقة', nameEn: 'Raqqa' }],
      publishedAt: '2026-11-01T00:00:00Z',
    }),
    envelope(AREAS_PUBLISHED_V1, {
      areas: [{ code: 'C1001', level: 'community', parentCode: null, nameAr: 'الرقة المدينة', nameEn: 'Raqqa city' }],
      publishedAt: '2026-11-05T00:00:00Z',
    }),
  ];
  ids.forEach((id, i) => {
    events.push(envelope(HOUSEHOLD_REGISTERED_V1, { household: snapshot(id, 1, { members: 2 }) }));
    events.push(envelope(HOUSEHOLD_UPDATED_V1, { household: snapshot(id, 2, { members: 3, language: i % 2 ? 'ckb' : 'ar' }), changes: ['members'] }));
    events.push(envelope(HOUSEHOLD_ASSESSED_V1, assessed(id, 1, 'pending', ['consent_missing'])));
  });
  const travelling = ids.slice(0, 7);
  for (const id of travelling) {
    events.push(envelope(HOUSEHOLD_ASSESSED_V1, assessed(id, 2, 'eligible')));
    events.push(envelope(HOUSEHOLD_SCHEDULED_V1, {
      householdId: id, campId: 'mahmoudli', convoyId, departureDate: '2026-12-01', departureTime: '07:00',
      assemblyPoint: 'Gate 2', destinationArea: 'C1001', scheduleVersion: 1,
    }));
  }
  events.push(envelope(CONVOY_CONFIRMED_V1, {
    convoyId, campId: 'mahmoudli', departureDate: '2026-12-01', departureTime: '07:00', assemblyPoint: 'Gate 2',
    destinations: ['C1001'], householdIds: travelling,
  }));
  events.push(envelope(CONVOY_DEPARTED_V1, {
    convoyId, campId: 'mahmoudli', departedAt: '2026-12-01T05:00:00Z',
    boarded: travelling.map((householdId) => ({ householdId, memberIds: [uuidv7(), uuidv7(), uuidv7()] })), noShows: [],
  }));
  events.push(envelope(CONVOY_ARRIVED_V1, { convoyId, campId: 'mahmoudli', arrivedAt: '2026-12-01T11:00:00Z', householdIds: travelling }));
  // The last family withdraws (v3 status only), its v2 snapshot may come later.
  events.push(envelope(HOUSEHOLD_WITHDRAWN_V1, { householdId: ids[8], campId: 'mahmoudli', memberId: uuidv7(), withdrawnOn: '2026-11-20', version: 3 }));
  ids.forEach((id, i) => {
    const messageId = uuidv7();
    events.push(envelope(SMS_STATUS_CHANGED_V1, { messageId, householdId: id, campId: 'mahmoudli', template: 'scheduled', status: 'queued', at: '2026-11-28T10:00:00Z' }));
    const cost = { segments: 2, encoding: 'UCS-2', costMinor: 10, currency: 'USD' };
    events.push(envelope(SMS_STATUS_CHANGED_V1, { messageId, householdId: id, campId: 'mahmoudli', template: 'scheduled', status: 'sent', at: '2026-11-28T10:00:01Z', ...cost }));
    events.push(envelope(SMS_STATUS_CHANGED_V1, {
      messageId, householdId: id, campId: 'mahmoudli', template: 'scheduled',
      status: i === 0 ? 'failed' : 'delivered', at: '2026-11-28T10:00:05Z', ...cost,
    }));
  });
  return events;
}

function tablesOf(events: Envelope[]): ReportTable[] {
  const model = new MemoryReadModel();
  for (const event of events) model.apply(event);
  return reportTables(model.snapshot());
}

/** A deterministic shuffle (xorshift), so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = Math.abs(state) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const table = (tables: ReportTable[], name: string): ReportTable => {
  const found = tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
};

describe('reporting projection', () => {
  it('should count returns, waiting families, seats and SMS from the events in order', () => {
    const tables = tablesOf(history());
    expect(table(tables, 'returns-by-week').rows).toEqual([{ week: '2026-W49', families: 7, people: 21 }]);
    expect(table(tables, 'returns-by-area').rows).toEqual([
      { areaCode: 'C1001', areaNameAr: 'الرقة المدينة', areaNameEn: 'Raqqa city', families: 7, people: 21 },
    ]);
    expect(table(tables, 'convoys').rows[0]).toMatchObject({ state: 'arrived', familiesPlanned: 7, seatsPlanned: 21, familiesBoarded: 7, seatsUsed: 21 });
    // One family pending (consent missing) and one withdrawn: 1 is too few to show.
    expect(table(tables, 'waiting-by-status').rows.find((r) => r['status'] === 'pending')).toEqual({ status: 'pending', families: SUPPRESSED });
    expect(table(tables, 'sms').rows).toEqual([
      // ckb's 4 sent are hidden, so ar's 5 are too: the total would give them back
      // ckb's 4 sent are hidden, so ar's 5 are too: the total would give them back; their parts and cost with them
      { template: 'scheduled', language: 'ar', sent: SUPPRESSED, delivered: SUPPRESSED, failed: SUPPRESSED, segments: SUPPRESSED, cost: SUPPRESSED, currency: 'USD' },
      { template: 'scheduled', language: 'ckb', sent: SUPPRESSED, delivered: SUPPRESSED, failed: 0, segments: SUPPRESSED, cost: SUPPRESSED, currency: 'USD' },
    ]);
  });

  it('should add up the parts and cost of the SMS sent per template and language, in each currency', () => {
    const events: Envelope[] = [];
    const sms = (householdId: string, status: string, extra: Record<string, unknown> = {}) =>
      envelope(SMS_STATUS_CHANGED_V1, { messageId: uuidv7(), householdId, campId: 'mahmoudli', template: 'registered', status, at: '2026-11-28T10:00:00Z', ...extra });
    for (let i = 0; i < 7; i += 1) {
      const id = uuidv7();
      events.push(envelope(HOUSEHOLD_REGISTERED_V1, { household: snapshot(id, 1, { language: 'en' }) }));
      // Six priced, one sent before costs were carried (it counts, without parts or cost).
      events.push(sms(id, 'sent', i < 6 ? { segments: 1 + (i % 2), encoding: 'GSM-7', costMinor: 4 * (1 + (i % 2)), currency: 'EUR' } : {}));
    }
    const id = uuidv7();
    events.push(envelope(HOUSEHOLD_REGISTERED_V1, { household: snapshot(id, 1, { language: 'en' }) }));
    // Never handed to the provider: no cost.
    events.push(sms(id, 'failed', { reason: 'no_phone' }));
    expect(table(tablesOf(events), 'sms').rows).toEqual([
      { template: 'registered', language: 'en', sent: 7, delivered: 0, failed: SUPPRESSED, segments: 9, cost: 36, currency: 'EUR' },
    ]);
  });

  it('should give the same tables when every event is delivered twice', () => {
    const events = history();
    const twice = events.flatMap((event) => [event, { ...event }]);
    expect(tablesOf(twice)).toEqual(tablesOf(events));
  });

  it('should give the same tables whatever order the events arrive in', () => {
    const events = history();
    const expected = tablesOf(events);
    for (const seed of [1, 7, 42, 1234, 98765]) {
      expect(tablesOf(shuffled(events, seed))).toEqual(expected);
      expect(tablesOf([...events].reverse())).toEqual(expected);
    }
  });

  it('should keep a newer snapshot when an older one arrives late', () => {
    const id = uuidv7();
    const newer = envelope(HOUSEHOLD_UPDATED_V1, { household: snapshot(id, 2, { members: 6, status: 'withdrawn' }), changes: [] });
    const older = envelope(HOUSEHOLD_REGISTERED_V1, { household: snapshot(id, 1, { members: 2 }) });
    const model = new MemoryReadModel();
    model.apply(newer);
    model.apply(older);
    expect(model.snapshot().households[0]).toMatchObject({ members: 6, status: 'withdrawn', snapshotVersion: 2 });
  });
});

describe(suppressSmallCounts.name, () => {
  it('should hide 1–4, keep 0 and 5+, hide what follows a hidden count, and a second cell when one alone is hidden', () => {
    const rows = suppressSmallCounts(
      [
        { week: 'a', families: 3, people: 12 },
        { week: 'b', families: 0, people: 0 },
        { week: 'c', families: 9, people: 30 },
        { week: 'd', families: 6, people: 20 },
      ],
      { counts: ['families', 'people'], follows: { families: ['people'] } },
    );
    expect(rows).toEqual([
      { week: 'a', families: SUPPRESSED, people: SUPPRESSED },
      { week: 'b', families: 0, people: 0 },
      { week: 'c', families: 9, people: 30 },
      // the smallest other non-zero families cell, so the total cannot give week a back
      { week: 'd', families: SUPPRESSED, people: SUPPRESSED },
    ]);
  });
});

describe(isoWeek.name, () => {
  it('should number weeks as ISO 8601 does, across a year end', () => {
    expect(isoWeek('2026-12-01')).toBe('2026-W49');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2025-12-29T10:00:00Z')).toBe('2026-W01');
  });
});
