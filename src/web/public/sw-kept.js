// What the light pages' service workers share (portal/sw.js, checkin-sw.js; loaded by each with
// importScripts): keeping built files and API answers on the phone for a weak signal (R34).

/** The built files a page loads (its script, the modules it preloads, its font). */
// biome-ignore lint/correctness/noUnusedVariables: used by the workers that import this file
const filesOf = (html) => [...html.matchAll(/(?:(?:src|href)="|url\()(\/assets\/[^")]+)/g)].map((m) => m[1]);

/** A cache's newest `max` entries (in the order they were put), and those of `keep` always. */
async function keepNewest(cache, max, keep = []) {
  const keys = await cache.keys();
  const excess = keys.length - max;
  for (const old of keys.slice(0, Math.max(0, excess))) {
    if (!keep.includes(new URL(old.url).pathname)) await cache.delete(old);
  }
}

/** Exactly the built files named: the missing ones fetched, older builds' ones dropped. */
// biome-ignore lint/correctness/noUnusedVariables: used by the workers that import this file
async function keepOnlyFiles(cacheName, wanted) {
  const files = await caches.open(cacheName);
  await Promise.all(
    [...wanted].map(async (file) => {
      if (!(await files.match(file))) await files.add(file).catch(() => undefined);
    }),
  );
  for (const request of await files.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await files.delete(request);
  }
}

/** Built files (hashed names that never change): the kept copy first, else the network's, kept. */
// biome-ignore lint/correctness/noUnusedVariables: used by the workers that import this file
async function fromCopyFirst(cacheName, request) {
  const files = await caches.open(cacheName);
  const kept = await files.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) await files.put(request, res.clone());
  return res;
}

/** Answers: the network's (the newest `max` kept), or the last one kept when there is no network. */
// biome-ignore lint/correctness/noUnusedVariables: used by the workers that import this file
async function fromNetworkOrKept(cacheName, request, max) {
  const answers = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) {
      await answers.put(request, res.clone());
      await keepNewest(answers, max);
    }
    return res;
  } catch (error) {
    const kept = await answers.match(request);
    if (kept) return kept;
    throw error;
  }
}

/** On activation: the caches of older versions of this worker (named `<prefix>…`) go. */
// biome-ignore lint/correctness/noUnusedVariables: used by the workers that import this file
function dropOlderCaches(prefix, current) {
  return caches
    .keys()
    .then((names) =>
      Promise.all(
        names.filter((n) => n.startsWith(prefix) && !current.includes(n)).map((n) => caches.delete(n)),
      ),
    )
    .then(() => self.clients.claim());
}
