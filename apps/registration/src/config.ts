import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsTimeZone, Max, Min } from 'class-validator';
import { BaseServiceConfig, EnvRule } from '@awda/config';
import { areSupportedCountries, DEFAULT_SMS_COUNTRIES, parseCountryList } from '@awda/phone';

/** Awda registration settings: the shared ones plus the service's own. */
export class RegistrationConfig extends BaseServiceConfig {
  @IsInt({ message: '$property must be an integer between 1 and 65535' })
  @Min(1, { message: '$property must be an integer between 1 and 65535' })
  @Max(65535, { message: '$property must be an integer between 1 and 65535' })
  override PORT: number = 3001;

  /** CSV of destination areas loaded when the areas table is empty; default: the file shipped in data/. */
  @IsOptional() @IsString({ message: '$property must be a file path' })
  AREAS_FILE?: string;

  /** Consent policy of camps without their own setting. */
  @IsIn(['each_adult', 'head_only'], { message: '$property must be each_adult or head_only' })
  DEFAULT_CONSENT_POLICY: 'each_adult' | 'head_only' = 'each_adult';

  /** Largest import file accepted, in megabytes. */
  @IsInt({ message: '$property must be an integer between 1 and 2048' })
  @Min(1, { message: '$property must be an integer between 1 and 2048' })
  @Max(2048, { message: '$property must be an integer between 1 and 2048' })
  IMPORT_MAX_MB: number = 200;

  /**
   * Most possible duplicates queued for one household, the strongest first: a very common name makes
   * hundreds of namesakes, which are questions for a supervisor and events for every service.
   */
  @IsInt({ message: '$property must be an integer between 1 and 200' })
  @Min(1, { message: '$property must be an integer between 1 and 200' })
  @Max(200, { message: '$property must be an integer between 1 and 200' })
  DUPLICATE_MAX_CANDIDATES: number = 10;

  /** IANA time zone of the camps: "today" for decision dates is the camps' date, not UTC's. */
  @IsTimeZone({ message: '$property must be an IANA time zone such as Asia/Damascus' })
  CAMP_TIME_ZONE: string = 'Asia/Damascus';

  /**
   * Countries whose mobile numbers are accepted as a household's phone (ISO codes, comma list): a
   * family may hold a Turkish or Iraqi SIM (SY,TR,IQ). Keep it equal to notifications' setting.
   */
  @Transform(({ value }) => (typeof value === 'string' ? parseCountryList(value) : value))
  @EnvRule('phoneCountries', '$property must be a comma list of country codes such as SY,TR,IQ', (v) => Array.isArray(v) && areSupportedCountries(v))
  PHONE_COUNTRIES: string[] = [...DEFAULT_SMS_COUNTRIES];

  /**
   * How long an Idempotency-Key and its stored (encrypted) answer are kept. A retry within it gets the
   * first answer; after it the key is forgotten and the request runs as new (see README).
   */
  @IsInt({ message: '$property must be a whole number of hours between 1 and 720' })
  @Min(1, { message: '$property must be a whole number of hours between 1 and 720' })
  @Max(720, { message: '$property must be a whole number of hours between 1 and 720' })
  IDEMPOTENCY_KEY_TTL_HOURS: number = 168;

  /** Days a closed case (departed, closed, or withdrawn with no change since) is kept before it is erased. */
  @IsInt({ message: '$property must be a whole number of days between 1 and 36500' })
  @Min(1, { message: '$property must be a whole number of days between 1 and 36500' })
  @Max(36500, { message: '$property must be a whole number of days between 1 and 36500' })
  RETENTION_CLOSED_CASE_DAYS: number = 365;

  /** Per camp, instead of RETENTION_CLOSED_CASE_DAYS: `camp:days,camp:days` (e.g. `mahmoudli:180,al-hol:730`). */
  @Transform(({ value }) => (typeof value === 'string' ? parseCampDays(value) : value))
  @EnvRule('campDays', '$property must be a comma list of camp:days such as mahmoudli:180,al-hol:730', (v) => v !== null && typeof v === 'object')
  RETENTION_CLOSED_CASE_DAYS_BY_CAMP: Record<string, number> = {};

  /** Days registration's audit log (who read or changed whose data) is kept. */
  @IsInt({ message: '$property must be a whole number of days between 1 and 36500' })
  @Min(1, { message: '$property must be a whole number of days between 1 and 36500' })
  @Max(36500, { message: '$property must be a whole number of days between 1 and 36500' })
  RETENTION_AUDIT_LOG_DAYS: number = 730;

  /**
   * Days the rejected rows' messages of an import (`import_errors`, which may quote names or phones) are
   * kept, counted from the import's start. They cannot be linked to a household (a rejected row made none).
   */
  @IsInt({ message: '$property must be a whole number of days between 1 and 36500' })
  @Min(1, { message: '$property must be a whole number of days between 1 and 36500' })
  @Max(36500, { message: '$property must be a whole number of days between 1 and 36500' })
  RETENTION_IMPORT_ERRORS_DAYS: number = 30;

  /** Minutes between two runs of the retention job (0: never on its own; run it by API). */
  @IsInt({ message: '$property must be a whole number of minutes between 0 and 10080' })
  @Min(0, { message: '$property must be a whole number of minutes between 0 and 10080' })
  @Max(10080, { message: '$property must be a whole number of minutes between 0 and 10080' })
  RETENTION_RUN_MINUTES: number = 60;

  /**
   * Minutes between two checks for members whose age changed since their household's last snapshot
   * (a child who became an adult, an infant who needs a seat); 0 turns the check off.
   */
  @IsInt({ message: '$property must be a whole number of minutes between 0 and 10080' })
  @Min(0, { message: '$property must be a whole number of minutes between 0 and 10080' })
  @Max(10080, { message: '$property must be a whole number of minutes between 0 and 10080' })
  AGE_CHECK_MINUTES: number = 60;
}

/** `camp:days,…` as a map; null when a part is not camp:days with days a whole number from 1 to 36500. */
export function parseCampDays(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const match = /^([a-z0-9][a-z0-9_-]{0,63}):(\d{1,5})$/i.exec(part);
    const days = Number(match?.[2]);
    if (!match?.[1] || !(days >= 1 && days <= 36500)) return null;
    out[match[1]] = days;
  }
  return out;
}
