import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from './roles.js';

export interface TokenClaims {
  sub: string;
  roles: readonly Role[];
  camps: readonly string[];
  ttlSeconds: number;
}

export interface TokenSigningOptions {
  secret: string;
  issuer: string;
  audience: string;
}

/** An HS256 token as AuthModule expects it; for local use and tests (production tokens come from the IdP). */
export async function signToken(claims: TokenClaims, options: TokenSigningOptions): Promise<string> {
  if (options.secret.length < 32) throw new Error('signToken: the secret must be at least 32 characters');
  if (!Number.isInteger(claims.ttlSeconds) || claims.ttlSeconds <= 0) {
    throw new Error('signToken: ttlSeconds must be a positive integer');
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: [...claims.roles], camps: [...claims.camps] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + claims.ttlSeconds)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(options.secret));
}
