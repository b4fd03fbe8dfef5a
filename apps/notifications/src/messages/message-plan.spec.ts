import { describe, expect, it } from '@jest/globals';
import type { HouseholdAssessedV1, HouseholdScheduledV1, HouseholdUnscheduledV1 } from '@awda/contracts';
import { composeMessage } from '../templates/message-text.js';
import { assessmentTemplate, pendingSignature, scheduleIntents, unscheduledTemplate } from './message-plan.js';

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

  it('should not announce an unscheduling caused by withdrawal or a cancelled convoy', () => {
    const unscheduled = (reason: string) => ({ reason }) as HouseholdUnscheduledV1;
    expect(unscheduledTemplate(unscheduled('manual'))).toBe('unscheduled');
    expect(unscheduledTemplate(unscheduled('withdrawn'))).toBeNull();
    expect(unscheduledTemplate(unscheduled('convoy_cancelled'))).toBeNull();
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
