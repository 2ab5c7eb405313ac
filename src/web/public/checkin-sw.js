// The check-in pages' service worker (scope /checkin): a member whose phone has lost the signal
// still opens a check-in page (R34), and the page keeps the check-in to send later (phone/checkins.ts).
// - pages: from the network; without it, the bare phone page kept here, which the script draws as
//   the address's page (the server's rendering names the member: it is not kept);
// - built files (/assets/, hashed names that never change): kept, from the copy first;
// - an activity's check-in answer (GET /api/v1/checkin/…): from the network, the last one kept
//   when it fails, so the page can still name the activity.

const PAGES = 'checkin-pages-v1';
const FILES = 'checkin-files-v1';
const ANSWERS = 'checkin-answers-v1';
const BARE = '/phone/index.html';
const MAX_ANSWERS = 20;

/** The built files a page loads (its script, the modules it preloads). */
const filesOf = (html) => [...html.matchAll(/(?:(?:src|href)="|url\()(\/assets\/[^")]+)/g)].map((m) => m[1]);

/** The bare page of the build now served, and only the files it names (older builds' go). */
async function keepBuild() {
  const res = await fetch(BARE, { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await (await caches.open(PAGES)).put(BARE, res);
  const wanted = new Set(filesOf(html));
  const files = await caches.open(FILES);
  await Promise.all(
    [...wanted].map(async (file) => {
      if (!(await files.match(file))) await files.add(file).catch(() => undefined);
    }),
  );
  for (const request of await files.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await files.delete(request);
  }
}

self.addEventListener('install', (event) => {
  buildCheckedAt = Date.now();
  event.waitUntil(keepBuild().catch(() => undefined));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  const current = [PAGES, FILES, ANSWERS];
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('checkin-') && !current.includes(n)).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// a page came from the network: the build may be new; looked at once an hour at most, not on every
// page, whose own files come first on a weak signal
const BUILD_CHECK_MS = 3600_000;
let buildCheckedAt = 0;

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
  if (request.mode === 'navigate' && /^\/checkin(\/|$)/.test(url.pathname)) event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(file(request));
  else if (url.pathname.startsWith('/api/v1/checkin/')) event.respondWith(answer(request));
});
