import {
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  CommentOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  MoneyCollectOutlined,
  OrderedListOutlined,
  PieChartOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  TranslationOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import { ABILITIES, type Ability, type Session } from '../api/types';
import { isMemberOnly } from '../auth/session';
import { OpinionMenuBadge } from './OpinionMenuBadge';

export interface MenuEntry {
  key: string;
  path: string;
  /** i18n key of the label (src/web/i18n/zh-CN.ts). */
  labelKey: ParseKeys;
  icon: ReactNode;
  /** Shown only to users whose `abilities` include this; everyone when absent. */
  ability?: Ability;
  /** A further condition on the session (e.g. the account is linked to a member). */
  visible?: (session: Session) => boolean;
  /**
   * Of use only to those who run a home: a member's account (no other role) sees it only while the
   * member directs a home (a member studio's founder), as a plain member would find it empty.
   */
  runsHome?: boolean;
  /** After the label: a count of what waits there (it loads its own data). */
  badge?: ComponentType;
}

/**
 * The side menu, in display order. A new feature adds one line here (plus its route in ../App.tsx,
 * with the same ability in the route's `handle`).
 */
export const MENU: readonly MenuEntry[] = [
  {
    key: 'home',
    path: '/',
    labelKey: 'nav.home',
    icon: <HomeOutlined />,
    // A member-only account lands on 我的 instead (see pages/HomePage.tsx).
    visible: (session) => !isMemberOnly(session),
  },
  {
    key: 'dashboard',
    path: '/dashboard',
    labelKey: 'nav.dashboard',
    icon: <DashboardOutlined />,
    ability: ABILITIES.dashboardRead,
  },
  {
    key: 'me',
    path: '/me',
    labelKey: 'nav.me',
    icon: <IdcardOutlined />,
    visible: (session) => Boolean(session.user.memberId),
  },
  {
    key: 'homes',
    path: '/homes',
    labelKey: 'nav.homes',
    icon: <BankOutlined />,
    ability: ABILITIES.homeRead,
  },
  {
    key: 'activities',
    path: '/activities',
    labelKey: 'nav.activities',
    icon: <CalendarOutlined />,
    ability: ABILITIES.activityRead,
  },
  {
    key: 'opinions',
    path: '/opinions',
    labelKey: 'nav.opinions',
    icon: <CommentOutlined />,
    ability: ABILITIES.opinionRead,
    badge: OpinionMenuBadge,
  },
  {
    key: 'problems',
    path: '/problems',
    labelKey: 'nav.problems',
    icon: <CustomerServiceOutlined />,
    ability: ABILITIES.problemRead,
  },
  {
    key: 'duty-records',
    path: '/duty-records',
    labelKey: 'nav.dutyRecords',
    icon: <SolutionOutlined />,
    ability: ABILITIES.recordList,
  },
  {
    key: 'my-duty-record',
    path: '/me/duty-record',
    labelKey: 'nav.myDutyRecord',
    icon: <SolutionOutlined />,
    // the member's own record; staff find records under 履职档案
    visible: (session) => Boolean(session.user.memberId) && !session.abilities.includes(ABILITIES.recordList),
  },
  {
    key: 'point-rules',
    path: '/point-rules',
    labelKey: 'nav.pointRules',
    icon: <OrderedListOutlined />,
    ability: ABILITIES.recordList,
  },
  {
    key: 'proposals',
    path: '/proposals',
    labelKey: 'nav.proposals',
    icon: <FileTextOutlined />,
    ability: ABILITIES.outputRead,
  },
  {
    key: 'research-reports',
    path: '/research-reports',
    labelKey: 'nav.reports',
    icon: <FileSearchOutlined />,
    ability: ABILITIES.outputRead,
  },
  {
    key: 'evaluation',
    path: '/evaluation',
    labelKey: 'nav.evaluation',
    icon: <TrophyOutlined />,
    ability: ABILITIES.evaluationRead,
    runsHome: true,
  },
  {
    key: 'funds',
    path: '/funds',
    labelKey: 'nav.funds',
    icon: <MoneyCollectOutlined />,
    ability: ABILITIES.fundsRead,
    runsHome: true,
  },
  {
    key: 'trainings',
    path: '/trainings',
    labelKey: 'nav.trainings',
    icon: <ReadOutlined />,
    ability: ABILITIES.trainingRead,
  },
  {
    key: 'members',
    path: '/members',
    labelKey: 'nav.members',
    icon: <ContactsOutlined />,
    ability: ABILITIES.memberRead,
    // A member-only account sees just their own row there: their profile is under 我的.
    visible: (session) => !isMemberOnly(session),
  },
  {
    key: 'coverage',
    path: '/coverage',
    labelKey: 'nav.coverage',
    icon: <PieChartOutlined />,
    ability: ABILITIES.coverageRead,
  },
  {
    key: 'compliance',
    path: '/compliance',
    labelKey: 'nav.compliance',
    icon: <SafetyCertificateOutlined />,
    ability: ABILITIES.complianceRead,
  },
  {
    key: 'rules',
    path: '/rules',
    labelKey: 'nav.rules',
    icon: <BookOutlined />,
    ability: ABILITIES.homeRead,
  },
  {
    key: 'translations',
    path: '/translations',
    labelKey: 'nav.translations',
    icon: <TranslationOutlined />,
    ability: ABILITIES.translationRead,
  },
  {
    key: 'users',
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    ability: ABILITIES.userRead,
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
