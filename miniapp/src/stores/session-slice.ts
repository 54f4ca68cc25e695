import type { StateCreator } from 'zustand';
import type { ChangePassword, Login, SessionUser } from '@tj/shared';
import { changePassword as changePasswordCall } from '../services/account';
import { login as loginCall } from '../services/auth';
import { bindWechat, wechatSilentLogin } from '../services/wechat';
import type { AppState } from './index';

export interface SessionState {
  user: SessionUser | null;
  accessToken: string | null;
  refreshToken: string | null;
  /**
   * A flow a scanned QR started before login (e.g. the cadre entry page with its scene): kept
   * (persisted) through login / registration — however the visitor goes back and forth between
   * them, or restarts the app — and taken by whichever of them succeeds.
   */
  pendingEntry: { url: string; at: number } | null;
}

/** A pending flow older than this was abandoned: a later, unrelated login must not open it. */
export const PENDING_ENTRY_TTL_MS = 60 * 60 * 1000;

export interface SessionSlice extends SessionState {
  /** Rejects with an ApiError (client-side check or the server's answer). */
  login: (input: Login) => Promise<SessionUser>;
  logout: () => void;
  /** 修改密码: the server ends every session and hands this device a new one. */
  changePassword: (input: ChangePassword) => Promise<void>;
  /** weapp: log in with the bound WeChat, if any; resolves whether a session exists now. */
  tryWechatLogin: () => Promise<boolean>;
  setPendingEntry: (url: string | null) => void;
  /** The pending flow's URL (then forgotten), unless none or expired. */
  takePendingEntry: () => string | undefined;
}

export const initialSessionState: SessionState = {
  user: null,
  accessToken: null,
  refreshToken: null,
  pendingEntry: null,
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
  changePassword: async (input) => {
    const { accessToken, refreshToken, user } = await changePasswordCall(input);
    set({ accessToken, refreshToken, user });
  },
  setPendingEntry: (url) => set({ pendingEntry: url ? { url, at: Date.now() } : null }),
  takePendingEntry: () => {
    const pending = get().pendingEntry;
    if (!pending) return undefined;
    set({ pendingEntry: null });
    return Date.now() - pending.at < PENDING_ENTRY_TTL_MS ? pending.url : undefined;
  },
});

export const selectIsLoggedIn = (state: AppState): boolean => state.user !== null && state.accessToken !== null;
