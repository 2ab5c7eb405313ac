import { createContext, useContext, useRef } from 'react';

/**
 * Answers of the public API the server already put into the page, keyed as the pages load them
 * (`homes:<first-page query>`, `home:<id>`): the server renders the first screen with them
 * (src/server/plugins/portal-page.tsx), and the browser's first render uses the same ones, so the
 * page it takes over is the page the citizen is already reading, without asking again.
 */
export type Prefetched = Map<string, unknown>;

export const PREFETCHED_ELEMENT_ID = 'portal-data';

export const PrefetchedContext = createContext<Prefetched>(new Map());

/** The answers the server put into the page (none when it served the bare page). */
export function readPrefetched(): Prefetched {
  const element = document.getElementById(PREFETCHED_ELEMENT_ID);
  if (!element?.textContent) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(element.textContent) as Record<string, unknown>));
  } catch {
    return new Map();
  }
}

/**
 * The answer the server rendered for `key`, for the page's first render, and `used()` for its first
 * effect: true once, when the answer was there (no need to load it), and forgotten then, so a later
 * load of the same key (a retry, coming back to the page) asks the server.
 */
export function usePrefetched<T>(key: string): { value: T | undefined; used(): boolean } {
  const prefetched = useContext(PrefetchedContext);
  const value = prefetched.get(key) as T | undefined;
  const first = useRef(value === undefined ? null : key);
  return {
    value,
    used() {
      const was = first.current === key;
      first.current = null;
      if (was) prefetched.delete(key);
      return was;
    },
  };
}

/** The key of the finder's first page for a query (FinderPage, the server's render). */
export const homesKey = (query: object) => `homes:${JSON.stringify(query)}`;
export const homeKey = (id: string) => `home:${id}`;
