// The gateway's sign-in interface (apps/gateway): session cookie (httpOnly) + CSRF token in memory.
import { request } from '../api/http';
import type { Digits, Locale } from '../i18n/locales';

export type Role = 'caseworker' | 'supervisor' | 'logistics' | 'admin';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Camp ids; ['*'] means every camp. */
  camps: string[];
  locale: Locale;
  digits: Digits;
  mustChangePassword: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

export interface AuthConfig {
  oidc: boolean;
  oidcLabel?: string;
}

let earlySession: Promise<Session> | null = null;

/**
 * Asks for the session as soon as the entry runs, before the page's chunks are requested: on a
 * slow link with six connections per host, a session check sent after them waits for them all.
 * The session provider's first check takes this answer.
 */
export function startSessionCheck(): void {
  earlySession ??= request<Session>('/auth/session');
  earlySession.catch(() => undefined);
}

export const authApi = {
  config: () => request<AuthConfig>('/auth/config'),
  session: () => {
    const early = earlySession;
    earlySession = null;
    return early ?? request<Session>('/auth/session');
  },
  login: (username: string, password: string) => request<Session>('/auth/login', { method: 'POST', body: { username, password } }),
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
  preferences: (locale: Locale, digits: Digits) => request<{ user: SessionUser }>('/auth/preferences', { method: 'PUT', body: { locale, digits } }),
};

/** What a role may open; the services refuse anyway, this only keeps menus honest. */
export function hasRole(user: SessionUser | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

export function allCamps(user: SessionUser): boolean {
  return user.camps.includes('*');
}
