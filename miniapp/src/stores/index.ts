import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { setAccessTokenSource, setSessionRefresher } from '../services/http';
import { createCadreSlice, initialCadreState, type CadreSlice } from './cadre-slice';
import { createCheckinSlice, initialCheckinState, type CheckinSlice } from './checkin-slice';
import { createOrgSlice, initialOrgState, type OrgSlice } from './org-slice';
import { createSessionSlice, initialSessionState, type SessionSlice } from './session-slice';
import { taroStorage } from './taro-storage';

/** The one app store; later features add their slices here. */
export type AppState = SessionSlice & OrgSlice & CheckinSlice & CadreSlice;

export const STORE_KEY = 'tj-app';

export const useAppStore = create<AppState>()(
  persist(
    (...a) => {
      const session = createSessionSlice(...a);
      const orgs = createOrgSlice(...a);
      const checkin = createCheckinSlice(...a);
      const cadre = createCadreSlice(...a);
      return {
        ...session,
        ...orgs,
        ...checkin,
        ...cadre,
        // Logging out forgets the orgs too: the next user must not open the last one's.
        logout: () => {
          session.logout();
          orgs.clearOrgs();
          checkin.clearCheckin();
          cadre.clearCadre();
        },
      };
    },
    {
      name: STORE_KEY,
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      // Only data survives a restart; actions are rebuilt by the slices. The org ids are
      // left out until set, so a member's stored session looks as it did before orgs.
      partialize: ({ user, accessToken, refreshToken, homeOrgId, currentOrgId, chosenBranch, recentOrgIds, pendingEntry }) => ({
        user,
        accessToken,
        refreshToken,
        ...(homeOrgId ? { homeOrgId } : {}),
        ...(currentOrgId ? { currentOrgId } : {}),
        ...(chosenBranch ? { chosenBranch } : {}),
        ...(recentOrgIds.length ? { recentOrgIds } : {}),
        ...(pendingEntry ? { pendingEntry } : {}),
      }),
    },
  ),
);

setAccessTokenSource(() => useAppStore.getState().accessToken);
setSessionRefresher({
  refreshToken: () => useAppStore.getState().refreshToken,
  save: (tokens) => useAppStore.setState(tokens),
  expire: () => useAppStore.getState().logout(),
});

/** Back to a fresh install: initial state, nothing persisted (used between tests). */
export function resetAppStore(): void {
  useAppStore.setState({ ...initialSessionState, ...initialOrgState, ...initialCheckinState, ...initialCadreState });
  useAppStore.persist.clearStorage();
}

export { selectIsLoggedIn } from './session-slice';
export { pickAdminOrg, selectCanAdminister, selectHomeOrg } from './org-slice';
export { orderByRecent } from './cadre-slice';
