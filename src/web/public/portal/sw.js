// The portal's service worker (scope /portal/): a weak signal still opens the portal (R34).
// - pages: from the network, the copy kept when it fails (that page, else the finder);
// - built files (/assets/, hashed names that never change): kept, from the copy first;
// - the public API's answers: from the network, the last answer kept when it fails.
// Sending an opinion is not its business: the page keeps an unsent one itself (outbox.ts).

const PAGES = 'portal-pages-v1';
const FILES = 'portal-files-v1';
const ANSWERS = 'portal-answers-v1';
const FINDER = '/portal/';
const MAX_ANSWERS = 100;

/** The built files a portal page loads (its script, the modules it preloads, its font). */
const filesOf = (html) => [...html.matchAll(/(?:(?:src|href)="|url\()(\/assets\/[^")]+)/g)].map((m) => m[1]);

async function keepFinder() {
  const res = await fetch(FINDER, { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await (await caches.open(PAGES)).put(FINDER, res);
  const files = await caches.open(FILES);
  await Promise.all(filesOf(html).map((url) => files.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepFinder().catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  const current = [PAGES, FILES, ANSWERS];
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('portal-') && !current.includes(n)).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** Keeps only the built files the newest finder page names (older builds' files go). */
async function pruneFiles(html) {
  const wanted = new Set(filesOf(html));
  if (wanted.size === 0) return;
  const files = await caches.open(FILES);
  for (const request of await files.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await files.delete(request);
  }
}

async function page(request) {
  const pages = await caches.open(PAGES);
  try {
    const res = await fetch(request);
    if (res.ok) {
      const url = new URL(request.url);
      await pages.put(request, res.clone());
      if (url.pathname === FINDER && !url.search) {
        const html = await res.clone().text();
        pruneFiles(html).catch(() => undefined);
      }
    }
    return res;
  } catch (error) {
    const kept = (await pages.match(request)) ?? (await pages.match(FINDER));
    if (kept) return kept;
    throw error;
  }
}

async function file(request) {
  const files = await caches.open(FILES);
  const kept = await files.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) await files.put(request, res.clone());
  return res;
}

async function answer(request) {
  const answers = await caches.open(ANSWERS);
  try {
    const res = await fetch(request);
    if (res.ok) {
      await answers.put(request, res.clone());
      const keys = await answers.keys();
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ANSWERS))) await answers.delete(old);
    }
    return res;
  } catch (error) {
    const kept = await answers.match(request);
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
  else if (url.pathname.startsWith('/assets/')) event.respondWith(file(request));
  else if (url.pathname.startsWith('/api/v1/public/')) event.respondWith(answer(request));
});
