import '../portal/portal.css';
import './phone.css';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { readPrefetched } from '../light/prefetched';
import { PhoneApp } from './App';
import { queuedCheckins, sendQueued } from './checkins';

// The members' phone pages (sign-in, check-in, record, homes): a light bundle of their own like the
// portal's — no antd, no i18n, no query library — whose first screen the server sends already
// rendered (src/server/plugins/phone-page.tsx); this script takes it over.

const container = document.getElementById('root');
if (!container) throw new Error('#root element missing from phone/index.html');

const app = <PhoneApp prefetched={readPrefetched()} />;
if (container.hasChildNodes()) hydrateRoot(container, app);
else createRoot(container).render(app);

// check-ins made without a signal go as soon as there is one (checkins.ts)
const sendKept = () => {
  if (queuedCheckins().length) void sendQueued();
};
window.addEventListener('online', sendKept);
sendKept();

// a weak signal still opens the check-in pages and the member's own: the page and its files kept
// on the phone (one worker, for both scopes)
if ('serviceWorker' in navigator && window.isSecureContext)
  for (const scope of ['/checkin', '/my/'])
    navigator.serviceWorker.register('/checkin-sw.js', { scope }).catch(() => undefined);
