import { ROLES, type Role } from '@awda/auth';

export const LOCALES = ['ar', 'en', 'ckb', 'kmr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DIGIT_STYLES = ['latin', 'arabic'] as const;
export type DigitStyle = (typeof DIGIT_STYLES)[number];

/** A person who signs in at the gateway, as stored (never sent to a browser as is). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Camp ids, or ['*'] for every camp (as in @awda/auth). */
  camps: string[];
  locale: Locale;
  digits: DigitStyle;
  passwordHash: string | null;
  mustChangePassword: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** The signed-in user as the console sees it (GET /auth/session and friends). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  camps: string[];
  locale: Locale;
  digits: DigitStyle;
  mustChangePassword: boolean;
}

/** A user as an administrator sees it in the list: the view plus how they sign in and their state. */
export interface AdminUserView extends UserView {
  disabled: boolean;
  /** 'oidc': signs in through the identity provider, which decides roles and camps. */
  source: 'local' | 'oidc';
  lastLoginAt: string | null;
  createdAt: string;
}

/** A user id with its username, as review screens show it instead of the bare id. */
export interface UserName {
  id: string;
  username: string;
}

/**
 * Whether `viewer` may learn who `user` is: an administrator may (they manage every account); a
 * supervisor when the two share a camp ('*' shares every camp), as the supervisor's reviews cover
 * their camps only; nobody else.
 */
export function mayName(viewer: Pick<UserView, 'roles' | 'camps'>, user: Pick<UserRecord, 'camps'>): boolean {
  if (viewer.roles.includes('admin')) return true;
  if (!viewer.roles.includes('supervisor')) return false;
  if (viewer.camps.includes('*') || user.camps.includes('*')) return true;
  return user.camps.some((camp) => viewer.camps.includes(camp));
}

/** A row's locale and digit style, checked where they enter: a value the code does not know is a bug, not a guess. */
export function checkedPreferences(userId: string, locale: string, digits: string): { locale: Locale; digits: DigitStyle } {
  if (!(LOCALES as readonly string[]).includes(locale)) throw new Error(`user ${userId} has an unknown locale`);
  if (!(DIGIT_STYLES as readonly string[]).includes(digits)) throw new Error(`user ${userId} has an unknown digit style`);
  return { locale: locale as Locale, digits: digits as DigitStyle };
}

export function userView(user: UserRecord): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: [...user.roles],
    camps: [...user.camps],
    locale: user.locale,
    digits: user.digits,
    mustChangePassword: user.mustChangePassword,
  };
}

export function adminUserView(user: UserRecord): AdminUserView {
  return {
    ...userView(user),
    disabled: user.disabledAt !== null,
    source: user.oidcSubject === null ? 'local' : 'oidc',
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Roles in a stable order, without repeats or anything unknown. */
export function normaliseRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

/** Camps without repeats, sorted; '*' alone when present. */
export function normaliseCamps(camps: readonly string[]): string[] {
  if (camps.includes('*')) return ['*'];
  return [...new Set(camps)].sort();
}
