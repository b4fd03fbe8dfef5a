import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@awda/config';

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
   * How long an Idempotency-Key and its stored (encrypted) answer are kept. A retry within it gets the
   * first answer; after it the key is forgotten and the request runs as new (see README).
   */
  @IsInt({ message: '$property must be a whole number of hours between 1 and 720' })
  @Min(1, { message: '$property must be a whole number of hours between 1 and 720' })
  @Max(720, { message: '$property must be a whole number of hours between 1 and 720' })
  IDEMPOTENCY_KEY_TTL_HOURS: number = 168;
}
