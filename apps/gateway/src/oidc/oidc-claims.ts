import { ALL_CAMPS, isRole, type Role } from '@awda/auth';
import { CAMP_ID_PATTERN } from '@awda/contracts';

/** Which claims hold what (dotted paths, e.g. "realm_access.roles" for Keycloak realm roles). */
export interface ClaimNames {
  roles: string;
  camps: string;
  name: string;
  username: string;
}

/** A person as the identity provider describes them, in Awda's terms. */
export interface ProviderIdentity {
  subject: string;
  username: string;
  displayName: string;
  roles: Role[];
  camps: string[];
}

export type IdentityResult = { ok: true; identity: ProviderIdentity } | { ok: false; reason: 'no_subject' | 'no_role' | 'no_camp' };

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

// A claim may be a list or one string (some providers join values with spaces or commas).
function listAt(claims: Record<string, unknown>, path: string): string[] {
  const value = claimAt(claims, path);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v.length > 0);
  return [];
}

function textAt(claims: Record<string, unknown>, path: string): string | undefined {
  const value = claimAt(claims, path);
  return typeof value === 'string' && value.trim().length > 0 ? value.trim().slice(0, 256) : undefined;
}

/**
 * Maps verified ID-token (and userinfo) claims to roles and camps. Providers add roles of their
 * own (offline_access, …): only Awda's are kept. Someone with no Awda role, or with no camp and no
 * admin role, is refused rather than let in to see nothing.
 */
export function identityFromClaims(claims: Record<string, unknown>, names: ClaimNames): IdentityResult {
  const subject = typeof claims['sub'] === 'string' && claims['sub'].length > 0 ? claims['sub'] : undefined;
  if (subject === undefined) return { ok: false, reason: 'no_subject' };
  const roles = [...new Set(listAt(claims, names.roles).filter(isRole))];
  if (roles.length === 0) return { ok: false, reason: 'no_role' };
  const camps = [...new Set(listAt(claims, names.camps).filter((c) => c === ALL_CAMPS || CAMP_ID_PATTERN.test(c)))].sort();
  if (camps.length === 0 && !roles.includes('admin')) return { ok: false, reason: 'no_camp' };
  const username = textAt(claims, names.username) ?? textAt(claims, 'email') ?? subject;
  return {
    ok: true,
    identity: {
      subject,
      username,
      displayName: textAt(claims, names.name) ?? username,
      roles,
      camps: camps.includes(ALL_CAMPS) ? [ALL_CAMPS] : camps,
    },
  };
}
