import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '../services/api-error';
import type { OrgSearchItem, OrgSearchPage } from '../services/org-search';

export interface OrgPages {
  /** null: nothing asked yet. */
  items: OrgSearchItem[] | null;
  loading: boolean;
  error: string;
  hasMore: boolean;
  /** Appends the next page. */
  more: () => void;
}

/**
 * Pages of orgs from `load(offset)` (sub-orgs of an org, a subtree's branches), starting
 * over whenever `deps` change; an answer to an older request is dropped.
 */
export function useOrgPages(load: ((offset: number) => Promise<OrgSearchPage>) | null, deps: unknown[]): OrgPages {
  const [items, setItems] = useState<OrgSearchItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const fetchPage = useCallback(async (offset: number, gen: number) => {
    const run = loadRef.current;
    if (!run) return;
    setLoading(true);
    setError('');
    try {
      const page = await run(offset);
      if (gen !== generation.current) return;
      setItems((old) => (offset === 0 || !old ? page.items : [...old, ...page.items]));
      setNext(page.nextOffset);
    } catch (e) {
      if (gen === generation.current) setError(toApiError(e).message);
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const gen = ++generation.current;
    setItems(null);
    setNext(null);
    if (load) void fetchPage(0, gen);
    else setLoading(false);
    // The caller lists what the loader depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return {
    items,
    loading,
    error,
    hasMore: next !== null,
    more: () => {
      if (next !== null && !loading) void fetchPage(next, generation.current);
    },
  };
}
