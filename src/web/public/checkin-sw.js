// The members' phone pages' service worker, registered for the check-in pages (scope /checkin) and
// for the member's own pages (scope /my/: record, homes): a member whose phone has lost the signal
// still opens them (R34), and the check-in page keeps the check-in to send later (phone/checkins.ts).
// - pages: from the network; without it, the bare phone page kept here, which the script draws as
//   the address's page (the server's rendering names the member: it is not kept);
// - built files (/assets/, hashed names that never change): kept, from the copy first;
// - answers (an activity's check-in answer, the session, the member's record and homes, the pages'
//   Mongolian words): from the
//   network, the last one kept when it fails, so the page can still show them. Signing out, or a
//   session found gone, drops them (phone/kept.ts).

importScripts('/sw-kept.js');

const PAGES = 'checkin-pages-v1';
const FILES = 'checkin-files-v1';
const ANSWERS = 'checkin-answers-v1';
const BARE = '/phone/index.html';
const MAX_ANSWERS = 30;
// the pages this worker opens without a signal, and the answers it keeps for them
const PAGES_SERVED = /^\/(checkin(\/|$)|my\/)/;
const ANSWERS_KEPT = [
  /^\/api\/v1\/checkin\//,
  /^\/api\/v1\/auth\/me$/,
  /^\/api\/v1\/members\/[^/]+\/duty-record$/,
  /^\/api\/v1\/homes\?memberId=/,
  /^\/api\/v1\/translations\/mn\?area=phone$/,
];

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
  if (request.mode === 'navigate' && PAGES_SERVED.test(url.pathname)) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(fromCopyFirst(FILES, request));
  else if (ANSWERS_KEPT.some((kept) => kept.test(url.pathname + url.search)))
    event.respondWith(fromNetworkOrKept(ANSWERS, request, MAX_ANSWERS));
});
