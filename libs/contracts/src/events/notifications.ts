import { IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CAMP_ID_PATTERN } from '../common.js';

export const SMS_STATUS_CHANGED_V1 = 'awda.notifications.sms.status-changed.v1';
export const RECIPIENT_OPTED_OUT_V1 = 'awda.notifications.recipient.opted-out.v1';
export const RECIPIENT_OPTED_IN_V1 = 'awda.notifications.recipient.opted-in.v1';

export const SMS_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'suppressed', 'expired', 'cancelled'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export class SmsStatusChangedV1 {
  @IsUUID() messageId!: string;
  @IsUUID() householdId!: string;
  @Matches(CAMP_ID_PATTERN) campId!: string;
  @IsString() @MaxLength(64) template!: string;
  @IsIn(SMS_STATUSES) status!: SmsStatus;
  @IsISO8601() at!: string;
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
