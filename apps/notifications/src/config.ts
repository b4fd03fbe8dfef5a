import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseServiceConfig, EnvRule, RefuseInProduction } from '@awda/config';
import { areSupportedCountries, DEFAULT_SMS_COUNTRIES, parseCountryList } from '@awda/phone';
import type { SmsPrices } from '@awda/sms-text';

export const SMS_PROVIDERS = ['dev', 'http', 'smpp'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = '$property must be a local time HH:MM';
const needs = (provider: SmsProviderName) => (config: Record<string, unknown>) => config['SMS_PROVIDER'] === provider;
const isSet = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
const isHttpUrl = (v: unknown): boolean => {
  try {
    return typeof v === 'string' && ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

export const DEV_INBOUND_TOKEN = 'awda-development-only-inbound-sms-token';

/** Awda notifications settings: the shared ones plus the service's own. */
export class NotificationsConfig extends BaseServiceConfig {
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  override PORT: number = 3004;

  @IsIn(SMS_PROVIDERS, { message: '$property must be one of dev, http, smpp' })
  SMS_PROVIDER: SmsProviderName = 'dev';

  /** Sender id or number shown to the family. */
  @IsString() @MinLength(1) @MaxLength(20)
  SMS_SENDER: string = 'AWDA';

  /** Dev provider: where each message is written as a file (also kept in the dev_sms_outbox table). */
  @IsString() @MinLength(1, { message: '$property must not be empty' })
  SMS_DEV_OUTBOX_DIR: string = 'var/sms-outbox';

  /** Shared secret of POST /inbound/sms for the dev and smpp providers (header x-awda-inbound-token). */
  @IsString() @MinLength(16, { message: '$property must be at least 16 characters' })
  @RefuseInProduction(DEV_INBOUND_TOKEN)
  SMS_INBOUND_TOKEN: string = DEV_INBOUND_TOKEN;

  // Twilio-style REST API: POST {SMS_HTTP_BASE_URL}/Accounts/{SMS_HTTP_ACCOUNT}/Messages.json
  @EnvRule('httpBaseUrl', '$property must be an http(s) URL when SMS_PROVIDER=http', (v, c) => !needs('http')(c) || isHttpUrl(v))
  SMS_HTTP_BASE_URL?: string;

  @EnvRule('httpAccount', '$property must be set when SMS_PROVIDER=http', (v, c) => !needs('http')(c) || isSet(v))
  SMS_HTTP_ACCOUNT?: string;

  /** Basic-auth password and the key of the X-Twilio-Signature HMAC on callbacks. */
  @EnvRule('httpToken', '$property must be set when SMS_PROVIDER=http', (v, c) => !needs('http')(c) || isSet(v))
  SMS_HTTP_AUTH_TOKEN?: string;

  /**
   * How long to wait for the provider's answer. A timed-out send's outcome is unknown: it is looked
   * up at the provider after SMS_SENDING_LEASE_MS, not resent blindly.
   */
  @IsInt() @Min(100) @Max(120_000)
  SMS_HTTP_TIMEOUT_MS: number = 15_000;

  /**
   * True only for a provider that really dedupes sends on the Idempotency-Key header (Twilio's
   * Messages API does not): then a send with an unknown outcome is resent with the same key.
   */
  @IsBoolean({ message: '$property must be true or false' })
  SMS_HTTP_PROVIDER_IDEMPOTENT: boolean = false;

  /**
   * A send with an unknown outcome that the provider's message list does not show this long after
   * the attempt is taken as never received, and resent.
   */
  @IsInt() @Min(0) @Max(86_400_000)
  SMS_HTTP_LOOKUP_GRACE_MS: number = 300_000;

  /** Public base URL of this service as the provider calls it (signatures cover the full URL). */
  @EnvRule('publicUrl', '$property must be an http(s) URL when SMS_PROVIDER=http', (v, c) => !needs('http')(c) || isHttpUrl(v))
  SMS_PUBLIC_BASE_URL?: string;

  @EnvRule('smppUrl', '$property must be smpp://host:port when SMS_PROVIDER=smpp', (v, c) =>
    !needs('smpp')(c) || (typeof v === 'string' && /^s?smpp:\/\/[^/]+$/.test(v)),
  )
  SMS_SMPP_URL?: string;

  @EnvRule('smppSystemId', '$property must be set when SMS_PROVIDER=smpp', (v, c) => !needs('smpp')(c) || isSet(v))
  SMS_SMPP_SYSTEM_ID?: string;

  @EnvRule('smppPassword', '$property must be set when SMS_PROVIDER=smpp', (v, c) => !needs('smpp')(c) || isSet(v))
  SMS_SMPP_PASSWORD?: string;

  /**
   * The provider's price of one SMS segment, in minor units of SMS_PRICE_CURRENCY, per encoding
   * (GSM-7 for Latin texts, UCS-2 for Arabic and Kurdish): SMS status events carry each message's cost.
   */
  @IsInt({ message: '$property must be a whole number of minor units (0 or more)' }) @Min(0, { message: '$property must be a whole number of minor units (0 or more)' })
  SMS_PRICE_GSM7_MINOR: number = 5;

  @IsInt({ message: '$property must be a whole number of minor units (0 or more)' }) @Min(0, { message: '$property must be a whole number of minor units (0 or more)' })
  SMS_PRICE_UCS2_MINOR: number = 5;

  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 currency code such as USD' })
  SMS_PRICE_CURRENCY: string = 'USD';

  /** Provider throughput, shared by all replicas: never more segments than this in any second. */
  @IsInt({ message: '$property must be an integer between 1 and 10000' })
  @Min(1, { message: '$property must be an integer between 1 and 10000' })
  @Max(10_000, { message: '$property must be an integer between 1 and 10000' })
  SMS_RATE_SEGMENTS_PER_SECOND: number = 10;

  @IsString() @MinLength(3)
  SMS_TIMEZONE: string = 'Asia/Damascus';

  /** No SMS from QUIET_START to QUIET_END local time; messages are held, not dropped. Equal = no quiet hours. */
  @Matches(CLOCK_TIME, { message: clock })
  SMS_QUIET_START: string = '21:00';

  @Matches(CLOCK_TIME, { message: clock })
  SMS_QUIET_END: string = '08:00';

  /**
   * Status messages (pending, eligible) wait this long before they go: a newer status in the meantime
   * replaces the one waiting (outcome `superseded`), so a family hears only where a visit ended.
   * Travel messages never wait for it. 0 sends status messages as soon as they are due.
   */
  @IsInt({ message: '$property must be an integer between 0 and 3600' })
  @Min(0, { message: '$property must be an integer between 0 and 3600' })
  @Max(3600, { message: '$property must be an integer between 0 and 3600' })
  SMS_SETTLE_SECONDS: number = 180;

  /** Local time of the boarding reminder on the day before departure. */
  @Matches(CLOCK_TIME, { message: clock })
  SMS_REMINDER_TIME: string = '10:00';

  @IsInt() @Min(1) @Max(20)
  SMS_MAX_ATTEMPTS: number = 5;

  @IsInt() @Min(10) @Max(3_600_000)
  SMS_RETRY_BASE_MS: number = 30_000;

  @IsInt() @Min(100) @Max(86_400_000)
  SMS_RETRY_MAX_MS: number = 3_600_000;

  /** A message still `sending` after this long is reconciled (its sender crashed, or the outcome is unknown). */
  @IsInt() @Min(1000) @Max(86_400_000)
  @EnvRule('leaseAboveHorizon', '$property must be at least twice SMS_DISPATCH_HORIZON_MS', (v, c) =>
    typeof v !== 'number' || typeof c['SMS_DISPATCH_HORIZON_MS'] !== 'number' || v >= 2 * c['SMS_DISPATCH_HORIZON_MS'],
  )
  // Reconciling a send still waiting for its answer would race it.
  @EnvRule('leaseAboveHttpTimeout', '$property must be at least twice SMS_DISPATCH_HORIZON_MS plus SMS_HTTP_TIMEOUT_MS when SMS_PROVIDER=http', (v, c) =>
    !needs('http')(c) ||
    typeof v !== 'number' ||
    typeof c['SMS_DISPATCH_HORIZON_MS'] !== 'number' ||
    typeof c['SMS_HTTP_TIMEOUT_MS'] !== 'number' ||
    v >= 2 * c['SMS_DISPATCH_HORIZON_MS'] + c['SMS_HTTP_TIMEOUT_MS'],
  )
  SMS_SENDING_LEASE_MS: number = 120_000;

  /** How far ahead a dispatcher reserves hand-off slots, so claiming the next ones overlaps with sending. */
  @IsInt() @Min(200) @Max(10_000)
  SMS_DISPATCH_HORIZON_MS: number = 1500;

  /**
   * How late after its slot a message may still be handed to the provider; later, the slot is given
   * back and the message requeued. Windows are widened by it, so the rate achieved is rate / (1 s + margin).
   */
  @IsInt() @Min(5) @Max(200)
  SMS_HANDOFF_MARGIN_MS: number = 20;

  /**
   * A due message of a household with no phone on record waits this long for one (a contact change
   * may bring it), then expires. Travel messages expire earlier if their departure comes first.
   */
  @IsInt() @Min(1) @Max(8760)
  SMS_NO_PHONE_HOLD_HOURS: number = 72;

  @IsInt() @Min(20) @Max(60_000)
  SMS_DISPATCH_POLL_MS: number = 1000;

  @IsInt() @Min(1) @Max(1000)
  SMS_DISPATCH_BATCH: number = 50;

  @IsBoolean({ message: '$property must be true or false' })
  SMS_DISPATCHER_ENABLED: boolean = true;

  /**
   * Two-way SMS. A scheduled family is asked to reply 1 (confirm) or 2 (give up this date) until this
   * many hours before departure (decimals allowed); later replies are kept for a case worker, not applied.
   */
  @IsNumber({}, { message: '$property must be a number of hours between 0.001 and 720' })
  @Min(0.001, { message: '$property must be a number of hours between 0.001 and 720' })
  @Max(720, { message: '$property must be a number of hours between 0.001 and 720' })
  SEAT_CONFIRM_DEADLINE_HOURS: number = 24;

  /** The one reminder to a family that has not answered goes this many hours before the deadline. */
  @IsNumber({}, { message: '$property must be a number of hours between 0 and 720' })
  @Min(0, { message: '$property must be a number of hours between 0 and 720' })
  @Max(720, { message: '$property must be a number of hours between 0 and 720' })
  SEAT_REMINDER_HOURS: number = 12;

  /** After a convoy arrives, a family that has not answered "did you arrive safely?" within this many hours is flagged. */
  @IsNumber({}, { message: '$property must be a number of hours between 0.001 and 720' })
  @Min(0.001, { message: '$property must be a number of hours between 0.001 and 720' })
  @Max(720, { message: '$property must be a number of hours between 0.001 and 720' })
  ARRIVAL_CHECK_HOURS: number = 24;

  /**
   * Follow-up survey: asked this many weeks after the family's convoy arrived (0: no survey). The
   * questions are in @awda/sms-text's survey.ts.
   */
  @IsNumber({}, { message: '$property must be a number of weeks between 0 and 104' })
  @Min(0, { message: '$property must be a number of weeks between 0 and 104' })
  @Max(104, { message: '$property must be a number of weeks between 0 and 104' })
  SURVEY_AFTER_WEEKS: number = 4;

  /**
   * Tests and the demo only: the survey is asked this many seconds after arrival instead of
   * SURVEY_AFTER_WEEKS (unset in production).
   */
  @IsOptional()
  @IsInt({ message: '$property must be a whole number of seconds between 0 and 31536000' })
  @Min(0, { message: '$property must be a whole number of seconds between 0 and 31536000' })
  @Max(31_536_000, { message: '$property must be a whole number of seconds between 0 and 31536000' })
  SURVEY_DELAY_SECONDS?: number;

  /** A survey whose questions are not all answered within this many hours after the first is asked ends (answers kept). */
  @IsNumber({}, { message: '$property must be a number of hours between 0.001 and 720' })
  @Min(0.001, { message: '$property must be a number of hours between 0.001 and 720' })
  @Max(720, { message: '$property must be a number of hours between 0.001 and 720' })
  SURVEY_ANSWER_HOURS: number = 72;

  /** How often expired conversations are looked for (each replica; rows are claimed with SKIP LOCKED). */
  @IsInt() @Min(20) @Max(600_000)
  CONVERSATION_SWEEP_MS: number = 10_000;

  /**
   * Countries whose mobile numbers are sent SMS (ISO codes, comma list, e.g. SY,TR,IQ); a message to
   * any other number (or a fixed line) fails with the reason. Keep it equal to registration's setting.
   */
  @Transform(({ value }) => (typeof value === 'string' ? parseCountryList(value) : value))
  @EnvRule('phoneCountries', '$property must be a comma list of country codes such as SY,TR,IQ', (v) => Array.isArray(v) && areSupportedCountries(v))
  PHONE_COUNTRIES: string[] = [...DEFAULT_SMS_COUNTRIES];

  /** Days a message written by the development provider (row and file) is kept. */
  @IsInt({ message: '$property must be a whole number of days between 1 and 36500' })
  @Min(1, { message: '$property must be a whole number of days between 1 and 36500' })
  @Max(36500, { message: '$property must be a whole number of days between 1 and 36500' })
  RETENTION_DEV_SMS_OUTBOX_DAYS: number = 30;

  /** Days a provider's delivery receipt is kept. */
  @IsInt({ message: '$property must be a whole number of days between 1 and 36500' })
  @Min(1, { message: '$property must be a whole number of days between 1 and 36500' })
  @Max(36500, { message: '$property must be a whole number of days between 1 and 36500' })
  RETENTION_SMS_RECEIPTS_DAYS: number = 90;

  /** Minutes between two runs of the retention job (0: never on its own; run it by API). */
  @IsInt({ message: '$property must be a whole number of minutes between 0 and 10080' })
  @Min(0, { message: '$property must be a whole number of minutes between 0 and 10080' })
  @Max(10080, { message: '$property must be a whole number of minutes between 0 and 10080' })
  RETENTION_RUN_MINUTES: number = 60;
}


/** How long after arrival the follow-up survey is asked, in ms; null when there is no survey. */
export function surveyDelayMs(config: NotificationsConfig): number | null {
  if (config.SURVEY_DELAY_SECONDS !== undefined) return config.SURVEY_DELAY_SECONDS * 1000;
  return config.SURVEY_AFTER_WEEKS > 0 ? config.SURVEY_AFTER_WEEKS * 7 * 24 * 3_600_000 : null;
}

export function hasQuietHours(config: NotificationsConfig): boolean {
  return config.SMS_QUIET_START !== config.SMS_QUIET_END;
}

/** The price list of SMS_PRICE_*: what a segment costs in each encoding. */
export function smsPricesOf(config: NotificationsConfig): SmsPrices {
  return { perSegmentMinor: { 'GSM-7': config.SMS_PRICE_GSM7_MINOR, 'UCS-2': config.SMS_PRICE_UCS2_MINOR }, currency: config.SMS_PRICE_CURRENCY };
}
