import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import type { Session } from '../api/types';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageLoading } from '../components/PageLoading';
import { ForbiddenPage } from '../pages/ResultPages';
import { RequireSession, useRouteAllowed } from './RequireSession';

/** Layout without the shell's header and menu, for pages meant to be printed. Signed-in users only. */
export default function BareShell() {
  return <RequireSession>{(session) => <Bare session={session} />}</RequireSession>;
}

function Bare({ session }: { session: Session }) {
  const location = useLocation();
  const allowed = useRouteAllowed(session);
  return (
    <ErrorBoundary key={location.pathname}>
      <Suspense fallback={<PageLoading fullScreen />}>{allowed ? <Outlet /> : <ForbiddenPage />}</Suspense>
    </ErrorBoundary>
  );
}
