/** What the browser benches (portal.ts, phone.ts) note inside the page and how they sum it up. */

declare global {
  interface Window {
    __seenAt?: number;
  }
}

/**
 * Run in the page before its own scripts (`page.addInitScript(watchFor, selector)`): notes in
 * `window.__seenAt` when the element first enters the DOM (ms since navigation start), whether the
 * server sent it in the page or a script added it.
 */
export function watchFor(selector: string) {
  const seen = () => {
    if (window.__seenAt === undefined && document.querySelector(selector))
      window.__seenAt = performance.now();
  };
  // new elements, and the mark a light page sets when its script has taken it over
  new MutationObserver(seen).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-phone-ready', 'data-portal-ready'],
  });
  document.addEventListener('DOMContentLoaded', seen);
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
