import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Changes to the page URL's query: a value sets a parameter, undefined or '' removes it. */
export type ParamChanges = Record<string, string | undefined>;

/** A copy of `prev` with `changes` applied. */
export function withParams(prev: URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

/** Sets or removes some query parameters of the page URL, replacing the history entry. */
export function useSetParams(): (changes: ParamChanges) => void {
  const [, setSearchParams] = useSearchParams();
  return useCallback(
    (changes: ParamChanges) => setSearchParams((prev) => withParams(prev, changes), { replace: true }),
    [setSearchParams],
  );
}
