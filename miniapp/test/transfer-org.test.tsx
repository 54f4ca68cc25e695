import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages } from '@tj/shared';
import BatchTransferPage from '../src/cadre/pages/batch-transfer';
import TransferPage from '../src/cadre/pages/transfer';
import { calls, logIn, serve, withParams } from './checkin-fixtures';
import { step, tOrg, transfer } from './transfer-fixtures';

const confirmPicker = async (testId: string) => {
  fireEvent.click(screen.getByTestId(testId));
  const button = await waitFor(() => {
    const el = [...document.querySelectorAll('.nut-picker-confirm-btn')].pop();
    if (!el) throw new Error('picker not open');
    return el as HTMLElement;
  });
  fireEvent.click(button);
};

const orgDetail = (id: string, type: string, shortName: string) => ({
  id,
  parentId: '1',
  type,
  shortName,
  fullName: shortName,
  alias: null,
  branchCategory: null,
  depth: 3,
  sortOrder: 0,
  pathNames: ['团广东省委', '中山大学团委'],
  childCount: 2,
  industry: 'university',
  secretaryName: null,
  secretaryIdMasked: null,
  secretaryPhone: null,
  contactPhone: null,
  email: null,
  adminStaffQuota: null,
  adminStaffActual: null,
  institutionStaffQuota: null,
  institutionStaffActual: null,
  youthCount: null,
  partyRecommendedCount: null,
  missingFields: [],
  infoComplete: true,
});
const child = (id: string, type: string, shortName: string, parentId: string) => ({
  id,
  parentId,
  type,
  shortName,
  fullName: shortName,
  alias: null,
  branchCategory: null,
  depth: 4,
  sortOrder: 0,
  pathNames: ['团广东省委', '计算机学院2024级团总支'],
  childCount: 0,
});

describe('batch transfer (≤ 30)', () => {
  beforeEach(() => {
    logIn();
    withParams({ orgId: '88' });
  });

  const found = (id: string, shortName: string) => ({
    id,
    type: 'branch',
    shortName,
    fullName: `中国共产主义青年团${shortName}`,
    alias: null,
    pathNames: ['团广东省委', '中山大学团委', '计算机学院2024级团总支'],
    selectable: true,
    reason: null,
  });
  const branches = [found('89', '1班团支部'), found('90', '2班团支部')];
  /** GET /orgs/88/branches: the subtree's branches holding every word of ?q=, two to a page. */
  const branchSearch = [
    'GET',
    '/orgs/88/branches',
    (_b: unknown, url: string) => {
      const params = new URL(url, 'http://x').searchParams;
      const words = (params.get('q') ?? '').split(/\s+/).filter(Boolean);
      const all = [...branches, found('91', '3班团支部')].filter((b) => words.every((w) => b.shortName.includes(w)));
      const offset = Number(params.get('offset') ?? 0);
      return { data: { items: all.slice(offset, offset + 2), nextOffset: offset + 2 < all.length ? offset + 2 : null } };
    },
  ] as const;
  const members = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(100 + i), name: `团员${i}`, idNumberMasked: '440***********0012', hasOpenTransfer: false }));

  it('shows the rule and the count, and disables 确认 beyond 30 members', async () => {
    serve(
      ['GET', '/orgs/88', { data: orgDetail('88', 'generalBranch', '计算机学院2024级团总支') }],
      [...branchSearch],
      ['GET', '/orgs/88/transfers/members', { data: { items: members(31) } }],
    );
    render(<BatchTransferPage />);
    expect((await screen.findByTestId('batch-rule')).textContent).toContain('一次最多30人');
    fireEvent.click(await screen.findByTestId('batch-from-89'));
    fireEvent.click(await screen.findByTestId('batch-check-all'));
    expect((document.querySelector('[data-field="batch-members"]') as HTMLElement).textContent).toContain('已选 31/30 人');
    expect(screen.getByTestId('batch-members-error').textContent).toBe(ErrorMessages.BATCH_TRANSFER_TOO_MANY);
    const submit = screen.getByTestId('batch-submit');
    expect(submit.className).toMatch(/disabled/);
    fireEvent.click(submit);
    expect(calls('POST', '/orgs/88/transfers/batch')).toHaveLength(0);
    // one fewer: allowed again
    fireEvent.click(screen.getByTestId('batch-check-130'));
    expect((document.querySelector('[data-field="batch-members"]') as HTMLElement).textContent).toContain('已选 30/30 人');
    expect(screen.queryByTestId('batch-members-error')).toBeNull();
    expect(screen.getByTestId('batch-submit').className).not.toMatch(/disabled/);
  });

  it('the branch pickers search the subtree by words and page; the chosen from-branch is not offered as destination', async () => {
    serve(['GET', '/orgs/88', { data: orgDetail('88', 'generalBranch', '计算机学院2024级团总支') }], [...branchSearch]);
    render(<BatchTransferPage />);
    await screen.findByTestId('batch-from-90');
    // two to a page: the third comes with 加载更多
    expect(screen.queryByTestId('batch-from-91')).toBeNull();
    fireEvent.click(screen.getByTestId('batch-from-more'));
    await screen.findByTestId('batch-from-91');
    // a search asks the server with the words and shows only what it answers
    jest.useFakeTimers();
    fireEvent.change(screen.getByTestId('batch-to-q'), { target: { value: '3班' } });
    await act(async () => {
      jest.advanceTimersByTime(400);
    });
    jest.useRealTimers();
    await waitFor(() => expect(screen.queryByTestId('batch-to-89')).toBeNull());
    expect(screen.getByTestId('batch-to-91')).toBeTruthy();
    expect(calls('GET', '/orgs/88/branches').some(([o]) => new URL(o.url, 'http://x').searchParams.get('q') === '3班')).toBe(true);
    fireEvent.click(screen.getByTestId('batch-to-91'));
    expect(screen.getByTestId('batch-to-chosen-path-full').textContent).toBe('中国共产主义青年团3班团支部');
    // the from-picker no longer offers the destination
    expect(screen.queryByTestId('batch-from-91')).toBeNull();
  });

  it('submit asks to confirm, naming the count and both branches; cancel does nothing, confirm moves them', async () => {
    serve(
      ['GET', '/orgs/88', { data: orgDetail('88', 'generalBranch', '计算机学院2024级团总支') }],
      [...branchSearch],
      ['GET', '/orgs/88/transfers/members', { data: { items: members(2) } }],
      ['POST', '/orgs/88/transfers/batch', (body) => ({ data: { moved: (body as { memberIds: string[] }).memberIds.length, transferIds: ['1', '2'] } })],
    );
    render(<BatchTransferPage />);
    fireEvent.click(await screen.findByTestId('batch-from-89'));
    fireEvent.click(await screen.findByTestId('batch-to-90'));
    await confirmPicker('batch-reason');
    fireEvent.click(await screen.findByTestId('batch-check-all'));
    fireEvent.click(screen.getByTestId('batch-submit'));
    expect((await screen.findByTestId('batch-confirm-text')).textContent).toBe('将把2名团员的组织关系从“1班团支部”转入“2班团支部”。批量接转无需审核，确认后立即生效。');
    fireEvent.click(screen.getByText('取消'));
    await waitFor(() => expect(screen.queryByTestId('batch-confirm-text')).toBeNull());
    expect(calls('POST', '/orgs/88/transfers/batch')).toHaveLength(0);
    expect(screen.queryByTestId('batch-done')).toBeNull();

    fireEvent.click(screen.getByTestId('batch-submit'));
    fireEvent.click(await screen.findByText('确认转接'));
    await waitFor(() => expect(calls('POST', '/orgs/88/transfers/batch')).toHaveLength(1));
    expect(JSON.parse(calls('POST', '/orgs/88/transfers/batch')[0][0].data)).toMatchObject({ fromBranchId: '89', toBranchId: '90', memberIds: ['100', '101'] });
    expect((await screen.findByTestId('batch-done')).textContent).toContain('共转接2人');
  });

  it('tells a branch admin that only 基层团委、团工委、团总支 may batch-transfer', async () => {
    serve(['GET', '/orgs/88', { data: orgDetail('88', 'branch', '1班团支部') }]);
    render(<BatchTransferPage />);
    expect((await screen.findByTestId('batch-not-allowed')).textContent).toBe(ErrorMessages.BATCH_TRANSFER_NOT_ALLOWED);
  });
});

describe('transfer review (org)', () => {
  beforeEach(() => {
    logIn();
    withParams({ orgId: '86', transferId: '5' });
  });

  const inStep = step({ kind: 'in', label: '转入组织审核', org: tOrg('86', '中山大学计算机学院团委', 'grassrootsCommittee'), needsBranchAssignment: true });
  const detail = {
    ...transfer({ status: 'pendingIn', statusLabel: '待转入组织审核', steps: [step({ outcome: 'approved', handledAt: '2025-11-21T02:00:00Z' }), inStep] }),
    actionable: 'in',
    actingFor: null,
    canWithdrawAsInitiator: false,
  };

  it('requires a branch before 同意 when the destination is a committee, then sends it', async () => {
    serve(
      ['GET', '/orgs/86', { data: orgDetail('86', 'grassrootsCommittee', '中山大学计算机学院团委') }],
      ['GET', '/orgs/86/transfers/5', { data: detail }],
      ['GET', '/orgs/86/children', { data: { items: [child('88', 'generalBranch', '计算机学院2024级团总支', '86')].map((c) => ({ ...c, childCount: 1 })) } }],
      ['GET', '/orgs/88/children', { data: { items: [child('90', 'branch', '软件工程专业2024级2班团支部', '88')] } }],
      ['POST', '/orgs/86/transfers/5/review', { data: {} }],
    );
    render(<TransferPage />);
    fireEvent.click(await screen.findByTestId('transfer-approve'));
    expect(screen.getByTestId('transfer-assign-error').textContent).toBe(ErrorMessages.TRANSFER_BRANCH_REQUIRED);
    expect(calls('POST', '/orgs/86/transfers/5/review')).toHaveLength(0);

    await waitFor(() => expect(calls('GET', '/orgs/88/children')).toHaveLength(1));
    fireEvent.click(await screen.findByTestId('transfer-assign-90'));
    fireEvent.click(screen.getByTestId('transfer-approve'));
    await screen.findByTestId('transfer-done');
    const [call] = calls('POST', '/orgs/86/transfers/5/review');
    expect(JSON.parse(call[0].data)).toEqual({ action: 'approve', assignBranchId: '90' });
  });

  it('退回 needs a reason (shared message) before it is sent', async () => {
    serve(
      ['GET', '/orgs/86', { data: orgDetail('86', 'grassrootsCommittee', '中山大学计算机学院团委') }],
      ['GET', '/orgs/86/transfers/5', { data: detail }],
      ['GET', /\/orgs\/\d+\/children/, { data: { items: [] } }],
      ['POST', '/orgs/86/transfers/5/review', { data: {} }],
    );
    render(<TransferPage />);
    fireEvent.click(await screen.findByTestId('transfer-reject'));
    fireEvent.click(screen.getByTestId('transfer-reject-confirm'));
    expect(screen.getByTestId('transfer-reject-reason-error').textContent).toBe(ErrorMessages.TRANSFER_REJECT_REASON_REQUIRED);
    expect(calls('POST', '/orgs/86/transfers/5/review')).toHaveLength(0);
  });

  it('[004 §二(三)3 (2.2)(i) 发起方可随时撤销] the initiating org withdraws with a reason', async () => {
    serve(
      ['GET', '/orgs/86', { data: orgDetail('86', 'grassrootsCommittee', '中山大学计算机学院团委') }],
      ['GET', '/orgs/86/transfers/5', { data: { ...detail, actionable: null, canWithdrawAsInitiator: true } }],
      ['GET', /\/orgs\/\d+\/children/, { data: { items: [] } }],
      ['POST', '/orgs/86/transfers/5/withdraw', { data: {} }],
    );
    render(<TransferPage />);
    fireEvent.click(await screen.findByTestId('transfer-withdraw'));
    fireEvent.click(screen.getByTestId('transfer-withdraw-confirm'));
    expect(screen.getByTestId('transfer-withdraw-reason-error').textContent).toBe('请填写撤销原因');
    expect(calls('POST', '/orgs/86/transfers/5/withdraw')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('transfer-withdraw-reason-input').querySelector('textarea')!, { target: { value: '去向有变' } });
    fireEvent.click(screen.getByTestId('transfer-withdraw-confirm'));
    await screen.findByTestId('transfer-done');
    const [call] = calls('POST', '/orgs/86/transfers/5/withdraw');
    expect(JSON.parse(call[0].data)).toEqual({ reason: '去向有变' });
  });

  it('no withdrawal for an org that did not start the transfer', async () => {
    serve(
      ['GET', '/orgs/86', { data: orgDetail('86', 'grassrootsCommittee', '中山大学计算机学院团委') }],
      ['GET', '/orgs/86/transfers/5', { data: detail }],
      ['GET', /\/orgs\/\d+\/children/, { data: { items: [] } }],
    );
    render(<TransferPage />);
    await screen.findByTestId('transfer-approve');
    expect(screen.queryByTestId('transfer-initiator-withdraw')).toBeNull();
  });
});
