import { createContext, useContext, useRef } from 'react';
import { RequestError } from './request';

/**
 * Answers of the API the server already put into a light page, keyed as the pages load them (the
 * portal's `homes:<first-page query>`, `home:<id>`; the phone pages' `checkin:<code>`): the server
 * renders the first screen with them (src/server/plugins/light-page.ts), and the browser's first
 * render uses the same ones, so the page it takes over is the page one is already reading, without
 * asking again.
 */
export type Prefetched = Map<string, unknown>;

export const PREFETCHED_ELEMENT_ID = 'page-data';

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
export function usePrefetched<T>(key: string): {
  value: T | undefined;
  /** the server's refusal the page was rendered with (a home that is not there) */
  failure: RequestError | undefined;
  used(): boolean;
} {
  const prefetched = useContext(PrefetchedContext);
  const raw = prefetched.get(key);
  const failure = isFailure(raw)
    ? new RequestError(raw.$failure.status, raw.$failure.code, raw.$failure.message, raw.$failure.fields)
    : undefined;
  const value = failure ? undefined : (raw as T | undefined);
  const first = useRef(raw === undefined ? null : key);
  return {
    value,
    failure,
    used() {
      const was = first.current === key;
      first.current = null;
      if (was) prefetched.delete(key);
      return was;
    },
  };
}

/** A refusal of the API as the page carries it (a 404: the visitor asked for what is not there). */
export interface PrefetchedFailure {
  $failure: { status: number; code: string; message: string; fields?: Record<string, string> };
}

const isFailure = (value: unknown): value is PrefetchedFailure =>
  typeof value === 'object' && value !== null && '$failure' in value;
