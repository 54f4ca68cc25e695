import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

  it('shows the rule and the count, and disables 确认 beyond 30 members', async () => {
    const members = Array.from({ length: 31 }, (_, i) => ({ id: String(100 + i), name: `团员${i}`, idNumberMasked: '440***********0012', hasOpenTransfer: false }));
    serve(
      ['GET', '/orgs/88', { data: orgDetail('88', 'generalBranch', '计算机学院2024级团总支') }],
      ['GET', '/orgs/88/children', { data: { items: [child('89', 'branch', '1班团支部', '88'), child('90', 'branch', '2班团支部', '88')] } }],
      ['GET', '/orgs/88/transfers/members', { data: { items: members } }],
    );
    render(<BatchTransferPage />);
    expect((await screen.findByTestId('batch-rule')).textContent).toContain('一次最多30人');
    // pick the from-branch through the page's picker: SelectField confirms the first option
    await waitFor(() => expect(calls('GET', '/orgs/88/children')).toHaveLength(1));
    await screen.findByTestId('batch-from');
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
});
