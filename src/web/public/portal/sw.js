// The portal's service worker (scope /portal/): a weak signal still opens the portal (R34).
// - pages: from the network, the copy kept when it fails (that page, else the finder);
// - built files (/assets/, hashed names that never change): kept, from the copy first;
// - the public API's answers: from the network, the last answer kept when it fails.
// Sending an opinion is not its business: the page keeps an unsent one itself (outbox.ts).

importScripts('/sw-kept.js');

const PAGES = 'portal-pages-v1';
const FILES = 'portal-files-v1';
const ANSWERS = 'portal-answers-v1';
const FINDER = '/portal/';
// the built page with an empty root: the script draws whichever page its address names
const BARE = '/portal/index.html';
const MAX_ANSWERS = 100;
const MAX_PAGES = 50;

async function keepPages() {
  const pages = await caches.open(PAGES);
  const files = await caches.open(FILES);
  for (const url of [FINDER, BARE]) {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) continue;
    const html = await res.clone().text();
    await pages.put(url, res);
    await Promise.all(filesOf(html).map((file) => files.add(file).catch(() => undefined)));
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepPages().catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOlderCaches('portal-', [PAGES, FILES, ANSWERS]));
});

/**
 * After a fresh finder page: the bare page of the same build kept too, and only the built files the
 * two name (older builds' files go).
 */
async function refreshBuild(finderHtml) {
  const res = await fetch(BARE, { cache: 'no-store' });
  if (!res.ok) return;
  const bareHtml = await res.clone().text();
  await (await caches.open(PAGES)).put(BARE, res);
  await keepOnlyFiles(FILES, new Set([...filesOf(finderHtml), ...filesOf(bareHtml)]));
}

async function page(request) {
  const pages = await caches.open(PAGES);
  try {
    const res = await fetch(request);
    if (res.ok) {
      const url = new URL(request.url);
      await pages.put(request, res.clone());
      await keepNewest(pages, MAX_PAGES, [FINDER, BARE]);
      if (url.pathname === FINDER && !url.search) {
        const html = await res.clone().text();
        refreshBuild(html).catch(() => undefined);
      }
    }
    return res;
  } catch (error) {
    // that page as it was kept; else the bare page, which the script draws as this address's page
    // (the finder's server-rendered copy would not match it)
    const kept = (await pages.match(request)) ?? (await pages.match(BARE)) ?? (await pages.match(FINDER));
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && /^\/portal(\/|$)/.test(url.pathname)) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(fromCopyFirst(FILES, request));
  else if (url.pathname.startsWith('/api/v1/public/'))
    event.respondWith(fromNetworkOrKept(ANSWERS, request, MAX_ANSWERS));
});
