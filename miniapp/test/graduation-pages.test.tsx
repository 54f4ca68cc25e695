import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages } from '@tj/shared';
import AdminHomePage from '../src/admin/pages/home';
import GraduationPage from '../src/admin/pages/graduation';
import { logInAdmin, province, request, serve, withParams } from './admin-fixtures';

/** Issue 16 part 1 [004 §二(二)]: the 毕业班管理 entry and the marking form. */
const university = { ...province, id: '7', type: 'grassrootsCommittee', shortName: '中山大学团委', industry: 'university' };
const branch = (id: string, over: object = {}) => ({
  id,
  name: `2023级${id}班团支部`,
  pathNames: ['中山大学团委'],
  branchCategory: null,
  month: null,
  reason: null,
  markedAt: null,
  markedByOrg: null,
  correctable: false,
  convertedAt: null,
  memberCount: 3,
  ...over,
});

beforeEach(() => {
  logInAdmin();
  withParams({ orgId: '7' });
});

describe('毕业班管理', () => {
  it('is offered to a school committee, and not at all to a leading organ (004 §二(二)2(2))', async () => {
    serve(['GET', '/orgs/7', { data: university }], ['GET', '/orgs/7/children', { data: { items: [] } }], ['GET', '/orgs/7/admin-requests', { data: { items: [] } }]);
    const { unmount } = render(<AdminHomePage />);
    await screen.findByTestId('action-graduation');
    expect(screen.getByTestId('action-membership')).toBeTruthy();
    unmount();
    withParams({ orgId: '1' });
    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/children', { data: { items: [] } }], ['GET', '/orgs/1/admin-requests', { data: { items: [] } }]);
    render(<AdminHomePage />);
    await screen.findByTestId('action-roster');
    expect(screen.queryByTestId('action-graduation')).toBeNull();
  });

  it('asks for a month or a reason before anything is sent, and marks the ticked branches', async () => {
    const posted: unknown[] = [];
    serve(
      ['GET', '/orgs/7', { data: university }],
      ['GET', '/orgs/7/graduation/branches', { data: { canMark: true, items: [branch('1'), branch('2', { month: '2027-06', markedByOrg: '中山大学团委' })] } }],
      ['POST', '/orgs/7/graduation/marks', (body) => (posted.push(body), { status: 204, data: null })],
    );
    render(<GraduationPage />);
    await screen.findByTestId('grad-branch-1');
    expect(screen.getByTestId('grad-state-2').textContent).toContain('2027年06月');
    fireEvent.click(screen.getByTestId('grad-check-1').querySelector('input') ?? screen.getByTestId('grad-check-1'));
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('grad-mark').disabled).toBe(false));
    fireEvent.click(screen.getByTestId('grad-mark'));
    fireEvent.click(await screen.findByTestId('grad-next'));
    await waitFor(() => expect(screen.getByText(ErrorMessages.GRADUATION_MONTH_OR_REASON)).toBeTruthy());
    expect(request.mock.calls.some(([o]) => o.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByTestId('grad-reason-scheduleUnknown'));
    fireEvent.click(screen.getByTestId('grad-next'));
    expect(await screen.findByText(/一旦标记成功后，将无法自行取消/)).toBeTruthy();
    fireEvent.click(screen.getByText('确定标记'));
    await waitFor(() => expect(posted).toEqual([{ branchIds: ['1'], month: null, reason: 'scheduleUnknown' }]));
    expect(await screen.findByTestId('grad-notice')).toBeTruthy();
  });
});

describe('毕业时间更正 (issue 16 B1)', () => {
  it('a leading organ has the correction entry and sees only the marks it may correct, without marking', async () => {
    withParams({ orgId: '1' });
    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/children', { data: { items: [] } }], ['GET', '/orgs/1/admin-requests', { data: { items: [] } }]);
    const { unmount } = render(<AdminHomePage />);
    await screen.findByTestId('action-graduationCorrect');
    unmount();
    serve(
      ['GET', '/orgs/1', { data: province }],
      ['GET', '/orgs/1/graduation/branches', { data: { canMark: false, items: [branch('3', { month: '2027-06', markedByOrg: '中山大学团委', correctable: true })] } }],
    );
    render(<GraduationPage />);
    await screen.findByTestId('grad-branch-3');
    expect(screen.getByText('以下为下级组织标记的毕业时间，本组织可以更正。')).toBeTruthy();
    expect(screen.queryByTestId('grad-mark')).toBeNull();
  });
});
