import { describe, expect, it } from '@jest/globals';
import type { HouseholdAssessedV1, HouseholdScheduledV1 } from '@awda/contracts';
import { composeMessage } from '../templates/message-text.js';
import {
  STATUS_TEMPLATES,
  TRAVEL_CRITICAL_TEMPLATES,
  assessmentSeen,
  assessmentTemplate,
  departureInstant,
  pendingSignature,
  scheduleIntents,
  unscheduledTemplate,
} from './message-plan.js';

const assessed = (status: HouseholdAssessedV1['status'], codes: string[] = []): HouseholdAssessedV1 =>
  ({
    status,
    reasons: codes.map((code) => ({ ruleId: code, code, params: {}, outcome: 'pending' })),
  }) as unknown as HouseholdAssessedV1;

const scheduled = {
  householdId: '0190a0a0-0000-7000-8000-000000000001',
  campId: 'mahmoudli',
  convoyId: '0190a0a0-0000-7000-8000-000000000002',
  departureDate: '2026-03-05',
  departureTime: '07:30',
  assemblyPoint: 'Gate 2',
  destinationArea: 'SY110000',
  scheduleVersion: 1,
} as HouseholdScheduledV1;

const settings = { reminderTime: '10:00', timeZone: 'Asia/Damascus' };

describe('template selection', () => {
  it('should tell a pending family what is missing, and again only when that changes', () => {
    expect(assessmentTemplate(assessed('pending', ['consent_missing']), { status: null, signature: null })).toBe('assessed_pending');
    const seen = { status: 'pending', signature: pendingSignature(assessed('pending', ['consent_missing']).reasons) };
    expect(assessmentTemplate(assessed('pending', ['consent_missing']), seen)).toBeNull();
    expect(assessmentTemplate(assessed('pending', ['consent_missing', 'area_closed']), seen)).toBe('assessed_pending');
  });

  it('should tell an eligible family once and say nothing by SMS about ineligibility', () => {
    expect(assessmentTemplate(assessed('eligible'), { status: 'pending', signature: 'x' })).toBe('assessed_eligible');
    expect(assessmentTemplate(assessed('eligible'), { status: 'eligible', signature: null })).toBeNull();
    expect(assessmentTemplate(assessed('ineligible'), { status: null, signature: null })).toBeNull();
  });

  it('should plan the scheduled message now and the reminder the day before, both expiring at departure', () => {
    const now = new Date('2026-03-01T09:00:00Z');
    const [message, reminder] = scheduleIntents(scheduled, now, settings);
    expect(message?.template).toBe('scheduled');
    expect(message?.dueAt).toBe(now);
    expect(reminder?.template).toBe('reminder');
    expect(reminder?.dueAt.toISOString()).toBe('2026-03-04T07:00:00.000Z');
    expect(reminder?.expiresAt?.toISOString()).toBe('2026-03-05T04:30:00.000Z');
  });

  it('should send no separate reminder when scheduled after the reminder time', () => {
    const intents = scheduleIntents(scheduled, new Date('2026-03-04T15:00:00Z'), settings);
    expect(intents.map((i) => i.template)).toEqual(['scheduled']);
  });

  it('should promise a new date only for unscheduling reasons after which the family is planned again', () => {
    const told = (reason: string) => unscheduledTemplate({ reason });
    // Still eligible, still in the pool: a new date will come.
    for (const reason of ['size_changed', 'destination_changed', 'manual', 'no_show']) expect([reason, told(reason)]).toEqual([reason, 'unscheduled']);
    // No longer eligible (an adult declined, an area closed): do not come, see the office; no promise.
    expect(told('no_longer_eligible')).toBe('unscheduled_no_date');
    // A reason this version does not know makes no promise either.
    expect(told('some_future_reason')).toBe('unscheduled_no_date');
    // Withdrawal (the family asked), a cancelled convoy (its own message), a closed or merged duplicate: nothing.
    for (const reason of ['withdrawn', 'convoy_cancelled', 'closed']) expect([reason, told(reason)]).toEqual([reason, null]);
  });

  it('should say "new date" in the unscheduled text and not in the one without a date', () => {
    const promise = composeMessage('unscheduled', {}, { caseNumber: 'MAH-1', language: 'en' }).text;
    const noPromise = composeMessage('unscheduled_no_date', {}, { caseNumber: 'MAH-1', language: 'en' }).text;
    expect(promise).toContain('new date');
    expect(noPromise).not.toContain('new date');
    expect(noPromise).toContain('Do not come to the assembly point');
  });

  it('should let travel messages cross quiet hours and hold status messages to settle', () => {
    for (const t of ['scheduled', 'reminder', 'unscheduled', 'unscheduled_no_date', 'convoy_cancelled'] as const) expect(TRAVEL_CRITICAL_TEMPLATES).toContain(t);
    expect(TRAVEL_CRITICAL_TEMPLATES).not.toContain('assessed_pending');
    expect(STATUS_TEMPLATES).toEqual(expect.arrayContaining(['assessed_pending', 'assessed_eligible']));
  });

  it('should expire travel messages at the instant the event gives, else at the local departure in the camp zone', () => {
    const now = new Date('2026-03-01T09:00:00Z');
    const [message] = scheduleIntents({ ...scheduled, departsAt: '2026-03-05T04:00:00.000Z' }, now, settings);
    expect(message?.expiresAt?.toISOString()).toBe('2026-03-05T04:00:00.000Z');
    expect(departureInstant(undefined, '2026-03-05', '06:30', 'Asia/Damascus').toISOString()).toBe('2026-03-05T03:30:00.000Z');
  });

  it('should compare a new assessment with what the family was told, not with a status it never heard', () => {
    expect(assessmentSeen(null)).toEqual({ status: null, signature: null });
    expect(assessmentSeen({ template: 'assessed_eligible', params: {} })).toEqual({ status: 'eligible', signature: null });
    const pending = { template: 'assessed_pending' as const, params: { reasons: [{ code: 'consent_missing', params: {} }, { code: 'area_closed', params: {} }] } };
    expect(assessmentSeen(pending)).toEqual({ status: 'pending', signature: 'area_closed,consent_missing' });
    // Told "eligible"; a pending status was superseded before it went; eligible again: nothing new to say.
    expect(assessmentTemplate(assessed('eligible'), assessmentSeen({ template: 'assessed_eligible', params: {} }))).toBeNull();
  });

  it('should write the assembly point in the family language, falling back to the one text', () => {
    const params = {
      departureDate: '2026-03-05',
      departureTime: '07:30',
      assemblyPoint: 'Gate 2',
      assemblyPointTexts: { ar: 'البوابة ٢', ckb: 'دەروازەی ٢', en: '  ' },
      destination: 'SY110000',
    };
    expect(composeMessage('scheduled', params, { caseNumber: 'MAH-1', language: 'ar' }).text).toContain('البوابة ٢');
    expect(composeMessage('scheduled', params, { caseNumber: 'MAH-1', language: 'ckb' }).text).toContain('دەروازەی ٢');
    // No Kurmanji text, a blank English one: the one text the camp always gives.
    expect(composeMessage('reminder', params, { caseNumber: 'MAH-1', language: 'kmr' }).text).toContain('Gate 2');
    expect(composeMessage('reminder', params, { caseNumber: 'MAH-1', language: 'en' }).text).toContain('Gate 2');
    // The texts travel with the message from the scheduling event.
    const [message] = scheduleIntents({ ...scheduled, assemblyPointTexts: { ar: 'البوابة ٢' } }, new Date('2026-03-01T09:00:00Z'), settings);
    expect(message?.params.assemblyPointTexts).toEqual({ ar: 'البوابة ٢' });
  });

  it('should write the date and time in the family language and count UCS-2 segments for Arabic', () => {
    const params = { departureDate: '2026-03-05', departureTime: '07:30', assemblyPoint: 'Gate 2', destination: 'SY110000' };
    const ar = composeMessage('scheduled', params, { caseNumber: 'MAH-1', language: 'ar' });
    expect(ar.encoding).toBe('UCS-2');
    expect(ar.text).toContain('٢٠٢٦');
    expect(ar.segments).toBeGreaterThan(1);
    const en = composeMessage('scheduled', params, { caseNumber: 'MAH-1', language: 'en' });
    expect(en.encoding).toBe('GSM-7');
    expect(en.text).toContain('Thursday 5 March 2026');
  });

  it('should fall back to the default when an override is blank', () => {
    const text = composeMessage('registered', {}, { caseNumber: 'MAH-1', language: 'en' }, { registered: { en: '  ' } });
    expect(text.text).toContain('MAH-1');
  });
});
