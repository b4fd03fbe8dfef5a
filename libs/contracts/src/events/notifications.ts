import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CAMP_ID_PATTERN } from '../common.js';

export const SMS_STATUS_CHANGED_V1 = 'awda.notifications.sms.status-changed.v1';
export const RECIPIENT_OPTED_OUT_V1 = 'awda.notifications.recipient.opted-out.v1';
export const RECIPIENT_OPTED_IN_V1 = 'awda.notifications.recipient.opted-in.v1';

export const SMS_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'suppressed', 'expired', 'cancelled'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

/** Why an SMS did not reach the family. Wire values: add, never rename. */
export const SMS_OUTCOME_REASONS = [
  'no_phone', // no phone number on record until the message expired
  'opted_out', // the family replied STOP
  'withdrawn', // the household withdrew: travel messages stop
  'expired', // its moment passed (departure, quiet hours) before it could be sent
  'superseded', // a newer message about the same thing replaced it
  'provider_failed', // the provider refused it or every attempt failed
] as const;
export type SmsOutcomeReason = (typeof SMS_OUTCOME_REASONS)[number];

export const SMS_ENCODINGS = ['GSM-7', 'UCS-2'] as const;
export type SmsEncodingV1 = (typeof SMS_ENCODINGS)[number];

export class SmsStatusChangedV1 {
  @IsUUID() messageId!: string;
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsString() @MaxLength(64) template!: string;
  @IsIn(SMS_STATUSES) status!: SmsStatus;
  @IsISO8601() at!: string;
  /**
   * Why a message ended without reaching the family (failed, suppressed, expired, cancelled), as a
   * stable code from SMS_OUTCOME_REASONS; absent for queued/sent/delivered and from older producers.
   */
  @IsOptional() @IsIn(SMS_OUTCOME_REASONS) reason?: SmsOutcomeReason | null;
  /**
   * Once the text was handed to the provider (sent, delivered, failed after an attempt): its parts,
   * encoding and cost (segments × the configured price per segment of that encoding, in minor units
   * of `currency`). Absent before an attempt and from older producers (optional: old consumers ignore them).
   */
  @IsOptional() @IsInt() @Min(1) segments?: number;
  @IsOptional() @IsIn(SMS_ENCODINGS) encoding?: SmsEncodingV1;
  @IsOptional() @IsInt() @Min(0) costMinor?: number;
  @IsOptional() @Matches(/^[A-Z]{3}$/) currency?: string;
}

export class RecipientOptedOutV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsISO8601() at!: string;
}

export class RecipientOptedInV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsISO8601() at!: string;
}

// Two-way SMS: answers families gave by reply (or did not give). Ids and codes only, never the reply's text.
export const SEAT_CONFIRMED_V1 = 'awda.notifications.seat.confirmed.v1';
export const SEAT_DECLINED_V1 = 'awda.notifications.seat.declined.v1';
export const SEAT_UNANSWERED_V1 = 'awda.notifications.seat.unanswered.v1';
export const ARRIVAL_REPORTED_V1 = 'awda.notifications.arrival.reported.v1';

/** The family replied 1: it will take its seat on this convoy. */
export class SeatConfirmedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() convoyId!: string;
  @IsUUID() conversationId!: string;
  @IsISO8601() at!: string;
}

/** The family replied 2: it gives up this date (NOT a withdrawal of consent to return). */
export class SeatDeclinedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() convoyId!: string;
  @IsUUID() conversationId!: string;
  @IsISO8601() at!: string;
}

/** No answer by the deadline: transport applies the convoy's policy (release, or keep and flag). */
export class SeatUnansweredV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() convoyId!: string;
  @IsUUID() conversationId!: string;
  @IsISO8601() at!: string;
}

export const ARRIVAL_OUTCOMES = ['safe', 'needs_help', 'no_answer'] as const;
export type ArrivalOutcome = (typeof ARRIVAL_OUTCOMES)[number];

/** How a family answered "did you arrive safely?"; needs_help and no_answer raise a follow-up flag. */
export class ArrivalReportedV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() convoyId!: string;
  @IsUUID() conversationId!: string;
  @IsIn(ARRIVAL_OUTCOMES) outcome!: ArrivalOutcome;
  @IsISO8601() at!: string;
}

export const SURVEY_ANSWERED_V1 = 'awda.notifications.survey.answered.v1';

/**
 * A family answered one question of the follow-up survey after its return: the question's code and the
 * numeric answer (its meaning is defined with the question in @awda/sms-text's survey.ts). Never the
 * reply's text, never a phone. Published once per (conversation, question).
 */
export class SurveyAnsweredV1 {
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsUUID() conversationId!: string;
  /** Where the family returned to (area code), when notifications knows it. */
  @IsOptional() @IsString() @MaxLength(32) destinationArea?: string | null;
  @IsString() @Matches(/^[a-z][a-z_]{1,31}$/) questionCode!: string;
  @IsInt() @Min(1) @Max(5) answer!: number;
  @IsISO8601() at!: string;
}
