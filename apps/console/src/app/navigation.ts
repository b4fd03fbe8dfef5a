// Which screens each role finds in the navigation (the services refuse the rest anyway).
import type { Role } from '../auth/api';

export type NavKey =
  | 'households'
  | 'register'
  | 'imports'
  | 'duplicates'
  | 'overrides'
  | 'areas'
  | 'ruleSets'
  | 'messages'
  | 'users'
  | 'templates'
  | 'boarding';

export interface NavItem {
  key: NavKey;
  path: string;
  roles: readonly Role[];
  group: 'casework' | 'supervision' | 'administration' | 'logistics';
}

/** The navigation label's i18n key (a feature's own strings keep theirs under the feature's key). */
export function navLabelKey(item: NavItem): string {
  return item.key === 'boarding' ? 'boarding.nav' : `nav.${item.key}`;
}

export function navGroupKey(group: NavItem['group']): string {
  return group === 'logistics' ? 'boarding.navGroup' : `nav.groups.${group}`;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'households', path: '/households', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'register', path: '/households/new', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'imports', path: '/imports', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'duplicates', path: '/duplicates', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'overrides', path: '/overrides', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'areas', path: '/areas', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'ruleSets', path: '/rule-sets', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'messages', path: '/messages', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'users', path: '/admin/users', roles: ['admin'], group: 'administration' },
  { key: 'templates', path: '/admin/templates', roles: ['admin'], group: 'administration' },
  { key: 'boarding', path: '/boarding', roles: ['logistics'], group: 'logistics' },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}
