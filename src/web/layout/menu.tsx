import { AuditOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { ABILITIES } from '../api/types';

export interface MenuEntry {
  key: string;
  path: string;
  /** i18n key of the label (src/web/i18n/zh-CN.ts). */
  labelKey: ParseKeys;
  icon: ReactNode;
  /** Shown only to users whose `abilities` include this; everyone when absent. */
  ability?: string;
}

/**
 * The side menu, in display order. A new feature adds one line here (plus its route in ../App.tsx,
 * with the same ability in the route's `handle`).
 */
export const MENU: readonly MenuEntry[] = [
  { key: 'home', path: '/', labelKey: 'nav.home', icon: <HomeOutlined /> },
  {
    key: 'users',
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    ability: ABILITIES.userManage,
  },
  {
    key: 'audit',
    path: '/audit',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    ability: ABILITIES.auditRead,
  },
];

/** The menu entry for a path: the one with the longest matching path prefix. */
export function selectedMenuKey(pathname: string, entries: readonly MenuEntry[] = MENU): string | undefined {
  let best: MenuEntry | undefined;
  for (const entry of entries) {
    const matches =
      entry.path === '/'
        ? pathname === '/'
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best?.key;
}
