import { Alert, Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useMatches } from 'react-router';
import { errorMessage } from '../api/client';
import type { Ability, Session } from '../api/types';
import { hasAbility, useSession, wasSignedOutByUser } from '../auth/session';
import { loginPath } from '../auth/signIn';
import { FullPageLoad } from '../components/FullPageLoad';
import { PageLoading } from '../components/PageLoading';

/** `handle` of a route below the shell (or the print layout): the ability needed to open it. */
export interface RouteHandle {
  ability?: Ability;
}

/**
 * Renders its children with the signed-in session; sends users without one to /login, remembering
 * where they wanted to go.
 */
export function RequireSession({ children }: { children: (session: Session) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();

  if (session.isPending) return <PageLoading fullScreen />;
  if (session.isError) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Alert
          type="error"
          showIcon
          title={t('errors.sessionCheckFailed')}
          description={errorMessage(session.error)}
          action={
            <Button size="small" onClick={() => void session.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </Flex>
    );
  }
  if (!session.data) {
    const target = wasSignedOutByUser() ? '/login' : loginPath(location.pathname + location.search);
    // the sign-in page is a page of its own (src/web/phone), not a route of this UI
    return <FullPageLoad to={target} />;
  }
  return children(session.data);
}

/** Whether the session has every ability the matched routes' `handle`s ask for. */
export function useRouteAllowed(session: Session): boolean {
  const matches = useMatches();
  return matches
    .map((match) => (match.handle as RouteHandle | undefined)?.ability)
    .filter((ability): ability is Ability => Boolean(ability))
    .every((ability) => hasAbility(session, ability));
}
