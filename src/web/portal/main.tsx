import './portal.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Router, Switch } from 'wouter';
import { fetchHomesEarly } from './api';
import { applyLargeText, Layout, readLargeText } from './layout';
import { CommendationsPage } from './pages/CommendationsPage';
import { FinderPage, firstPageQuery } from './pages/FinderPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OpinionDonePage } from './pages/OpinionDonePage';
import { OpinionPage } from './pages/OpinionPage';
import { TrackPage } from './pages/TrackPage';

// The public portal (no sign-in): a separate, light bundle — no antd, no i18n, no query library —
// so a phone on a slow rural connection shows the first page quickly.

applyLargeText(readLargeText()); // before the first paint, so the page does not jump
if (/^\/portal\/?$/.test(window.location.pathname)) fetchHomesEarly(firstPageQuery(window.location.search));

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing from portal/index.html');

createRoot(container).render(
  <StrictMode>
    <Router base="/portal">
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
  </StrictMode>,
);
