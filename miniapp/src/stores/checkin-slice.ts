import type { StateCreator } from 'zustand';
import type { CertStep } from '@tj/shared';
import { fetchMyCheckin, saveCheckinStep, submitCheckin as submitCall, withdrawCheckin as withdrawCall, type MyCheckin } from '../services/checkin';
import type { ChosenBranch } from '../services/org-search';
import { loginWithSms as loginWithSmsCall, registerAccount } from '../services/register';
import type { AppState } from './index';

export interface CheckinState {
  /**
   * The branch picked by a QR or the search, before step 1 saves it (§4.1: chosen before
   * login, so it survives the login / register pages and an app restart).
   */
  chosenBranch: ChosenBranch | null;
  /** The member's check-in as last read (GET /me/checkin); not persisted. */
  checkin: MyCheckin | null;
}

export interface CheckinSlice extends CheckinState {
  chooseBranch: (branch: ChosenBranch) => void;
  clearChosenBranch: () => void;
  loadCheckin: () => Promise<MyCheckin>;
  /** Saves one step; a saved identity step takes over the chosen branch. */
  saveStep: (step: CertStep, body: Record<string, unknown>) => Promise<MyCheckin>;
  submitCheckin: () => Promise<MyCheckin>;
  withdrawCheckin: (reason?: string) => Promise<MyCheckin>;
  /** §4.1 registration logs the new account in. */
  register: (body: unknown) => Promise<void>;
  loginWithSms: (body: unknown) => Promise<void>;
  clearCheckin: () => void;
}

export const initialCheckinState: CheckinState = { chosenBranch: null, checkin: null };

export const createCheckinSlice: StateCreator<AppState, [], [], CheckinSlice> = (set) => ({
  ...initialCheckinState,
  chooseBranch: (branch) => set({ chosenBranch: branch }),
  clearChosenBranch: () => set({ chosenBranch: null }),
  loadCheckin: async () => {
    const checkin = await fetchMyCheckin();
    set({ checkin });
    return checkin;
  },
  saveStep: async (step, body) => {
    const checkin = await saveCheckinStep(step, body);
    set(step === 'identity' ? { checkin, chosenBranch: null } : { checkin });
    return checkin;
  },
  submitCheckin: async () => {
    const checkin = await submitCall();
    set({ checkin });
    return checkin;
  },
  withdrawCheckin: async (reason) => {
    const checkin = await withdrawCall(reason);
    set({ checkin });
    return checkin;
  },
  register: async (body) => {
    const { accessToken, refreshToken, user } = await registerAccount(body);
    set({ accessToken, refreshToken, user, checkin: null });
  },
  loginWithSms: async (body) => {
    const { accessToken, refreshToken, user } = await loginWithSmsCall(body);
    set({ accessToken, refreshToken, user, checkin: null });
  },
  clearCheckin: () => set(initialCheckinState),
});
