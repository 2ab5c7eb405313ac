import { API_BASE } from '../light/request';

/**
 * Where the phone pages' service worker keeps API answers for a weak signal (public/checkin-sw.js:
 * `ANSWERS`): the activities of check-in codes, and the signed-in member's session, record and homes.
 */
export const ANSWERS_CACHE = 'checkin-answers-v1';

/**
 * An answer the server rendered a page with, kept where the worker keeps those it fetched, so that
 * the page opened again without a signal still shows it (`path` under /api/v1, as the page asks).
 */
export function keepAnswer(path: string, answer: unknown): void {
  if (!('caches' in window)) return;
  const kept = new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  caches
    .open(ANSWERS_CACHE)
    .then((cache) => cache.put(`${API_BASE}${path}`, kept))
    .catch(() => undefined);
}

/** Signed out, or the session gone: what the phone kept of the account goes with it. */
export function dropKeptAnswers(): void {
  if ('caches' in window) caches.delete(ANSWERS_CACHE).catch(() => undefined);
}
