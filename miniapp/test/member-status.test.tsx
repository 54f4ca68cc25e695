import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import MemberHomePage from '../src/member/pages/home';
import StatusPage from '../src/pages/status';
import OrgSearchPage from '../src/member/pages/org-search';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';
import { branch, calls, idFor, logIn, myCheckin, serve, withParams } from './checkin-fixtures';

const noOrgs = ['GET', '/me/orgs', { data: { items: [] } }] as const;

describe('status page (main package): one page per check-in state', () => {
  beforeEach(() => logIn());

  it('waiting: real-name status in words, what happens next, and 撤回 with a confirmation', async () => {
    let current = myCheckin({ status: 'submitted', realNameStatus: 'pending', branch, submittedAt: '2025-11-21T02:00:00Z', resumeStep: 'confirm' });
    serve(
      [...noOrgs],
      ['GET', '/me/checkin', () => ({ data: current })],
      [
        'POST',
        '/me/checkin/withdraw',
        () => {
          current = { ...current, status: 'withdrawn' };
          return { data: current };
        },
      ],
    );
    render(<StatusPage />);
    expect((await screen.findByTestId('status-title')).textContent).toBe('报到待审核');
    expect(screen.getByTestId('status-realname-tag').textContent).toBe('校验中');
    expect(screen.getByTestId('status-realname').textContent).toContain('系统正在核对');
    expect(screen.getByTestId('status-next').textContent).toContain('审核通过后');
    expect(screen.getByTestId('status-branch-full').textContent).toBe(branch.fullName);

    fireEvent.click(screen.getByTestId('status-withdraw'));
    // The dialog's confirm button (the last 撤回 on the page) does it; nothing before.
    expect(calls('POST', '/me/checkin/withdraw')).toHaveLength(0);
    const buttons = await screen.findAllByText('撤回');
    fireEvent.click(buttons[buttons.length - 1]!);
    await waitFor(() => expect(calls('POST', '/me/checkin/withdraw')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('status-title').textContent).toBe('报到被撤回'));
  });

  it('returned: the reason and 修改后重新提交', async () => {
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin({ status: 'returned', realNameStatus: 'passed', branch, returnReason: '入团年月有误', resumeStep: 'confirm' }) }]);
    render(<StatusPage />);
    expect((await screen.findByTestId('status-title')).textContent).toBe('报到被退回');
    expect(screen.getByTestId('status-return-reason').textContent).toContain('入团年月有误');
    // Nothing on the page says the branch still has it (issue 13 item 9).
    expect(screen.getByTestId('status-page').textContent).not.toContain('等待团支部审核');
    expect(screen.getByTestId('status-realname').textContent).toContain('实名校验已通过');
    fireEvent.click(screen.getByTestId('status-resubmit'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.memberCheckin}?step=identity` });
  });

  it('withdrawn: 编辑 or 更换团支部', async () => {
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin({ status: 'withdrawn', realNameStatus: 'passed', branch, resumeStep: 'confirm' }) }]);
    render(<StatusPage />);
    expect((await screen.findByTestId('status-title')).textContent).toBe('报到被撤回');
    expect(screen.getByTestId('status-edit')).toBeTruthy();
    fireEvent.click(screen.getByTestId('status-change-branch'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.memberOrgSearch}?pick=1` });
  });

  it('not checked in yet: leads to the org search', async () => {
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin() }]);
    render(<StatusPage />);
    expect((await screen.findByTestId('status-title')).textContent).toBe('尚未报到');
    fireEvent.click(screen.getByTestId('status-start'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.memberOrgSearch });
  });

  it('a branch chosen before login continues to the form', async () => {
    useAppStore.getState().chooseBranch({ id: branch.id, shortName: branch.shortName, fullName: branch.fullName, pathNames: branch.pathNames });
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin() }]);
    render(<StatusPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.memberCheckin }));
  });

  it('approved: goes on to the member home', async () => {
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin({ status: 'approved', realNameStatus: 'passed', branch, approved: { name: '王小明' } }) }]);
    render(<StatusPage />);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.memberHome }));
  });
});

describe('member home', () => {
  beforeEach(() => logIn());

  it('shows 认证资料 with the ID masked and 我的组织 with the secretary', async () => {
    const id = idFor('2004-08-08');
    serve(
      [...noOrgs],
      [
        'GET',
        '/me/checkin',
        {
          data: myCheckin({ status: 'approved', realNameStatus: 'offlinePassed', branch, approved: { name: '王小明', idNumber: id, joinedAt: '2018-05', politicalStatus: 'leagueMember' } }),
        },
      ],
    );
    render(<MemberHomePage />);
    expect((await screen.findByTestId('member-home-name')).textContent).toBe('王小明');
    expect(screen.getByTestId('member-home-id').textContent).toBe(`${id.slice(0, 3)}***********${id.slice(-4)}`);
    expect(screen.getByTestId('member-home-realname').textContent).toContain('线下验证通过');
    expect(screen.getByTestId('member-home-secretary').textContent).toContain('李书记');
    expect(screen.getByTestId('member-home-entry-transfer').textContent).toContain('组织关系转接');
  });

  it('issue 16: a member who left (团籍状态 自愿退团) sees only 认证资料 — no organisation, no business', async () => {
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin({ status: 'approved', realNameStatus: 'passed', branch, approved: { name: '王小明' }, membershipStatus: 'resigned' }) }]);
    render(<MemberHomePage />);
    expect((await screen.findByTestId('member-home-left')).textContent).toContain('自愿退团');
    expect(screen.getByTestId('member-home-profile')).toBeTruthy();
    expect(screen.queryByTestId('member-home-org')).toBeNull();
    expect(screen.queryByTestId('member-home-entry-transfer')).toBeNull();
  });

  it('sends a member who is not approved back to the status page', async () => {
    serve([...noOrgs], ['GET', '/me/checkin', { data: myCheckin({ status: 'submitted', realNameStatus: 'pending', branch }) }]);
    render(<MemberHomePage />);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: Routes.status }));
  });
});

describe('org search', () => {
  it('shows full names and paths; a committee says it cannot take check-ins', async () => {
    serve([
      'GET',
      '/orgs/search',
      {
        data: {
          items: [
            {
              id: '3',
              type: 'grassrootsCommittee',
              shortName: '中山大学团委',
              fullName: '中国共产主义青年团中山大学委员会',
              alias: null,
              pathNames: ['团广东省委', '团广州市委'],
              selectable: false,
              reason: 'CHECKIN_NOT_BRANCH',
            },
            { ...branch, type: 'branch', alias: null, selectable: true, reason: null },
          ],
        },
      },
    ]);
    withParams({});
    jest.useFakeTimers();
    render(<OrgSearchPage />);
    fireEvent.change(screen.getByTestId('org-search-input'), { target: { value: '中山大学' } });
    await act(async () => {
      jest.advanceTimersByTime(400);
    });
    jest.useRealTimers();
    expect((await screen.findByTestId('org-result-3-path-full')).textContent).toBe('中国共产主义青年团中山大学委员会');
    expect(screen.getByTestId('org-result-3-refusal').textContent).toBe('基层团委不能直接接收报到');

    fireEvent.click(screen.getByTestId(`org-result-${branch.id}`));
    expect(useAppStore.getState().chosenBranch?.fullName).toBe(branch.fullName);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.memberJoin });
  });
});
