// The check-in pages' service worker (scope /checkin): a member whose phone has lost the signal
// still opens a check-in page (R34), and the page keeps the check-in to send later (phone/checkins.ts).
// - pages: from the network; without it, the bare phone page kept here, which the script draws as
//   the address's page (the server's rendering names the member: it is not kept);
// - built files (/assets/, hashed names that never change): kept, from the copy first;
// - an activity's check-in answer (GET /api/v1/checkin/…): from the network, the last one kept
//   when it fails, so the page can still name the activity.

importScripts('/sw-kept.js');

const PAGES = 'checkin-pages-v1';
const FILES = 'checkin-files-v1';
const ANSWERS = 'checkin-answers-v1';
const BARE = '/phone/index.html';
const MAX_ANSWERS = 20;

// a page came from the network: the build may be new; looked at once an hour at most, not on every
// page, whose own files come first on a weak signal
const BUILD_CHECK_MS = 3600_000;
let buildCheckedAt = 0;

/** The bare page of the build now served, and only the files it names (older builds' go). */
async function keepBuild() {
  const res = await fetch(BARE, { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await (await caches.open(PAGES)).put(BARE, res);
  await keepOnlyFiles(FILES, new Set(filesOf(html)));
}

self.addEventListener('install', (event) => {
  buildCheckedAt = Date.now();
  event.waitUntil(keepBuild().catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOlderCaches('checkin-', [PAGES, FILES, ANSWERS]));
});

async function page(request) {
  try {
    const res = await fetch(request);
    if (Date.now() - buildCheckedAt > BUILD_CHECK_MS) {
      buildCheckedAt = Date.now();
      keepBuild().catch(() => undefined);
    }
    return res;
  } catch (error) {
    const kept = await (await caches.open(PAGES)).match(BARE);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && /^\/checkin(\/|$)/.test(url.pathname)) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(fromCopyFirst(FILES, request));
  else if (url.pathname.startsWith('/api/v1/checkin/'))
    event.respondWith(fromNetworkOrKept(ANSWERS, request, MAX_ANSWERS));
});
