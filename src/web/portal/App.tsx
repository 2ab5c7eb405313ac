import { StrictMode } from 'react';
import { Route, Router, Switch } from 'wouter';
import { type Prefetched, PrefetchedContext } from '../light/prefetched';
import { Layout } from './layout';
import { CommendationsPage } from './pages/CommendationsPage';
import { FinderPage } from './pages/FinderPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OpinionDonePage } from './pages/OpinionDonePage';
import { OpinionPage } from './pages/OpinionPage';
import { TrackPage } from './pages/TrackPage';

export const PORTAL_BASE = '/portal';

/**
 * The whole portal, for the browser (main.tsx) and for the server's render of the first screen
 * (src/server/plugins/portal-page.tsx), which names the address (`ssrPath`, `ssrSearch`) the
 * browser would read from its location.
 */
export function PortalApp({
  prefetched,
  ssrPath,
  ssrSearch,
}: {
  prefetched: Prefetched;
  ssrPath?: string;
  ssrSearch?: string;
}) {
  return (
    <StrictMode>
      <PrefetchedContext value={prefetched}>
        <Router base={PORTAL_BASE} ssrPath={ssrPath} ssrSearch={ssrSearch}>
          <Layout>
            <Switch>
              <Route path="/" component={FinderPage} />
              <Route path="/homes/:id" component={HomePage} />
              <Route path="/opinion" component={OpinionPage} />
              <Route path="/opinion/done/:code" component={OpinionDonePage} />
              <Route path="/track" component={TrackPage} />
              <Route path="/track/:code" component={TrackPage} />
              <Route path="/commendations" component={CommendationsPage} />
              <Route component={NotFoundPage} />
            </Switch>
          </Layout>
        </Router>
      </PrefetchedContext>
    </StrictMode>
  );
}
