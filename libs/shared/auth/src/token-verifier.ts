import { createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTHeaderParameters,
  type JWTPayload,
  type CryptoKey,
  type FlattenedJWSInput,
} from 'jose';
import { authUnavailable, invalidToken } from './auth.errors.js';
import { AUTH_OPTIONS, DEFAULT_MAX_TOKEN_AGE_SECONDS, assertAuthOptions, type AuthModuleOptions } from './auth.options.js';
import { isRole, type AuthUser } from './roles.js';

const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_CAMP_ID_LENGTH = 64;

type KeyResolver = (header: JWTHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey | KeyObject>;

/** The identity provider's key set could not be fetched or read. */
class KeysUnavailableError extends Error {
  constructor(readonly reason: string) {
    super('token keys unavailable');
  }
}

// Errors of the key lookup that are the token's fault, not the identity provider's.
const TOKEN_FAULTS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported, errors.JOSEAlgNotAllowed];

/** Verifies bearer tokens (issuer, audience, algorithm allow-list, expiry) and reads the caller from them. */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly resolveKey: KeyResolver;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions) {
    assertAuthOptions(options);
    // A KeyObject made once: given raw bytes, jose would import the key again on every request.
    const secret =
      options.algorithms.includes('HS256') && options.secret !== undefined
        ? createSecretKey(Buffer.from(options.secret, 'utf8'))
        : undefined;
    const jwks = options.jwksUrl !== undefined ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
    this.resolveKey = async (header, token) => {
      if (header.alg === 'HS256' && secret !== undefined) return secret;
      if (header.alg === 'HS256' || jwks === undefined) throw new errors.JOSEAlgNotAllowed('no key for this algorithm');
      try {
        return await jwks(header, token);
      } catch (error) {
        if (TOKEN_FAULTS.some((fault) => error instanceof fault)) throw error;
        throw new KeysUnavailableError(error instanceof errors.JOSEError ? error.code : String(error));
      }
    };
  }

  /** The caller a token describes; throws 401 (or 503 when the identity provider cannot be reached). */
  async verify(token: string): Promise<AuthUser> {
    let payload: JWTPayload;
    const maxAge = this.options.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
    try {
      ({ payload } = await jwtVerify(token, this.resolveKey, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...this.options.algorithms],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub', 'iat'],
        // Refuses an iat older than maxAge, or in the future.
        maxTokenAge: maxAge,
      }));
    } catch (error) {
      throw this.refusal(error);
    }
    // A token made to live for years (exp in 9999) is refused even while it is young.
    if (typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp - payload.iat > maxAge + CLOCK_TOLERANCE_SECONDS) {
      this.logger.debug({ msg: 'token refused', reason: 'lifetime above the maximum' });
      throw invalidToken(`The token lives longer than the ${maxAge} seconds allowed`);
    }
    return userFromClaims(payload);
  }

  private refusal(error: unknown): Error {
    if (error instanceof errors.JWTExpired) return invalidToken('The token has expired');
    if (error instanceof KeysUnavailableError) {
      // Our problem, not the caller's: their token may be fine. Never log the token itself.
      this.logger.warn({ msg: 'identity provider keys unavailable', reason: error.reason });
      return authUnavailable();
    }
    if (error instanceof errors.JOSEError) this.logger.debug({ msg: 'token refused', reason: error.code });
    else this.logger.warn({ msg: 'token verification failed unexpectedly', reason: error instanceof Error ? error.name : 'unknown' });
    return invalidToken('The token is invalid');
  }
}

/** Reads sub, roles (`roles`, or Keycloak's `realm_access.roles`) and camps from verified claims. */
export function userFromClaims(payload: JWTPayload): AuthUser {
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.length === 0) throw invalidToken('The token is invalid');
  return { sub, roles: rolesOf(payload), camps: campsOf(payload['camps']) };
}

function rolesOf(payload: JWTPayload): AuthUser['roles'] {
  const realmAccess = payload['realm_access'];
  const claimed =
    payload['roles'] ??
    (typeof realmAccess === 'object' && realmAccess !== null ? Reflect.get(realmAccess, 'roles') : undefined);
  // Identity providers add roles of their own (offline_access, …): keep only Awda's.
  return Array.isArray(claimed) ? [...new Set(claimed.filter(isRole))] : [];
}

function campsOf(claim: unknown): string[] {
  const values = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
  return [
    ...new Set(
      values.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_CAMP_ID_LENGTH),
    ),
  ];
}
