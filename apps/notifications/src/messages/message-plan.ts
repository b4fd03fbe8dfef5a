import type { AssessmentReasonV1, HouseholdAssessedV1, HouseholdScheduledV1, HouseholdUnscheduledV1 } from '@awda/contracts';
import type { TemplateKey } from '@awda/sms-text';
import { reminderSchedule } from '../dispatch/quiet-hours.js';

/** Raw facts a message is rendered from at send time, in the family's language of that moment. */
export interface MessageParams {
  reasons?: { code: string; params: Record<string, string | number> }[];
  departureDate?: string;
  departureTime?: string;
  assemblyPoint?: string;
  destination?: string;
}

/** A message to create: which template, when it may go, when it is pointless. */
export interface MessageIntent {
  template: TemplateKey;
  params: MessageParams;
  dueAt: Date;
  expiresAt: Date | null;
  convoyId: string | null;
}

/** Messages about travel: a withdrawal, an unscheduling or a new schedule cancels those still queued. */
export const TRAVEL_TEMPLATES: readonly TemplateKey[] = ['scheduled', 'reminder'];
/** Withdrawal also silences what was queued about the assessment. */
export const WITHDRAWAL_CANCELS: readonly TemplateKey[] = ['assessed_eligible', 'assessed_pending', 'scheduled', 'reminder'];

/** What the family was last told about its assessment, to tell them only when it changes. */
export interface AssessmentSeen {
  status: string | null;
  /** Sorted reason codes of a pending assessment. */
  signature: string | null;
}

export function pendingSignature(reasons: readonly AssessmentReasonV1[]): string {
  return [...new Set(reasons.filter((r) => r.outcome === 'pending').map((r) => r.code))].sort().join(',');
}

/**
 * Template for an assessment: pending (with what is missing) or eligible, and only when the family
 * would learn something new. Ineligible decisions are explained in person, not by SMS.
 */
export function assessmentTemplate(event: HouseholdAssessedV1, seen: AssessmentSeen): TemplateKey | null {
  if (event.status === 'eligible') return seen.status === 'eligible' ? null : 'assessed_eligible';
  if (event.status === 'pending') {
    const signature = pendingSignature(event.reasons);
    return seen.status === 'pending' && seen.signature === signature ? null : 'assessed_pending';
  }
  return null;
}

export function assessmentParams(event: HouseholdAssessedV1): MessageParams {
  if (event.status !== 'pending') return {};
  return { reasons: event.reasons.filter((r) => r.outcome === 'pending').map((r) => ({ code: r.code, params: r.params })) };
}

export interface ScheduleSettings {
  reminderTime: string;
  timeZone: string;
}

/** The scheduled message now and the reminder the day before; both pointless after departure. */
export function scheduleIntents(event: HouseholdScheduledV1, now: Date, settings: ScheduleSettings): MessageIntent[] {
  const { dueAt, departureAt } = reminderSchedule(event.departureDate, event.departureTime, settings.reminderTime, settings.timeZone);
  const params: MessageParams = {
    departureDate: event.departureDate,
    departureTime: event.departureTime,
    assemblyPoint: event.assemblyPoint,
    destination: event.destinationArea,
  };
  const intents: MessageIntent[] = [{ template: 'scheduled', params, dueAt: now, expiresAt: departureAt, convoyId: event.convoyId }];
  // Scheduled the evening before: the scheduled message is the reminder, don't send two.
  if (dueAt.getTime() > now.getTime()) {
    intents.push({ template: 'reminder', params, dueAt, expiresAt: departureAt, convoyId: event.convoyId });
  }
  return intents;
}

/** An unscheduling is announced unless the family withdrew or the convoy's cancellation says it. */
export function unscheduledTemplate(event: HouseholdUnscheduledV1): TemplateKey | null {
  return ['withdrawn', 'convoy_cancelled'].includes(event.reason) ? null : 'unscheduled';
}
