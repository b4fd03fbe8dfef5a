export const ROLES = ['caseworker', 'supervisor', 'logistics', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller: a subject id, its roles and the camps it may work on ('*' = all). */
export interface AuthUser {
  sub: string;
  roles: Role[];
  camps: string[];
}

/** Marks every camp in a `camps` claim. */
export const ALL_CAMPS = '*';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function seesAllCamps(user: AuthUser): boolean {
  return user.roles.includes('admin') || user.camps.includes(ALL_CAMPS);
}

/** True when the user may read and write the given camp's households. */
export function canAccessCamp(user: AuthUser, campId: string): boolean {
  return seesAllCamps(user) || user.camps.includes(campId);
}

/** The camps a list query must be restricted to, or 'all' for admins and '*' holders. */
export function campScope(user: AuthUser): string[] | 'all' {
  return seesAllCamps(user) ? 'all' : [...user.camps];
}
