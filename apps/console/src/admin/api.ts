// The gateway's user administration (role admin).
import { request } from '../api/http';
import type { Role, SessionUser } from '../auth/api';
import type { Locale } from '../i18n/locales';

export interface AdminUser extends SessionUser {
  disabled: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  camps: string[];
  locale?: Locale;
}

export const ROLES: readonly Role[] = ['caseworker', 'supervisor', 'logistics', 'admin'];

/** The list as an array whether the gateway answers `[…]` or `{ users: […] }` / `{ items: […] }`. */
export function usersOf(body: unknown): AdminUser[] {
  if (Array.isArray(body)) return body as AdminUser[];
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const list = record['users'] ?? record['items'];
    if (Array.isArray(list)) return list as AdminUser[];
  }
  return [];
}

/** Camps typed as "mahmoudli, areesha" or "*" (every camp). */
export function parseCamps(text: string): string[] {
  return [...new Set(text.split(/[,،\s]+/).map((c) => c.trim()).filter(Boolean))];
}

export const adminApi = {
  users: async () => usersOf(await request<unknown>('/admin/users')),
  create: (user: NewUser) => request<{ user: AdminUser; temporaryPassword: string }>('/admin/users', { method: 'POST', body: user }),
  update: (id: string, change: Partial<Pick<AdminUser, 'displayName' | 'roles' | 'camps' | 'disabled'>>) =>
    request<unknown>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: change }),
  resetPassword: (id: string) => request<{ temporaryPassword: string }>(`/admin/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST' }),
};
