// Which screens each role finds in the navigation (the services refuse the rest anyway).
import type { Role } from '../auth/api';

export type NavKey = 'households' | 'register' | 'imports' | 'duplicates' | 'overrides' | 'areas' | 'ruleSets' | 'messages' | 'users' | 'templates';
/** The logistics screens' labels live under the `logistics` strings. */
export type LogisticsNavKey = 'convoys' | 'planning' | 'fleet';

export type NavItem =
  | { key: NavKey; path: string; roles: readonly Role[]; group: 'casework' | 'supervision' | 'administration' }
  | { key: LogisticsNavKey; path: string; roles: readonly Role[]; group: 'logistics' };

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'households', path: '/households', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'register', path: '/households/new', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'imports', path: '/imports', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'duplicates', path: '/duplicates', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'overrides', path: '/overrides', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'areas', path: '/areas', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'ruleSets', path: '/rule-sets', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'messages', path: '/messages', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'convoys', path: '/convoys', roles: ['logistics', 'supervisor'], group: 'logistics' },
  { key: 'planning', path: '/planning', roles: ['logistics'], group: 'logistics' },
  { key: 'fleet', path: '/fleet', roles: ['logistics', 'supervisor'], group: 'logistics' },
  { key: 'users', path: '/admin/users', roles: ['admin'], group: 'administration' },
  { key: 'templates', path: '/admin/templates', roles: ['admin'], group: 'administration' },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}
