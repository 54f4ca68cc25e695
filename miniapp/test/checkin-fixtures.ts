import Taro from '@tarojs/taro';
import { idCheckChar, type MyCheckin } from '@tj/shared';
import { useAppStore } from '../src/stores';
import { withDefault } from './mock-defaults';

/** Shared by the checkin-/member-/cadre-*.test.tsx files: canned server answers. */
export const request = Taro.request as jest.Mock;

Object.assign(Taro, {
  navigateBack: withDefault(() => Promise.resolve()),
  getCurrentPages: withDefault(() => [{}]),
});

/** A mainland ID with a valid checksum (GB 11643) for a birth date. */
export const idFor = (birth: string, seq = '123') => {
  const first17 = `440106${birth.replace(/-/g, '')}${seq}`;
  return first17 + idCheckChar(first17);
};

export const logIn = () => useAppStore.setState({ user: { id: 'u1', phone: '13900000001', name: null }, accessToken: 'token-1', refreshToken: 'r' });

type Reply = { status?: number; data: unknown };
type Route = [method: string, path: string | RegExp, reply: Reply | ((body: unknown, url: string) => Reply)];

/** Answers Taro.request by method + path (after /api); an unknown call fails loudly. */
export function serve(...routes: Route[]) {
  request.mockImplementation(async (options: { url: string; method: string; data?: string }) => {
    const path = options.url.replace(/^\/api/, '').replace(/\?.*$/, '');
    const route = routes.find(([m, p]) => m === options.method && (typeof p === 'string' ? p === path : p.test(path)));
    if (!route) throw new Error(`unexpected ${options.method} ${options.url}`);
    const body = options.data ? JSON.parse(options.data) : undefined;
    const reply = typeof route[2] === 'function' ? route[2](body, options.url) : route[2];
    return { statusCode: reply.status ?? 200, header: {}, data: reply.data };
  });
}

export function withParams(params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params, path: '' }, page: {} } as never);
}

export const branch = {
  id: '21',
  shortName: '计算机科学与技术专业2024级1班团支部',
  fullName: '中国共产主义青年团中山大学计算机学院计算机科学与技术专业2024级1班支部委员会',
  pathNames: ['团广东省委', '团广州市委', '中山大学团委', '计算机学院团委'],
  secretaryName: '李书记',
  secretaryPhone: '138****0013',
};

export const myCheckin = (over: Partial<MyCheckin> = {}): MyCheckin => ({
  status: null,
  realNameStatus: null,
  resumeStep: 'identity',
  draft: {},
  approved: null,
  branch: null,
  returnReason: null,
  submittedAt: null,
  reviewedAt: null,
  ...over,
});

export const calls = (method: string, path: string) => request.mock.calls.filter(([o]) => o.method === method && String(o.url).replace(/\?.*$/, '').endsWith(path));
