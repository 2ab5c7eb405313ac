import { StrictMode } from 'react';
import { Route, Router, Switch } from 'wouter';
import { type Prefetched, PrefetchedContext } from '../light/prefetched';
import { AccountProvider } from './account';
import { PhoneLayout } from './layout';
import { CheckinPage } from './pages/CheckinPage';
import { HomesPage, RecordPage } from './pages/MinePages';
import { SignInPage } from './pages/SignInPage';
import { WordsProvider } from './words';

/**
 * The members' phone pages (sign-in, check-in, their record and homes), for the browser (main.tsx) and for the server's
 * render of the first screen (src/server/plugins/phone-page.tsx), which names the address.
 */
export function PhoneApp({
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
        <AccountProvider>
          <WordsProvider>
            <Router ssrPath={ssrPath} ssrSearch={ssrSearch}>
              <Switch>
                <Route path="/login" component={SignInPage} />
                <Route path="/checkin" component={CheckinPage} />
                <Route path="/checkin/:code" component={CheckinPage} />
                <Route path="/my/record" component={RecordPage} />
                <Route path="/my/homes" component={HomesPage} />
                <Route>
                  <PhoneLayout title="页面不存在">
                    <p>
                      <a href="/">返回首页</a>
                    </p>
                  </PhoneLayout>
                </Route>
              </Switch>
            </Router>
          </WordsProvider>
        </AccountProvider>
      </PrefetchedContext>
    </StrictMode>
  );
}
