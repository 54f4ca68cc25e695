import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../services/api-error';

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Runs the call again (e.g. when the page shows again after a form saved). */
  reload: () => Promise<void>;
  setData: (data: T) => void;
}

/** Runs a service call for a page, keeping its result, its ApiError and a loading flag. */
export function useAsync<T>(run: (() => Promise<T>) | null, deps: unknown[]): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(run !== null);
  const latest = useRef(0);
  const runRef = useRef(run);
  runRef.current = run;

  const reload = useCallback(async () => {
    const call = runRef.current;
    if (!call) return;
    const id = ++latest.current;
    setLoading(true);
    try {
      const value = await call();
      if (id === latest.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (id === latest.current) setError(toApiError(e));
    } finally {
      if (id === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
    // The caller lists what the call depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, error, loading, reload, setData };
}
