import type { StateCreator } from 'zustand';
import type { CadreDashboard } from '@tj/shared';
import { fetchDashboard } from '../services/cadre';
import type { AppState } from './index';

export interface CadreState {
  /** §6.5 the orgs the cadre entered, the last used first (the chooser's order); persisted. */
  recentOrgIds: string[];
  /**
   * Data of the current org kept between cadre pages (the dashboard). It names its org, and
   * a switch drops it, so no screen can show the previous org's numbers.
   */
  cadreCache: { orgId: string; dashboard: CadreDashboard } | null;
}

export interface CadreSlice extends CadreState {
  /** §6.5 enters (or switches to) an org: current + home org, first in the recent list. */
  switchCadreOrg: (orgId: string) => void;
  /** The current org's dashboard, from the cache unless `fresh`; always by the org's id. */
  loadDashboard: (orgId: string, fresh?: boolean) => Promise<CadreDashboard>;
  clearCadre: () => void;
}

export const initialCadreState: CadreState = { recentOrgIds: [], cadreCache: null };

const RECENT_MAX = 20;

export const createCadreSlice: StateCreator<AppState, [], [], CadreSlice> = (set, get) => ({
  ...initialCadreState,
  switchCadreOrg: (orgId) => {
    const { currentOrgId, cadreCache, recentOrgIds } = get();
    set({
      homeOrgId: orgId,
      currentOrgId: orgId,
      recentOrgIds: [orgId, ...recentOrgIds.filter((id) => id !== orgId)].slice(0, RECENT_MAX),
      cadreCache: currentOrgId === orgId && cadreCache?.orgId === orgId ? cadreCache : null,
    });
  },
  loadDashboard: async (orgId, fresh = false) => {
    const cached = get().cadreCache;
    if (!fresh && cached?.orgId === orgId) return cached.dashboard;
    const dashboard = await fetchDashboard(orgId);
    // A switch while the call ran: keep the answer out of the new org's cache.
    if (get().currentOrgId === orgId || get().currentOrgId === null) set({ cadreCache: { orgId, dashboard } });
    return dashboard;
  },
  clearCadre: () => set(initialCadreState),
});

/** §6.5 the chooser's order: the last used first, then the rest as the server lists them. */
export function orderByRecent<T extends { id: string }>(orgs: T[], recentOrgIds: string[]): T[] {
  const rank = (id: string) => {
    const i = recentOrgIds.indexOf(id);
    return i < 0 ? recentOrgIds.length : i;
  };
  return orgs
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o.id) - rank(b.o.id) || a.i - b.i)
    .map(({ o }) => o);
}
