import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { setAccessTokenSource } from '../services/http';
import { createSessionSlice, initialSessionState, type SessionSlice } from './session-slice';
import { taroStorage } from './taro-storage';

/** The one app store; later features add their slices here. */
export type AppState = SessionSlice;

export const STORE_KEY = 'tj-app';

export const useAppStore = create<AppState>()(
  persist((...a) => ({ ...createSessionSlice(...a) }), {
    name: STORE_KEY,
    version: 1,
    storage: createJSONStorage(() => taroStorage),
    // Only data survives a restart; actions are rebuilt by the slices.
    partialize: ({ user, accessToken, refreshToken }) => ({ user, accessToken, refreshToken }),
  }),
);

setAccessTokenSource(() => useAppStore.getState().accessToken);

/** Back to a fresh install: initial state, nothing persisted (used between tests). */
export function resetAppStore(): void {
  useAppStore.setState({ ...initialSessionState });
  useAppStore.persist.clearStorage();
}

export { selectIsLoggedIn } from './session-slice';
