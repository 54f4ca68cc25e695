import type { StateCreator } from 'zustand';
import type { Login, SessionUser } from '@tj/shared';
import { login as loginCall } from '../services/auth';
import type { AppState } from './index';

export interface SessionState {
  user: SessionUser | null;
  accessToken: string | null;
  refreshToken: string | null;
}

export interface SessionSlice extends SessionState {
  /** Rejects with an ApiError (client-side check or the server's answer). */
  login: (input: Login) => Promise<SessionUser>;
  logout: () => void;
}

export const initialSessionState: SessionState = {
  user: null,
  accessToken: null,
  refreshToken: null,
};

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  ...initialSessionState,
  login: async (input) => {
    const { accessToken, refreshToken, user } = await loginCall(input);
    set({ accessToken, refreshToken, user });
    return user;
  },
  logout: () => set(initialSessionState),
});

export const selectIsLoggedIn = (state: AppState): boolean =>
  state.user !== null && state.accessToken !== null;
