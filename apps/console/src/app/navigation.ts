// Which screens each role finds in the navigation (the services refuse the rest anyway).
import type { Role } from '../auth/api';

export type NavKey =
  | 'households' | 'register' | 'imports' | 'duplicates' | 'overrides' | 'areas' | 'ruleSets' | 'messages' | 'users' | 'templates' | 'reports'
  | 'convoys' | 'planning' | 'fleet' | 'boarding' | 'campPolicy' | 'followUp' | 'audit' | 'retention';

export interface NavItem {
  key: NavKey;
  path: string;
  roles: readonly Role[];
  group: 'logistics' | 'casework' | 'supervision' | 'administration' | 'reports';
  /** i18n key of the label when it is not nav.<key> (a feature's strings live under its own key). */
  label?: string;
}

/** The heading of each group of the menu. */
export const NAV_GROUP_LABELS: Readonly<Record<NavItem['group'], string>> = {
  logistics: 'logistics.nav.group',
  casework: 'nav.groups.casework',
  supervision: 'nav.groups.supervision',
  administration: 'nav.groups.administration',
  reports: 'reports.navGroup',
};

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'households', path: '/households', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'register', path: '/households/new', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'imports', path: '/imports', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework' },
  { key: 'followUp', path: '/follow-up', roles: ['caseworker', 'supervisor', 'admin'], group: 'casework', label: 'protection.nav.followUp' },
  { key: 'duplicates', path: '/duplicates', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'overrides', path: '/overrides', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'areas', path: '/areas', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'ruleSets', path: '/rule-sets', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'messages', path: '/messages', roles: ['supervisor', 'admin'], group: 'supervision' },
  { key: 'campPolicy', path: '/camp-policy', roles: ['supervisor', 'admin'], group: 'supervision', label: 'campPolicy.nav' },
  { key: 'audit', path: '/audit', roles: ['supervisor', 'admin'], group: 'supervision', label: 'protection.nav.audit' },
  { key: 'convoys', path: '/convoys', roles: ['logistics', 'supervisor'], group: 'logistics', label: 'logistics.nav.convoys' },
  { key: 'planning', path: '/planning', roles: ['logistics'], group: 'logistics', label: 'logistics.nav.planning' },
  { key: 'fleet', path: '/fleet', roles: ['logistics', 'supervisor'], group: 'logistics', label: 'logistics.nav.fleet' },
  { key: 'users', path: '/admin/users', roles: ['admin'], group: 'administration' },
  { key: 'templates', path: '/admin/templates', roles: ['admin'], group: 'administration' },
  { key: 'retention', path: '/admin/retention', roles: ['admin'], group: 'administration', label: 'retention.nav' },
  { key: 'reports', path: '/reports', roles: ['supervisor', 'admin', 'logistics'], group: 'reports', label: 'reports.nav' },
  { key: 'boarding', path: '/boarding', roles: ['logistics'], group: 'logistics', label: 'boarding.nav' },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}
