import { useCallback, useEffect, useState } from 'react';
import { usePrefetched } from './prefetched';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** replaces the loaded value (after a change the server answered with the new one) */
  set(value: T): void;
}

/**
 * Loads once per change of `key`; a newer load or leaving the page aborts the one in flight, so a
 * slow answer never overwrites a newer one. The first load is skipped when the server rendered the
 * page with its answer (prefetched.ts).
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  // the answer the server rendered the page with, when it did
  const prefetched = usePrefetched<T>(key);
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown; loading: boolean }>({
    key,
    data: prefetched.value ?? null,
    error: prefetched.failure ?? null,
    loading: prefetched.value === undefined && prefetched.failure === undefined,
  });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new function each render; `key` names what it loads
  useEffect(() => {
    if (prefetched.used()) return;
    const controller = new AbortController();
    setState((s) => ({ key, data: s.key === key ? s.data : null, error: null, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, data: null, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((data: T) => setState((s) => ({ ...s, data, error: null, loading: false })), []);
  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: !current || state.loading,
    reload,
    set,
  };
}
