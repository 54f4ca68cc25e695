import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages, idCheckChar } from '@tj/shared';
import AdminHomePage from '../src/admin/pages/home';
import IdentityCorrectionsPage from '../src/admin/pages/identity-corrections';
import IdentityCorrectionPage from '../src/member/pages/identity-correction';
import { logInAdmin, province, request, serve, typeInto, withParams } from './admin-fixtures';

/** Issue 15 item 5 — [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑. */
const id = (first17: string) => first17 + idCheckChar(first17);
const oldId = id('44010620020304002');
const newId = id('44010620010708001'); // odd 17th digit: male
const item = (over: object = {}) => ({
  id: '5',
  memberId: '9',
  branchName: '一班团支部',
  current: { name: '张小红', gender: 'female', idNumber: oldId },
  requested: { name: '张晓红', gender: 'male', idNumber: newId },
  note: '录入有误',
  photoUrl: '/api/uploads/3',
  status: 'pending',
  decisionReason: null,
  requestedAt: '2026-05-20T02:00:00.000Z',
  ...over,
});
const approvedCheckin = {
  status: 'approved',
  realNameStatus: 'passed',
  resumeStep: 'confirm',
  draft: { name: '张小红', gender: 'female', idNumber: oldId },
  approved: { name: '张小红', gender: 'female', idNumber: '4401**********002X' },
  branch: null,
  returnReason: null,
  submittedAt: null,
  reviewedAt: null,
};
const posted = (path: string) => request.mock.calls.filter(([o]) => o.method === 'POST' && String(o.url).endsWith(path));

beforeEach(() => logInAdmin());

describe('identity corrections — admin side [004 §一(一)1: 由省团委进行编辑]', () => {
  it('the entry is on the admin home of the root leading organ only', async () => {
    withParams({ orgId: '1' });
    serve(['GET', '/orgs/1', { data: province }], ['GET', '/orgs/1/children', { data: { items: [] } }], ['GET', '/orgs/1/admin-requests', { data: { items: [] } }]);
    const { unmount } = render(<AdminHomePage />);
    await screen.findByTestId('action-identityCorrections');
    unmount();
    const city = { ...province, id: '2', parentId: '1', shortName: '团广州市委' };
    withParams({ orgId: '2' });
    serve(['GET', '/orgs/2', { data: city }], ['GET', '/orgs/2/children', { data: { items: [] } }], ['GET', '/orgs/2/admin-requests', { data: { items: [] } }]);
    render(<AdminHomePage />);
    await screen.findByTestId('action-roster');
    expect(screen.queryByTestId('action-identityCorrections')).toBeNull();
  });

  it('shows current → corrected values; 不同意 needs a reason before anything is sent; 同意 sends the decision', async () => {
    withParams({ orgId: '1' });
    const decisions: unknown[] = [];
    serve(
      ['GET', '/orgs/1', { data: province }],
      ['GET', '/orgs/1/identity-corrections', { data: { items: [item()] } }],
      ['POST', '/orgs/1/identity-corrections/5/decision', (body) => (decisions.push(body), { status: 204, data: null })],
    );
    render(<IdentityCorrectionsPage />);
    expect((await screen.findByTestId('idfix-name-5')).textContent).toBe('姓名：张小红更正为：张晓红');
    expect(screen.getByTestId('idfix-gender-5').textContent).toBe('性别：女更正为：男');
    expect(screen.getByTestId('idfix-id-5').textContent).toContain(newId);
    fireEvent.click(screen.getByTestId('idfix-reject-5'));
    fireEvent.click(screen.getByTestId('idfix-reject-send'));
    expect((await screen.findByTestId('idfix-admin-error')).textContent).toBe(ErrorMessages.IDENTITY_CORRECTION_REASON_REQUIRED);
    expect(posted('/decision')).toHaveLength(0);
    fireEvent.click(screen.getByText('取消'));
    fireEvent.click(screen.getByTestId('idfix-approve-5'));
    await waitFor(() => expect(decisions).toEqual([{ approve: true }]));
  });
});

describe('identity corrections — member side [004 §一(一)1]', () => {
  it('asks for the evidence photo and a gender that agrees with the ID before anything is sent', async () => {
    serve(['GET', '/me/checkin', { data: approvedCheckin }], ['GET', '/me/identity-correction', { data: { item: null } }]);
    render(<IdentityCorrectionPage />);
    const el = await screen.findByTestId('idfix-id');
    const idInput = (el.tagName === 'INPUT' ? el : el.querySelector('input')!) as HTMLInputElement;
    expect(idInput.value).toBe(oldId);
    typeInto(fireEvent, idInput, newId);
    fireEvent.click(screen.getByTestId('idfix-submit'));
    expect((await screen.findByTestId('idfix-photo-error')).textContent).toBe(ErrorMessages.IDENTITY_CORRECTION_PHOTO_REQUIRED);
    expect(screen.getByTestId('idfix-gender-error').textContent).toBe(ErrorMessages.IDENTITY_CORRECTION_GENDER_MISMATCH);
    expect(posted('/me/identity-correction')).toHaveLength(0);
  });

  it('shows a pending request instead of the form, and a rejected one with its reason', async () => {
    serve(['GET', '/me/checkin', { data: approvedCheckin }], ['GET', '/me/identity-correction', { data: { item: item() } }]);
    const { unmount } = render(<IdentityCorrectionPage />);
    expect((await screen.findByTestId('idfix-latest')).textContent).toContain('待省团委审批');
    expect(screen.queryByTestId('idfix-submit')).toBeNull();
    unmount();
    serve(['GET', '/me/checkin', { data: approvedCheckin }], ['GET', '/me/identity-correction', { data: { item: item({ status: 'rejected', decisionReason: '照片不清晰' }) } }]);
    render(<IdentityCorrectionPage />);
    expect((await screen.findByTestId('idfix-reason')).textContent).toContain('照片不清晰');
    expect(screen.getByTestId('idfix-submit')).toBeTruthy();
  });
});
