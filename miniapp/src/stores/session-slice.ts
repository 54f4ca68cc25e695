import type { StateCreator } from 'zustand';
import type { Login, SessionUser } from '@tj/shared';
import { login as loginCall } from '../services/auth';
import { bindWechat, wechatSilentLogin } from '../services/wechat';
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
  /** weapp: log in with the bound WeChat, if any; resolves whether a session exists now. */
  tryWechatLogin: () => Promise<boolean>;
}

export const initialSessionState: SessionState = {
  user: null,
  accessToken: null,
  refreshToken: null,
};

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => ({
  ...initialSessionState,
  login: async (input) => {
    const { accessToken, refreshToken, user } = await loginCall(input);
    set({ accessToken, refreshToken, user });
    // Binding is a convenience: a failure must not undo the login.
    bindWechat().catch(() => undefined);
    return user;
  },
  tryWechatLogin: async () => {
    if (get().accessToken) return true;
    const session = await wechatSilentLogin().catch(() => null);
    if (!session) return false;
    set({ accessToken: session.accessToken, refreshToken: session.refreshToken, user: session.user });
    return true;
  },
  logout: () => set(initialSessionState),
});

export const selectIsLoggedIn = (state: AppState): boolean =>
  state.user !== null && state.accessToken !== null;
