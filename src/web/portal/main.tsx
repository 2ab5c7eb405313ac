import './portal.css';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { readPrefetched } from '../light/prefetched';
import { PortalApp } from './App';
import { fetchHomesEarly, homesKey } from './api';
import { applyLargeText, readLargeText } from './layout';
import { firstPageQuery } from './pages/FinderPage';

// The public portal (no sign-in): a separate, light bundle — no antd, no i18n, no query library —
// so a phone on a slow rural connection shows the first page quickly. The server sends the first
// screen already rendered (src/server/plugins/portal-page.tsx); this script takes it over.

applyLargeText(readLargeText()); // before the first paint, so the page does not jump
const prefetched = readPrefetched();
if (/^\/portal\/?$/.test(window.location.pathname)) {
  const query = firstPageQuery(window.location.search);
  if (!prefetched.has(homesKey(query))) fetchHomesEarly(query);
}

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing from portal/index.html');

const app = <PortalApp prefetched={prefetched} />;
if (container.hasChildNodes()) hydrateRoot(container, app);
else createRoot(container).render(app);

// a weak signal still opens the portal: pages, files and answers kept on the phone (public/portal/sw.js)
if ('serviceWorker' in navigator && window.isSecureContext)
  navigator.serviceWorker.register('/portal/sw.js', { scope: '/portal/' }).catch(() => undefined);
