import type { StateCreator } from 'zustand';
import type { AdminRegister, MyOrg } from '@tj/shared';
import { Routes, withQuery } from '../routes';
import { registerAdmin as registerAdminCall } from '../services/admin-codes';
import { fetchMyOrgs } from '../services/orgs';
import type { AppState } from './index';

export interface OrgState {
  /** Orgs where the user holds a position (GET /me/orgs). */
  myOrgs: MyOrg[];
  /** The org the user entered with (§6.5: a cadre of several orgs chooses one at each entry). */
  homeOrgId: string | null;
  /** The org the admin pages are about; pages also carry it in their URL (?orgId=). */
  currentOrgId: string | null;
}

export interface OrgSlice extends OrgState {
  loadMyOrgs: () => Promise<MyOrg[]>;
  /** Enters one of my orgs: it becomes both the home org and the current one. */
  enterOrg: (orgId: string) => void;
  /** Moves within the home org's subtree (an admin's reach covers it, §2). */
  setCurrentOrg: (orgId: string) => void;
  /** §3.4 registers with an admin code; the answer logs the new admin in. */
  registerAdmin: (body: AdminRegister) => Promise<void>;
  clearOrgs: () => void;
  /**
   * Where a logged-in user lands on opening the app: an admin goes to the org home of the
   * org they administer (the one entered last), everyone else to the status page.
   */
  landingUrl: () => Promise<string>;
}

export const initialOrgState: OrgState = { myOrgs: [], homeOrgId: null, currentOrgId: null };

export const createOrgSlice: StateCreator<AppState, [], [], OrgSlice> = (set, get) => ({
  ...initialOrgState,
  loadMyOrgs: async () => {
    const myOrgs = await fetchMyOrgs();
    set({ myOrgs });
    return myOrgs;
  },
  enterOrg: (orgId) => set({ homeOrgId: orgId, currentOrgId: orgId }),
  setCurrentOrg: (orgId) => {
    if (get().currentOrgId !== orgId) set({ currentOrgId: orgId });
  },
  registerAdmin: async (body) => {
    const { accessToken, refreshToken, user } = await registerAdminCall(body);
    set({ accessToken, refreshToken, user, homeOrgId: body.orgId, currentOrgId: body.orgId });
    await get()
      .loadMyOrgs()
      .catch(() => undefined);
  },
  clearOrgs: () => set(initialOrgState),
  landingUrl: async () => {
    try {
      const admin = pickAdminOrg(await get().loadMyOrgs(), get().homeOrgId);
      if (admin) {
        get().enterOrg(admin.id);
        return withQuery(Routes.adminHome, { orgId: admin.id });
      }
    } catch {
      // No org list (offline, expired session): the status page still works.
    }
    return Routes.status;
  },
});

/** The org to open for a user who administers one: the last one entered, else the first. */
export function pickAdminOrg(myOrgs: MyOrg[], preferredId: string | null): MyOrg | null {
  const admin = myOrgs.filter((o) => o.isAdmin);
  return admin.find((o) => o.id === preferredId) ?? admin[0] ?? null;
}

export const selectHomeOrg = (state: AppState): MyOrg | null => state.myOrgs.find((o) => o.id === state.homeOrgId) ?? null;

/**
 * Whether the admin actions show: the user administers the home org, and an admin's reach
 * covers its whole subtree (server org-guard). Before /me/orgs answers, assume yes and
 * let the server decide — it answers 403 to anyone else.
 */
export const selectCanAdminister = (state: AppState): boolean => {
  if (state.myOrgs.length === 0) return true;
  return selectHomeOrg(state)?.isAdmin ?? state.myOrgs.some((o) => o.isAdmin);
};
