import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorMessages } from '@tj/shared';
import AuditPage from '../src/admin/pages/audit';
import CodesPage from '../src/admin/pages/codes';
import AdminHomePage from '../src/admin/pages/home';
import ProgressPage from '../src/admin/pages/progress';
import RosterPage from '../src/admin/pages/roster';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';
import { logInAdmin, province, request, serve, withParams } from './admin-fixtures';

const summary = (id: string, shortName: string, fullName: string, childCount = 0) => ({
  id,
  parentId: '1',
  type: 'leadingOrgan',
  shortName,
  fullName,
  alias: null,
  branchCategory: null,
  depth: 1,
  sortOrder: 0,
  pathNames: ['团广东省委'],
  childCount,
});
const guangzhou = summary('2', '团广州市委', '中国共产主义青年团广州市委员会', 3);
const shenzhen = summary('3', '团深圳市委', '中国共产主义青年团深圳市委员会');

beforeEach(() => {
  logInAdmin();
  withParams({ orgId: '1' });
});

describe('org home', () => {
  it('shows the org, what is missing, the admin tools and the sub-orgs with their paths', async () => {
    serve(
      ['GET', '/orgs/1', { data: { ...province, infoComplete: false, missingFields: ['email', 'adminStaffQuota'] } }],
      ['GET', '/orgs/1/children', { data: { items: [guangzhou, shenzhen] } }],
      ['GET', '/orgs/1/admin-requests', { data: { items: [] } }],
    );
    render(<AdminHomePage />);

    expect((await screen.findByTestId('org-header-name')).textContent).toBe('团广东省委');
    expect(screen.getByTestId('home-info-incomplete')).toBeTruthy();
    expect(screen.getByTestId('home-missing').textContent).toBe('电子邮箱、本级团组织行政编制数');
    for (const a of ['create', 'import', 'codes', 'roster', 'qr', 'progress', 'audit', 'edit']) {
      expect(screen.getByTestId(`action-${a}`)).toBeTruthy();
    }
    await waitFor(() => expect(screen.getByTestId('sub-orgs-title').textContent).toBe('下级组织（2）'));
    const row = screen.getByTestId('sub-org-2');
    expect(row.textContent).toContain('中国共产主义青年团广州市委员会');
    expect(row.textContent).toContain('下级组织 3 个');
    expect(row.textContent).toContain('团广东省委');
    expect(useAppStore.getState().currentOrgId).toBe('1');

    fireEvent.click(row);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.adminHome}?orgId=2` });
    fireEvent.click(screen.getByTestId('action-create'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.adminOrgForm}?orgId=1&mode=create` });
  });

  it('offers a 团支部 no sub-org tools', async () => {
    serve(['GET', '/orgs/1', { data: { ...province, type: 'branch', shortName: '一班团支部' } }], ['GET', '/orgs/1/admin-requests', { data: { items: [] } }]);
    render(<AdminHomePage />);
    await screen.findByTestId('action-roster');
    expect(screen.queryByTestId('action-create')).toBeNull();
    expect(screen.queryByTestId('action-codes')).toBeNull();
    expect(screen.queryByTestId('sub-orgs')).toBeNull();
  });

  it("shows the server's refusal instead of the page", async () => {
    serve(
      ['GET', '/orgs/1', { status: 403, data: { code: 'FORBIDDEN', message: ErrorMessages.FORBIDDEN } }],
      ['GET', '/orgs/1/children', { status: 403, data: { code: 'FORBIDDEN', message: ErrorMessages.FORBIDDEN } }],
      ['GET', '/orgs/1/admin-requests', { status: 403, data: { code: 'FORBIDDEN', message: ErrorMessages.FORBIDDEN } }],
    );
    render(<AdminHomePage />);
    expect((await screen.findByTestId('admin-home-error')).textContent).toContain(ErrorMessages.FORBIDDEN);
  });
});

describe('admin codes', () => {
  it('issues a code for one subordinate and copies it', async () => {
    serve(
      ['GET', '/orgs/1', { data: province }],
      ['GET', '/orgs/1/children', { data: { items: [guangzhou, shenzhen] } }],
      ['GET', '/orgs/1/admin-codes', { data: { items: [] } }],
      ['POST', '/orgs/1/children/3/admin-code', { data: { orgId: '3', orgName: '团深圳市委', code: 'Ab3dE5gH', expiresAt: '2025-12-11T16:00:00.000Z' } }],
    );
    render(<CodesPage />);
    fireEvent.click(await screen.findByTestId('codes-issue-3'));
    expect((await screen.findByTestId('codes-code-3')).textContent).toBe('Ab3dE5gH');
    expect(screen.getByTestId('codes-row-3').textContent).toContain('有效期至 2025-12-12 00:00');
    expect(screen.queryByTestId('codes-code-2')).toBeNull();
    fireEvent.click(screen.getByTestId('codes-copy-3'));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'Ab3dE5gH' });
  });
});

describe('roster', () => {
  const entry = (id: string, name: string, extra = {}) => ({
    id,
    name,
    idNumberMasked: '440***********1234',
    phoneMasked: '138****0010',
    position: 'deputySecretary',
    cadreNature: 'partTime',
    isOperator: false,
    isAdmin: false,
    onboarded: false,
    declined: false,
    ...extra,
  });

  it('lists cadres in Chinese and reports the admin limit from the server', async () => {
    serve(
      ['GET', '/orgs/1', { data: province }],
      ['GET', '/orgs/1/roster', { data: { items: [entry('7', '王副书', { isAdmin: true, onboarded: true }), entry('8', '赵委员'), entry('9', '孙委员', { declined: true })] } }],
      ['POST', '/orgs/1/roster/8/admin', { status: 409, data: { code: 'ADMIN_LIMIT_REACHED', message: ErrorMessages.ADMIN_LIMIT_REACHED } }],
    );
    render(<RosterPage />);
    const first = await screen.findByTestId('roster-item-7');
    expect(first.textContent).toContain('副书记');
    expect(first.textContent).toContain('管理员');
    expect(first.textContent).toContain('已入驻');
    expect(first.textContent).toContain('兼职');
    expect(screen.getByTestId('roster-item-8').textContent).toContain('未入驻');
    // issue 12: the person the line names said 不是我 — shown, and no invitation to that phone
    expect(screen.getByTestId('roster-declined-9').textContent).toBe('对方表示不是本人');
    expect(screen.queryByTestId('roster-invite-9')).toBeNull();

    fireEvent.click(screen.getByTestId('roster-admin-8'));
    expect((await screen.findByTestId('roster-error')).textContent).toBe(ErrorMessages.ADMIN_LIMIT_REACHED);
  });

  it('says when an admin change waits for the superior', async () => {
    serve(
      ['GET', '/orgs/1', { data: province }],
      ['GET', '/orgs/1/roster', { data: { items: [entry('8', '赵委员')] } }],
      ['POST', '/orgs/1/roster/8/admin', { data: { status: 'pendingApproval', entry: entry('8', '赵委员') } }],
    );
    render(<RosterPage />);
    fireEvent.click(await screen.findByTestId('roster-admin-8'));
    expect((await screen.findByTestId('roster-notice')).textContent).toContain('上级组织审批');
    expect(JSON.parse(request.mock.calls.at(-1)[0].data)).toEqual({ isAdmin: true });
  });
});

const entryRow = {
  adminName: '林晓东',
  adminPhone: '138****0011',
  codeState: 'registered',
  members: 12,
  cadres: 3,
  branches: 4,
  emptyBranches: 1,
  branchesWithoutCadres: 2,
  infoComplete: 3,
  orgs: 9,
  hasSubOrgs: true,
};

describe('progress and audit', () => {
  it('shows the per-level summary and a row per direct subordinate', async () => {
    serve(
      ['GET', '/orgs/1', { data: province }],
      [
        'GET',
        '/orgs/1/progress',
        {
          data: {
            rows: [{ org: guangzhou, adminLoggedIn: true, infoComplete: false, hasSubOrgs: true, membersCheckedIn: 12, cadresEntered: 3, cadresOnboarded: 2, emptyBranches: 1 }],
            levels: [{ level: 1, orgs: 85, adminLoggedIn: 40, infoComplete: 10, hasSubOrgs: 3 }],
          },
        },
      ],
      [
        'GET',
        '/orgs/1/progress/entry',
        {
          data: {
            org: province,
            total: { ...entryRow, adminName: null, adminPhone: null, codeState: 'registered', members: 12, orgs: 86 },
            rows: [{ ...entryRow, org: guangzhou }],
          },
        },
      ],
    );
    render(<ProgressPage />);
    const level = await screen.findByTestId('progress-level-1');
    expect(level.textContent).toContain('直属下级组织');
    expect(level.textContent).toContain('40/85');
    // [004 §二(一)4] per sub-org: admin (masked phone), registration code, members, cadres, empty branches, completeness
    const table = await screen.findByTestId('progress-table');
    expect(table.textContent).toContain('团广州市委');
    expect(table.textContent).toContain('林晓东');
    expect(table.textContent).toContain('138****0011');
    expect(table.textContent).toContain('已注册');
    expect(table.textContent).toContain('3/9');
    expect(screen.getByTestId('progress-total').textContent).toContain('12');
  });

  it('labels actions in Chinese and pages with the cursor', async () => {
    const item = (id: string, action: string) => ({
      id,
      actorName: '陈省管',
      orgName: '团广东省委',
      action,
      targetType: 'org',
      targetId: '2',
      targetName: '团广州市委',
      before: null,
      after: { shortName: '团广州市委' },
      createdAt: '2025-11-21T02:05:00.000Z',
    });
    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/audit', () => ({ data: { items: [item('9', 'org.create'), item('8', 'adminCode.issue')], nextCursor: '8' } })]);
    render(<AuditPage />);
    const first = await screen.findByTestId('audit-item-9');
    expect(first.textContent).toContain('新建下级组织');
    expect(first.textContent).toContain('2025-11-21 10:05');
    expect(first.textContent).toContain('操作人：陈省管');
    expect(screen.getByTestId('audit-item-8').textContent).toContain('生成管理员注册码');

    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/audit', { data: { items: [item('7', 'roster.add')], nextCursor: null } }]);
    fireEvent.click(screen.getByTestId('audit-more'));
    expect((await screen.findByTestId('audit-item-7')).textContent).toContain('录入团干部');
    expect(request.mock.calls.at(-1)[0].url).toContain('cursor=8');
    expect(screen.queryByTestId('audit-more')).toBeNull();
  });

  it('says every action the members and cadres take in words, with who did it to whom (issue 13 item 7)', async () => {
    const row = (id: string, action: string, actorName: string | null, targetName: string | null, before: unknown, after: unknown) => ({
      id,
      actorName,
      orgName: '一班团支部',
      action,
      targetType: 'x',
      targetId: '5',
      targetName,
      before,
      after,
      createdAt: '2025-11-21T02:05:00.000Z',
    });
    serve(
      ['GET', '/orgs/1', { data: province }],
      [
        'GET',
        '/orgs/1/audit',
        {
          data: {
            items: [
              row('6', 'roster.add', '陈省管', '王组织委员', null, { name: '王组织委员', position: 'organizationMember', isOperator: false, isAdmin: false }),
              row('5', 'cadre.onboard', '张书记', '张书记', { position: 'secretary' }, { position: 'secretary' }),
              row('4', 'org.alias', '张书记', '一班团支部', null, { alias: '计科一班' }),
              row('3', 'checkin.approve', '张书记', '李小红', { status: 'submitted' }, { status: 'approved', kind: 'checkin' }),
              row('2', 'transfer.approveOut', '张书记', '李小红', { status: 'pendingOut' }, { status: 'pendingIn' }),
              row('1', 'checkin.realName', null, '李小红', { realNameStatus: 'pending' }, { realNameStatus: 'passed', attempt: 1 }),
            ],
            nextCursor: null,
          },
        },
      ],
    );
    render(<AuditPage />);
    const text = (id: string) => screen.getByTestId(`audit-item-${id}`).textContent ?? '';
    await screen.findByTestId('audit-item-6');
    expect(text('6')).toContain('录入团干部');
    expect(text('6')).toContain('王组织委员 · 组织委员');
    expect(text('6')).not.toContain('管理员');
    expect(text('5')).toContain('团干部入驻');
    expect(text('5')).toContain('操作人：张书记');
    expect(text('4')).toContain('设置组织代称');
    expect(text('4')).toContain('代称「计科一班」');
    expect(text('3')).toContain('报到审核通过');
    expect(text('3')).toContain('李小红');
    expect(text('2')).toContain('同意转出');
    expect(text('2')).toContain('待转出组织审核 → 待转入组织审核');
    expect(text('1')).toContain('实名校验通过');
    expect(text('1')).toContain('操作人：系统');
    for (const id of ['6', '5', '4', '3', '2', '1']) expect(text(id)).not.toMatch(/[a-z]+\.[a-zA-Z]+/);
  });
});
