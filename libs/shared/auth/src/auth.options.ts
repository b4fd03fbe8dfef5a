import { JWT_ALGORITHMS, type BaseServiceConfig, type JwtAlgorithm } from '@awda/config';

export interface AuthModuleOptions {
  issuer: string;
  audience: string | string[];
  /** Allow-list; `none` is never accepted. */
  algorithms: readonly JwtAlgorithm[];
  /** HS256 key (at least 32 characters); needed when algorithms include HS256. */
  secret?: string;
  /** JWKS endpoint of the identity provider; needed for RS256, ES256 or EdDSA. */
  jwksUrl?: string;
  /** Longest a token may live (exp − iat) and oldest it may be, in seconds; default one day. */
  maxTokenAgeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 86_400;

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** The auth options a service config describes. */
export function authOptionsFromConfig(config: BaseServiceConfig): AuthModuleOptions {
  return {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    algorithms: config.JWT_ALGORITHMS,
    secret: config.JWT_SECRET,
    jwksUrl: config.JWT_JWKS_URL,
    maxTokenAgeSeconds: config.JWT_MAX_TOKEN_AGE_SECONDS,
  };
}

/** Refuses options that would make verification unsafe or impossible (fail at startup, not per request). */
export function assertAuthOptions(options: AuthModuleOptions): void {
  const allowed: readonly string[] = JWT_ALGORITHMS;
  if (options.algorithms.length === 0) throw new Error('AuthModule: algorithms must not be empty');
  for (const algorithm of options.algorithms) {
    if (!allowed.includes(algorithm)) throw new Error(`AuthModule: algorithm "${algorithm}" is not allowed`);
  }
  if (options.algorithms.includes('HS256') && (options.secret === undefined || options.secret.length < 32)) {
    throw new Error('AuthModule: HS256 needs a secret of at least 32 characters');
  }
  if (options.algorithms.some((a) => a !== 'HS256') && options.jwksUrl === undefined) {
    throw new Error('AuthModule: RS256, ES256 and EdDSA need a jwksUrl');
  }
  if (options.issuer.length === 0) throw new Error('AuthModule: issuer must not be empty');
}
