import Taro from '@tarojs/taro';
import type { OrgDetail } from '@tj/shared';
import { useAppStore } from '../src/stores';
import { withDefault } from './mock-defaults';

/** Shared by the admin-*.test.tsx files: a logged-in admin and canned server answers. */
export const request = Taro.request as jest.Mock;

// Taro APIs the admin pages use beyond the shared mock (test/__mocks__/taro.ts).
Object.assign(Taro, {
  showToast: withDefault(() => Promise.resolve()),
  setClipboardData: withDefault(() => Promise.resolve()),
  setNavigationBarTitle: withDefault(() => Promise.resolve()),
  navigateBack: withDefault(() => Promise.resolve()),
  getCurrentPages: withDefault(() => [{}, {}]),
});

export const logInAdmin = () =>
  useAppStore.setState({
    user: { id: 'u1', phone: '13800000010', name: '陈省管' },
    accessToken: 'token-1',
    refreshToken: 'r',
  });

type Reply = { status?: number; data: unknown };
type Route = [method: string, path: string | RegExp, reply: Reply | ((body: unknown) => Reply)];

/** Answers Taro.request by method + path (after /api); unknown calls fail the test loudly. */
export function serve(...routes: Route[]) {
  request.mockImplementation(async (options: { url: string; method: string; data?: string }) => {
    const path = options.url.replace(/^\/api/, '').replace(/\?.*$/, '');
    const route = routes.find(([m, p]) => m === options.method && (typeof p === 'string' ? p === path : p.test(path)));
    if (!route) throw new Error(`unexpected ${options.method} ${options.url}`);
    const body = options.data ? JSON.parse(options.data) : undefined;
    const reply = typeof route[2] === 'function' ? route[2](body) : route[2];
    return { statusCode: reply.status ?? 200, header: {}, data: reply.data };
  });
}

/** Sets the page query Taro hands to getCurrentInstance (e.g. ?orgId=1). */
export function withParams(params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params, path: '' }, page: {} } as never);
}

export const province: OrgDetail = {
  id: '1',
  parentId: null,
  type: 'leadingOrgan',
  shortName: '团广东省委',
  fullName: '中国共产主义青年团广东省委员会',
  alias: null,
  branchCategory: null,
  depth: 0,
  sortOrder: 0,
  pathNames: [],
  childCount: 2,
  industry: 'partyGovernment',
  secretaryName: '示例书记',
  secretaryIdMasked: '440***********1017',
  secretaryPhone: '13700000001',
  contactPhone: '020-12345678',
  email: 'tuanwei@example.com',
  adminStaffQuota: 5,
  adminStaffActual: 4,
  institutionStaffQuota: 2,
  institutionStaffActual: 2,
  youthCount: null,
  partyRecommendedCount: null,
  missingFields: [],
  infoComplete: true,
};

/** Types into a NutUI Input (its test id sits on the real input in jsdom). */
export const typeInto = (fireEvent: typeof import('@testing-library/react').fireEvent, el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
