import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { setAccessTokenSource } from '../services/http';
import { createOrgSlice, initialOrgState, type OrgSlice } from './org-slice';
import { createSessionSlice, initialSessionState, type SessionSlice } from './session-slice';
import { taroStorage } from './taro-storage';

/** The one app store; later features add their slices here. */
export type AppState = SessionSlice & OrgSlice;

export const STORE_KEY = 'tj-app';

export const useAppStore = create<AppState>()(
  persist(
    (...a) => {
      const session = createSessionSlice(...a);
      const orgs = createOrgSlice(...a);
      return {
        ...session,
        ...orgs,
        // Logging out forgets the orgs too: the next user must not open the last one's.
        logout: () => {
          session.logout();
          orgs.clearOrgs();
        },
      };
    },
    {
      name: STORE_KEY,
      version: 1,
      storage: createJSONStorage(() => taroStorage),
      // Only data survives a restart; actions are rebuilt by the slices. The org ids are
      // left out until set, so a member's stored session looks as it did before orgs.
      partialize: ({ user, accessToken, refreshToken, homeOrgId, currentOrgId }) => ({
        user,
        accessToken,
        refreshToken,
        ...(homeOrgId ? { homeOrgId } : {}),
        ...(currentOrgId ? { currentOrgId } : {}),
      }),
    },
  ),
);

setAccessTokenSource(() => useAppStore.getState().accessToken);

/** Back to a fresh install: initial state, nothing persisted (used between tests). */
export function resetAppStore(): void {
  useAppStore.setState({ ...initialSessionState, ...initialOrgState });
  useAppStore.persist.clearStorage();
}

export { selectIsLoggedIn } from './session-slice';
export { pickAdminOrg, selectCanAdminister, selectHomeOrg } from './org-slice';
