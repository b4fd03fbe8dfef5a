import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { EnvRule, isUrlWith } from './env-rules.js';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const port = '$property must be an integer between 1 and 65535';
const poolSize = '$property must be an integer between 2 and 200 (connections per process)';

/**
 * Settings every Awda process with HTTP and its own PostgreSQL schema reads: the four services
 * (BaseServiceConfig adds the broker, keys and tokens) and the gateway (no broker).
 */
/** A URL with a host list cut to its first host, for the URL parser (which refuses the list). */
function firstHostOnly(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^([a-z]+:\/\/(?:[^@/?#]*@)?[^,/?#]*),[^/?#]*/i, '$1') : value;
}

export class BaseAppConfig {
  @IsIn(NODE_ENVS, { message: '$property must be one of development, test, production' })
  NODE_ENV: NodeEnv = 'development';

  @IsInt({ message: port }) @Min(1, { message: port }) @Max(65535, { message: port })
  PORT = 3000;

  @Matches(/^[A-Za-z0-9.:_-]+$/, { message: '$property must be a host name or IP address' })
  HOST = '127.0.0.1';

  // libpq's host list (postgres://u@db-1:5432,db-2:5432/awda?target_session_attrs=read-write) is allowed.
  @EnvRule('postgresUrl', '$property must be a postgres:// URL', (v) => isUrlWith(firstHostOnly(v), ['postgres:', 'postgresql:']))
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/awda';

  @IsIn(LOG_LEVELS, { message: `$property must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsInt({ message: poolSize }) @Min(2, { message: poolSize }) @Max(200, { message: poolSize })
  DATABASE_POOL_SIZE = 10;
}
