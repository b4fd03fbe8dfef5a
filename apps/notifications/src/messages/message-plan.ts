import type { AssemblyPointTextsV1, AssessmentReasonV1, HouseholdAssessedV1, HouseholdScheduledV1, HouseholdUnscheduledV1 } from '@awda/contracts';
import type { TemplateKey } from '@awda/sms-text';
import { fromLocal, parseClock } from '../dispatch/local-time.js';
import { reminderSchedule } from '../dispatch/quiet-hours.js';

/** Raw facts a message is rendered from at send time, in the family's language of that moment. */
export interface MessageParams {
  reasons?: { code: string; params: Record<string, string | number> }[];
  departureDate?: string;
  departureTime?: string;
  assemblyPoint?: string;
  /** The assembly point per language; the family's language's text is used, else `assemblyPoint`. */
  assemblyPointTexts?: AssemblyPointTextsV1;
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
export const TRAVEL_TEMPLATES: readonly TemplateKey[] = ['scheduled', 'reminder', 'seat_question', 'seat_reminder'];
/**
 * Messages a family needs before a departure: they go out during quiet hours (a plan made at 22:30
 * for 06:30 must reach the family before it gathers) and expire at the departure they are about.
 */
export const TRAVEL_CRITICAL_TEMPLATES: readonly TemplateKey[] = ['scheduled', 'reminder', 'unscheduled', 'unscheduled_no_date', 'convoy_cancelled'];
/**
 * Messages about the assessment: held for SMS_SETTLE_SECONDS, and a newer one replaces one still held,
 * so a family registered and consented in one visit hears only where the visit ended.
 */
export const STATUS_TEMPLATES: readonly TemplateKey[] = ['assessed_pending', 'assessed_eligible', 'assessed_ineligible'];
/** Withdrawal also silences what was queued about the assessment. */
export const WITHDRAWAL_CANCELS: readonly TemplateKey[] = [...STATUS_TEMPLATES, ...TRAVEL_TEMPLATES];

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

/** What a family was told of its assessment, from the newest assessment message not cancelled (or none). */
export function assessmentSeen(told: { template: TemplateKey; params: Record<string, unknown> } | null): AssessmentSeen {
  if (!told) return { status: null, signature: null };
  if (told.template === 'assessed_eligible') return { status: 'eligible', signature: null };
  if (told.template === 'assessed_pending') {
    const reasons = (told.params as MessageParams).reasons ?? [];
    return { status: 'pending', signature: [...new Set(reasons.map((r) => r.code))].sort().join(',') };
  }
  return { status: 'ineligible', signature: null };
}

export function assessmentParams(event: HouseholdAssessedV1): MessageParams {
  if (event.status !== 'pending') return {};
  return { reasons: event.reasons.filter((r) => r.outcome === 'pending').map((r) => ({ code: r.code, params: r.params })) };
}

export interface ScheduleSettings {
  reminderTime: string;
  timeZone: string;
}

/**
 * The instant of a departure: the event's `departsAt` when the producer sent it, else the camp's
 * local date and time resolved in its zone (older producers).
 */
export function departureInstant(departsAt: string | undefined, departureDate: string, departureTime: string, timeZone: string): Date {
  if (departsAt) {
    const instant = new Date(departsAt);
    if (!Number.isNaN(instant.getTime())) return instant;
  }
  return fromLocal(departureDate, parseClock(departureTime), timeZone);
}

/** The scheduled message now and the reminder the day before; both pointless after departure. */
export function scheduleIntents(event: HouseholdScheduledV1, now: Date, settings: ScheduleSettings): MessageIntent[] {
  const { dueAt } = reminderSchedule(event.departureDate, event.departureTime, settings.reminderTime, settings.timeZone);
  const departureAt = departureInstant(event.departsAt, event.departureDate, event.departureTime, settings.timeZone);
  const params: MessageParams = {
    departureDate: event.departureDate,
    departureTime: event.departureTime,
    assemblyPoint: event.assemblyPoint,
    ...(event.assemblyPointTexts ? { assemblyPointTexts: { ...event.assemblyPointTexts } } : {}),
    destination: event.destinationArea,
  };
  const intents: MessageIntent[] = [{ template: 'scheduled', params, dueAt: now, expiresAt: departureAt, convoyId: event.convoyId }];
  // Scheduled the evening before: the scheduled message is the reminder, don't send two.
  if (dueAt.getTime() > now.getTime()) {
    intents.push({ template: 'reminder', params, dueAt, expiresAt: departureAt, convoyId: event.convoyId });
  }
  return intents;
}

/**
 * Unscheduling reasons (transport's seat ledger) after which the family stays in the pool and is
 * planned again: only these promise "we will send you a new date".
 */
// declined_date and unanswered: a seat given back by SMS reply (or left unanswered); the family stays in the pool.
export const NEW_DATE_FOLLOWS: readonly string[] = ['size_changed', 'destination_changed', 'manual', 'no_show', 'declined_date', 'unanswered'];
/**
 * Reasons told by other means or not at all: a withdrawal (the family asked), a cancelled convoy (its
 * own message), a record closed (a merged duplicate: the family's seat moved to the record kept, and
 * a message to the shared phone would contradict it; a departed family has left).
 */
export const UNSCHEDULING_UNANNOUNCED: readonly string[] = ['withdrawn', 'convoy_cancelled', 'closed'];

/**
 * What an unscheduling tells the family: a new date will come, or (no longer eligible, or a reason
 * this version does not know) only not to come and to see the office; nothing for the unannounced ones.
 */
export function unscheduledTemplate(event: Pick<HouseholdUnscheduledV1, 'reason'>): TemplateKey | null {
  if (UNSCHEDULING_UNANNOUNCED.includes(event.reason)) return null;
  return NEW_DATE_FOLLOWS.includes(event.reason) ? 'unscheduled' : 'unscheduled_no_date';
}
