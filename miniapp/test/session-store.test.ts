import Taro from '@tarojs/taro';
import { ErrorMessages } from '@tj/shared';
import { ApiError } from '../src/services/api-error';
import { http } from '../src/services/http';
import { STORE_KEY, resetAppStore, selectIsLoggedIn, useAppStore } from '../src/stores';

const request = Taro.request as jest.Mock;

const tokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  user: { id: 'u1', phone: '13800000000', name: '张三' },
};

const answer = (statusCode: number, data: unknown) => request.mockResolvedValueOnce({ statusCode, header: {}, data });

describe('session store', () => {
  it('starts logged out', () => {
    const state = useAppStore.getState();
    expect(state.user).toBeNull();
    expect(state.accessToken).toBeNull();
    expect(selectIsLoggedIn(state)).toBe(false);
  });

  it('logs in, keeps user and tokens, and persists them in Taro storage', async () => {
    answer(200, tokens);
    const user = await useAppStore.getState().login({ phone: '13800000000', password: 'secret1' });

    expect(user).toEqual(tokens.user);
    const state = useAppStore.getState();
    expect(selectIsLoggedIn(state)).toBe(true);
    expect(state.refreshToken).toBe('refresh-1');
    const persisted = JSON.parse(Taro.getStorageSync<string>(STORE_KEY));
    expect(persisted.state).toEqual({
      user: tokens.user,
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    });
  });

  it('restores the session from storage on start', async () => {
    Taro.setStorageSync(STORE_KEY, JSON.stringify({ version: 1, state: { user: tokens.user, accessToken: 'a', refreshToken: 'r' } }));
    await useAppStore.persist.rehydrate();
    expect(useAppStore.getState().user?.name).toBe('张三');
    expect(typeof useAppStore.getState().logout).toBe('function');
  });

  it('rejects with the server error and stays logged out', async () => {
    answer(401, { code: 'INVALID_CREDENTIALS', message: ErrorMessages.INVALID_CREDENTIALS });
    const attempt = useAppStore.getState().login({ phone: '13800000000', password: 'nope12' });

    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    expect(selectIsLoggedIn(useAppStore.getState())).toBe(false);
  });

  it('rejects a malformed phone before any request, as the server would', async () => {
    await expect(useAppStore.getState().login({ phone: '12345', password: 'secret1' })).rejects.toMatchObject({ code: 'MOBILE_INVALID', field: 'phone' });
    expect(request).not.toHaveBeenCalled();
  });

  it('sends the access token on later calls, and stops after logout', async () => {
    answer(200, tokens);
    await useAppStore.getState().login({ phone: '13800000000', password: 'secret1' });

    answer(200, { status: 'ok', db: 'up' });
    await http.get('/health');
    expect(request.mock.calls[1][0].header.Authorization).toBe('Bearer access-1');

    useAppStore.getState().logout();
    expect(useAppStore.getState().user).toBeNull();
    answer(200, { status: 'ok', db: 'up' });
    await http.get('/health');
    expect(request.mock.calls[2][0].header.Authorization).toBeUndefined();
  });

  it('reset returns to a fresh install', async () => {
    answer(200, tokens);
    await useAppStore.getState().login({ phone: '13800000000', password: 'secret1' });
    resetAppStore();
    expect(useAppStore.getState().user).toBeNull();
    expect(Taro.getStorageSync(STORE_KEY)).toBe('');
  });
});
