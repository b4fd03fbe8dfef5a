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
}
