import Taro from '@tarojs/taro';
import { http } from '../src/services/http';
import { resetAppStore, useAppStore } from '../src/stores';

const request = Taro.request as jest.Mock;
const expired = { statusCode: 401, header: {}, data: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } };
const user = { id: '1', phone: '13800000001', name: '张小青' };

describe('http: refreshing an expired access token', () => {
  beforeEach(() => {
    resetAppStore();
    request.mockReset();
    useAppStore.setState({ user, accessToken: 'old-access', refreshToken: 'refresh-1' });
  });

  it('trades the refresh token once for requests that expired together, then replays them', async () => {
    request.mockImplementation(async (opts: { url: string; header: Record<string, string>; data?: string }) => {
      if (opts.url.endsWith('/auth/refresh')) {
        expect(JSON.parse(opts.data!)).toEqual({ refreshToken: 'refresh-1' });
        return { statusCode: 200, header: {}, data: { accessToken: 'new-access', refreshToken: 'refresh-2', user } };
      }
      return opts.header.Authorization === 'Bearer new-access' ? { statusCode: 200, header: {}, data: { url: opts.url } } : expired;
    });
    const [a, b] = await Promise.all([http.get('/a'), http.get('/b')]);
    expect([a.data, b.data]).toEqual([{ url: expect.stringContaining('/a') }, { url: expect.stringContaining('/b') }]);
    expect(request.mock.calls.filter(([o]) => o.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(useAppStore.getState()).toMatchObject({ accessToken: 'new-access', refreshToken: 'refresh-2' });
  });

  it('ends the session when the refresh token is refused', async () => {
    request.mockImplementation(async (opts: { url: string }) =>
      opts.url.endsWith('/auth/refresh') ? { statusCode: 401, header: {}, data: { code: 'TOKEN_EXPIRED', message: 'x' } } : expired,
    );
    await expect(http.get('/a')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(useAppStore.getState()).toMatchObject({ user: null, accessToken: null, refreshToken: null });
  });
});
