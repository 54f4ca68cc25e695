import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import CadreMembersPage from '../src/cadre/pages/members';
import { calls, logIn, serve, withParams } from './checkin-fixtures';

const member = (i: number) => ({
  id: `m${i}`,
  name: `团员${i}`,
  idNumberMasked: '440***********0012',
  phoneMasked: '138****0001',
  branchId: '21',
  branchName: '计算机科学与技术专业2024级1班团支部',
  status: 'approved',
  archiveState: 'notRequired',
});

/** 45 members in pages of 20, keyed by the cursor the page asks with. */
const pages: Record<string, { items: ReturnType<typeof member>[]; nextCursor: string | null }> = {
  '': { items: Array.from({ length: 20 }, (_, i) => member(i)), nextCursor: 'c20' },
  c20: { items: Array.from({ length: 20 }, (_, i) => member(20 + i)), nextCursor: 'c40' },
  c40: { items: Array.from({ length: 5 }, (_, i) => member(40 + i)), nextCursor: null },
};

const rows = () => document.querySelectorAll('[data-testid^="member-m"]:not([data-testid$="-id"]):not([data-testid$="-branch"])');

const ROW = 88; // 176 design px at 375 wide
const LIST = 812 - 110; // the screen under the switch bar and search (jsdom lays nothing out)

/** Scrolls the list to the end of `loaded` rows the way Taro reports it (detail.scrollTop). */
function scrollToEnd(loaded: number) {
  const view = document.getElementById('members-list') as HTMLElement;
  const height = loaded * ROW;
  Object.defineProperty(view, 'scrollHeight', { configurable: true, value: height });
  Object.defineProperty(view, 'scrollWidth', { configurable: true, value: 375 });
  Object.defineProperty(view, 'scrollTop', { configurable: true, value: height - LIST });
  fireEvent.scroll(view);
}

describe('long cadre lists (§6.6, virtual list)', () => {
  beforeEach(() => {
    logIn();
    withParams({ orgId: '5' });
    serve(['GET', '/me/orgs', { data: { items: [] } }], ['GET', '/orgs/5/members', (_body, url) => ({ data: pages[new URLSearchParams(url.split('?')[1]).get('cursor') ?? ''] })]);
  });

  it('keeps only the rows in view in the page and loads the next pages as the list scrolls', async () => {
    render(<CadreMembersPage />);
    await screen.findByTestId('member-m0');
    // 812 px screen, rows of 88 px: a window of rows, not the 20 loaded.
    expect(rows().length).toBeGreaterThan(3);
    expect(rows().length).toBeLessThan(20);
    expect(screen.queryByTestId('member-m19')).toBeNull();
    expect(calls('GET', '/orgs/5/members')).toHaveLength(1);

    scrollToEnd(20);
    await waitFor(() => expect(calls('GET', '/orgs/5/members')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('member-m19')).toBeTruthy());
    expect(screen.queryByTestId('member-m0')).toBeNull();

    scrollToEnd(40);
    await waitFor(() => expect(calls('GET', '/orgs/5/members')).toHaveLength(3));
    scrollToEnd(45);
    await screen.findByTestId('member-m44');
    expect(rows().length).toBeLessThan(20);
    expect(screen.getByTestId('members-footer').textContent).toContain('没有更多了');
    expect(calls('GET', '/orgs/5/members')).toHaveLength(3);
  });

  // 001 annex 2 "“我的团员”即可查看、审核" (the real client filters by 审核状态 and 学历)
  it('filters by branch (tapping a row’s branch) and opens a member’s detail from the list', async () => {
    render(<CadreMembersPage />);
    fireEvent.click(await screen.findByTestId('member-m0-branch'));
    await waitFor(() => expect(calls('GET', '/orgs/5/members').some(([req]) => String((req as { url: string }).url).includes('branchId=21'))).toBe(true));
    expect(screen.getByTestId('members-filters-branch').textContent).toContain('计算机科学与技术专业2024级1班团支部');
    fireEvent.click(await screen.findByTestId('member-m1'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('/cadre/pages/member/index?orgId=5&checkinId=m1') });
  });

  it('shows an empty result at once, not below the estimated height of absent rows', async () => {
    serve(['GET', '/me/orgs', { data: { items: [] } }], ['GET', '/orgs/5/members', { data: { items: [], nextCursor: null } }]);
    render(<CadreMembersPage />);
    const empty = await screen.findByTestId('members-empty');
    expect(empty.textContent).toBe('本组织及下级暂无团员');
    expect(document.getElementById('members-list')).toBeNull();
  });
});
