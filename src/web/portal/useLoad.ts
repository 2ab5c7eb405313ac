import { useCallback, useEffect, useState } from 'react';

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
 * slow answer never overwrites a newer one.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown; loading: boolean }>({
    key,
    data: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new function each render; `key` names what it loads
  useEffect(() => {
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
