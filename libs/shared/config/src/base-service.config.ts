import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseAppConfig } from './base-app.config.js';
import { EnvRule, RefuseInProduction, isUrlWith, splitList } from './env-rules.js';
import { KEY_ID_PATTERN, parseFieldEncryptionKeys } from './field-encryption-keys.js';

export { LOG_LEVELS, NODE_ENVS, type LogLevel, type NodeEnv } from './base-app.config.js';
/** Algorithms a service may accept; `none` is never one of them. */
export const JWT_ALGORITHMS = ['HS256', 'RS256', 'ES256', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

// Development defaults: fine on a laptop, refused when NODE_ENV=production.
export const DEV_JWT_SECRET = 'awda-development-only-jwt-secret-do-not-deploy';
export const DEV_FIELD_ENCRYPTION_KEYS = 'dev:f/z05O+E9SdtxkPHPIEaNn6kskmigIRIuPahy+AHqUo=';
export const DEV_FIELD_ENCRYPTION_ACTIVE_KEY = 'dev';
export const DEV_LOOKUP_HASH_KEY = 'awda-development-only-lookup-hash-key-do-not-deploy';

const algorithmsOf = (config: Record<string, unknown>): unknown[] =>
  Array.isArray(config['JWT_ALGORITHMS']) ? config['JWT_ALGORITHMS'] : [];
const acceptsHs256 = (config: Record<string, unknown>): boolean => algorithmsOf(config).includes('HS256');
const needsJwks = (config: Record<string, unknown>): boolean => algorithmsOf(config).some((a) => a !== 'HS256');

function keyRingProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'it is not set';
  try {
    parseFieldEncryptionKeys(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'it cannot be read';
  }
}

const pollMs = '$property must be an integer between 10 and 60000 (milliseconds)';
const retention = '$property must be an integer between 1 and 87600 (hours)';
const maxDeliver = '$property must be an integer between 1 and 1000';
const concurrency = '$property must be an integer between 1 and 1024';
const replicas = '$property must be an integer between 1 and 5 (3 for a production cluster)';
const adultAge = '$property must be a whole number of years between 14 and 21';

/** Settings every Awda service reads from its environment; each service's config extends it. */
export class BaseServiceConfig extends BaseAppConfig {
  @EnvRule('natsUrl', '$property must be a nats:// or tls:// URL (or a comma list of them)', (v) => {
    const servers = splitList(v);
    return Array.isArray(servers) && servers.length > 0 && servers.every((s) => isUrlWith(s, ['nats:', 'tls:']));
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  @Matches(/^[a-z0-9_]*$/, { message: '$property must contain only lowercase letters, digits and "_"' })
  @MaxLength(32, { message: '$property must be at most 32 characters' })
  AWDA_NAMESPACE = '';

  @IsString() @MinLength(1, { message: '$property must not be empty' })
  JWT_ISSUER = 'awda-local';

  @IsString() @MinLength(1, { message: '$property must not be empty' })
  JWT_AUDIENCE = 'awda';

  @Transform(({ value }) => splitList(value))
  @EnvRule(
    'jwtAlgorithms',
    `$property must be a comma list of ${JWT_ALGORITHMS.join(', ')} (never none)`,
    (v) => Array.isArray(v) && v.length > 0 && v.every((a) => (JWT_ALGORITHMS as readonly unknown[]).includes(a)),
  )
  JWT_ALGORITHMS: JwtAlgorithm[] = ['HS256'];

  @EnvRule(
    'jwtSecret',
    '$property must be at least 32 characters when JWT_ALGORITHMS allows HS256',
    (v, config) => !acceptsHs256(config) || (typeof v === 'string' && v.length >= 32),
  )
  @RefuseInProduction(DEV_JWT_SECRET, acceptsHs256)
  JWT_SECRET = DEV_JWT_SECRET;

  @EnvRule('jwksUrl', '$property must be an http:// or https:// URL', (v) => v === undefined || isUrlWith(v, ['https:', 'http:']))
  @EnvRule(
    'jwksUrlNeeded',
    '$property must be set when JWT_ALGORITHMS allows RS256, ES256 or EdDSA',
    (v, config) => v !== undefined || !needsJwks(config),
  )
  JWT_JWKS_URL?: string;

  /**
   * Longest life a token may have (exp − iat) and oldest it may be (now − iat), in seconds; a token
   * without iat, with iat in the future or exp in year 9999 is refused.
   */
  @IsInt({ message: '$property must be a whole number of seconds between 60 and 2592000 (30 days)' })
  @Min(60, { message: '$property must be a whole number of seconds between 60 and 2592000 (30 days)' })
  @Max(2_592_000, { message: '$property must be a whole number of seconds between 60 and 2592000 (30 days)' })
  JWT_MAX_TOKEN_AGE_SECONDS: number = 86_400;

  @EnvRule(
    'fieldEncryptionKeys',
    (args) => `${args.property} must be a comma list of keyId:base64-32-bytes: ${keyRingProblem(args.value) ?? ''}`,
    (v) => keyRingProblem(v) === undefined,
  )
  @RefuseInProduction(DEV_FIELD_ENCRYPTION_KEYS)
  FIELD_ENCRYPTION_KEYS = DEV_FIELD_ENCRYPTION_KEYS;

  @Matches(KEY_ID_PATTERN, { message: '$property must be a key id of 1-32 letters, digits, "_" or "-"' })
  @EnvRule('activeKeyPresent', '$property must be one of the key ids in FIELD_ENCRYPTION_KEYS', (v, config) => {
    const keys = config['FIELD_ENCRYPTION_KEYS'];
    // A broken key list is reported on its own line; don't pile a second error on it.
    if (typeof keys !== 'string' || keyRingProblem(keys) !== undefined) return true;
    return typeof v === 'string' && Object.hasOwn(parseFieldEncryptionKeys(keys), v);
  })
  FIELD_ENCRYPTION_ACTIVE_KEY = DEV_FIELD_ENCRYPTION_ACTIVE_KEY;

  @IsString() @MinLength(32, { message: '$property must be at least 32 characters' })
  @RefuseInProduction(DEV_LOOKUP_HASH_KEY)
  LOOKUP_HASH_KEY = DEV_LOOKUP_HASH_KEY;

  @IsInt({ message: pollMs }) @Min(10, { message: pollMs }) @Max(60_000, { message: pollMs })
  OUTBOX_POLL_MS = 1000;

  @IsInt({ message: retention }) @Min(1, { message: retention }) @Max(87_600, { message: retention })
  OUTBOX_RETENTION_HOURS = 168;

  @IsInt({ message: maxDeliver }) @Min(1, { message: maxDeliver }) @Max(1000, { message: maxDeliver })
  MESSAGING_MAX_DELIVER = 5;

  @IsInt({ message: concurrency }) @Min(1, { message: concurrency }) @Max(1024, { message: concurrency })
  MESSAGING_CONCURRENCY = 8;

  @IsInt({ message: replicas }) @Min(1, { message: replicas }) @Max(5, { message: replicas })
  NATS_STREAM_REPLICAS = 1;

  /** Requests per user per minute to endpoints that make the system send SMS (@RateLimit 'sms-costing'). */
  @IsInt({ message: '$property must be an integer between 1 and 100000 (requests per minute)' })
  @Min(1, { message: '$property must be an integer between 1 and 100000 (requests per minute)' })
  @Max(100_000, { message: '$property must be an integer between 1 and 100000 (requests per minute)' })
  RATE_LIMIT_SMS_PER_MINUTE = 120;

  /**
   * Age from which a member is an adult: decides for themselves, and a household with no member this
   * old is child-headed (a guardian's consent or a best-interests decision). Registration and
   * eligibility read this one setting, so they never disagree about who may consent.
   */
  @IsInt({ message: adultAge }) @Min(14, { message: adultAge }) @Max(21, { message: adultAge })
  ADULT_AGE = 18;
}
