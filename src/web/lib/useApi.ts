// Loads a GET resource into component state; reloads when the path or query changes.
import { useCallback, useEffect, useState } from 'react';
import { get, type RequestOptions, withQuery } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null, query?: RequestOptions['query']): Loaded<T> {
  const key = path ? withQuery(path, query) : null;
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: !!key,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key captures path and query; tick reloads
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    get<T>(key, undefined, ctl.signal)
      .then((data) => setState({ data, error: null, loading: false }))
      .catch((error) => {
        if (!ctl.signal.aborted) setState({ data: null, error, loading: false });
      });
    return () => ctl.abort();
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
