import {
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Grid, Layout, Menu, type MenuProps, Typography, theme } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useRunsAnyHome } from '../api/allowed';
import type { Session } from '../api/types';
import { hasAbility, isMemberOnly, useLogout } from '../auth/session';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { ForbiddenPage } from '../pages/ResultPages';
import { MENU, selectedMenuKey } from './menu';
import { NotificationBell } from './NotificationBell';
import { RequireSession, useRouteAllowed } from './RequireSession';

/** The header's height (antd's Layout.Header): a phone's menu opens below it. */
const HEADER_HEIGHT = 64;

/** Layout for signed-in users (lazy loaded, so the sign-in page does not pull it in). */
export default function ProtectedShell() {
  return <RequireSession>{(session) => <AppShell session={session} />}</RequireSession>;
}

function AppShell({ session }: { session: Session }) {
  const { t } = useTranslation();
  const location = useLocation();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);

  // a plain member's account does not get the entries of those who run a home
  const runsAnyHome = useRunsAnyHome(session);
  const plainMember = isMemberOnly(session) && !runsAnyHome;
  // a new password or a second factor comes first: until then only 账户安全 opens
  const securityFirst =
    session.passwordChangeRequired || (session.secondFactor.required && !session.secondFactor.enabled);
  const menuEntries = useMemo(
    () =>
      securityFirst
        ? []
        : MENU.filter(
            (entry) =>
              hasAbility(session, entry.ability) &&
              (entry.visible?.(session) ?? true) &&
              !(entry.runsHome && plainMember),
          ),
    [session, plainMember, securityFirst],
  );
  const selectedKey = selectedMenuKey(location.pathname, menuEntries);
  const menuItems: MenuProps['items'] = menuEntries.map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path}>
        {t(entry.labelKey)}
        {entry.badge ? <entry.badge /> : null}
      </Link>
    ),
  }));

  const selectedEntry = menuEntries.find((entry) => entry.key === selectedKey);
  const pageTitle = selectedEntry ? t(selectedEntry.labelKey) : undefined;
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} - ${t('app.name')}` : t('app.name');
  }, [pageTitle, t]);

  const allowed = useRouteAllowed(session);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '0 16px',
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          height: HEADER_HEIGHT,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {narrow ? (
          // On a phone the menu opens from here: antd's floating trigger would cover page content.
          <Button
            type="text"
            icon={<MenuOutlined aria-hidden />}
            aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed((value) => !value)}
            style={{ marginInlineEnd: -8 }}
          />
        ) : null}
        <Typography.Text
          strong
          ellipsis
          style={{ flex: 1, minWidth: 0, fontSize: 18, color: token.colorPrimary }}
        >
          {screens.md === false ? t('app.shortName') : t('app.name')}
        </Typography.Text>
        {securityFirst ? null : <NotificationBell />}
        {/* The name opens 账户安全; on a phone the bell leaves room for its icon only. */}
        <Link to="/me/security" title={t('security.title')} aria-label={t('security.title')}>
          {screens.sm === false ? (
            <SafetyOutlined style={{ fontSize: 18, padding: 4 }} />
          ) : (
            <Flex align="center" gap={8} style={{ flexShrink: 0 }}>
              <UserOutlined aria-hidden />
              <Typography.Text>{session.user.displayName}</Typography.Text>
            </Flex>
          )}
        </Link>
        <Button
          icon={<LogoutOutlined aria-hidden />}
          loading={logout.isPending}
          onClick={() => logout.mutate()}
        >
          {t('auth.logout')}
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          theme="light"
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          collapsedWidth={narrow ? 0 : 64}
          // antd's trigger is fixed to the window's foot, over the menu's last entries: ours ends the menu's column
          trigger={null}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          style={{
            borderRight: `1px solid ${token.colorBorderSecondary}`,
            // on a phone the open menu lies over the page below the header instead of pushing
            // the page sideways past the screen's edge; on a desktop it stays beside the page as
            // the page scrolls, and a long menu scrolls inside it
            ...(narrow
              ? { position: 'fixed', top: HEADER_HEIGHT, bottom: 0, insetInlineStart: 0, zIndex: 20 }
              : { position: 'sticky', top: HEADER_HEIGHT, height: `calc(100vh - ${HEADER_HEIGHT}px)` }),
          }}
        >
          <Flex vertical style={{ height: '100%' }}>
            <nav aria-label={t('nav.menu')} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
              <Menu
                mode="inline"
                items={menuItems}
                selectedKeys={selectedKey ? [selectedKey] : []}
                onClick={() => {
                  if (narrow) setCollapsed(true);
                }}
                style={{ borderInlineEnd: 'none' }}
              />
            </nav>
            {narrow ? null : (
              <Button
                type="text"
                block
                icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
                aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
                aria-expanded={!collapsed}
                onClick={() => setCollapsed((value) => !value)}
                style={{
                  flexShrink: 0,
                  height: 48,
                  borderRadius: 0,
                  borderTop: `1px solid ${token.colorBorderSecondary}`,
                }}
              />
            )}
          </Flex>
        </Layout.Sider>
        {narrow && !collapsed ? (
          // a tap beside the open menu closes it
          <div
            aria-hidden
            onClick={() => setCollapsed(true)}
            style={{
              position: 'fixed',
              inset: `${HEADER_HEIGHT}px 0 0 0`,
              zIndex: 19,
              background: token.colorBgMask,
            }}
          />
        ) : null}
        <Layout.Content style={{ padding: screens.md === false ? 12 : 24, minWidth: 0 }}>
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<PageLoading />}>
              {securityFirst && location.pathname !== '/me/security' ? (
                <Navigate to="/me/security" replace />
              ) : allowed ? (
                <Outlet />
              ) : (
                <ForbiddenPage />
              )}
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
