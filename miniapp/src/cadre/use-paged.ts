import { useCallback, useEffect, useRef, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { toApiError, type ApiError } from '../services/api-error';
import type { Page } from '../services/cadre';

export interface Paged<T> {
  items: T[];
  loading: boolean;
  error: ApiError | null;
  done: boolean;
  loadMore: () => void;
}

/**
 * A keyset-paginated list (cursor → nextCursor): the first page when `key` changes (a new
 * query or org — the old items go at once), the next when the page reaches its bottom.
 */
export function usePaged<T>(fetchPage: ((cursor: string | null) => Promise<Page<T>>) | null, key: string): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const busy = useRef(false);

  const load = useCallback(async (from: string | null, gen: number) => {
    const fetch = fetchRef.current;
    if (!fetch) return;
    busy.current = true;
    setLoading(true);
    try {
      const page = await fetch(from);
      if (gen !== generation.current) return;
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setDone(page.nextCursor === null);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(toApiError(e));
    } finally {
      if (gen === generation.current) {
        busy.current = false;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    const gen = ++generation.current;
    setItems([]);
    setCursor(null);
    setDone(false);
    void load(null, gen);
  }, [key, load]);

  const loadMore = useCallback(() => {
    if (busy.current || done || !cursor) return;
    void load(cursor, generation.current);
  }, [cursor, done, load]);

  useReachBottom(loadMore);

  return { items, loading, error, done, loadMore };
}
