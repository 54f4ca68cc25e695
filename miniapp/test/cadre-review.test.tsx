import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages } from '@tj/shared';
import OfflinePage from '../src/cadre/pages/offline';
import ReviewPage from '../src/cadre/pages/review';
import ReviewsPage from '../src/cadre/pages/reviews';
import { branch, calls, idFor, logIn, serve, withParams } from './checkin-fixtures';

const ID = idFor('2003-02-02');
const org = {
  id: '21',
  parentId: '20',
  type: 'branch',
  shortName: branch.shortName,
  fullName: branch.fullName,
  alias: null,
  branchCategory: 'ordinary',
  depth: 4,
  sortOrder: 0,
  pathNames: branch.pathNames,
  childCount: 0,
  position: 'secretary',
  isAdmin: false,
  isOperator: true,
};
const myOrgs = ['GET', '/me/orgs', { data: { items: [org] } }] as const;

const detail = (over: Record<string, unknown> = {}) => ({
  id: '7',
  name: '王小明',
  idNumberMasked: `${ID.slice(0, 3)}***********${ID.slice(-4)}`,
  branchId: branch.id,
  branchName: branch.shortName,
  kind: 'checkin',
  status: 'submitted',
  realNameStatus: 'pending',
  submittedAt: '2025-11-21T02:00:00Z',
  data: { name: '王小明', idType: 'residentId', idNumber: ID, joinedAt: '2018-05', income: 'studentNoIncome' },
  previous: null,
  returnReason: null,
  offlineNote: null,
  offlinePhotoUrl: null,
  ...over,
});

describe('review detail (cadre)', () => {
  beforeEach(() => {
    logIn();
    withParams({ orgId: '21', checkinId: '7' });
  });

  it('disables 审核通过 while real-name verification runs, with the shared explanation', async () => {
    serve([...myOrgs], ['GET', '/orgs/21/checkins/7', { data: detail() }], ['POST', '/orgs/21/checkins/7/review', { data: null }]);
    render(<ReviewPage />);
    expect((await screen.findByTestId('review-approve-block')).textContent).toBe(ErrorMessages.REAL_NAME_IN_PROGRESS);
    expect(screen.getByTestId('review-realname').textContent).toBe('校验中');
    // The reviewing operator sees the whole ID number (§9).
    expect(screen.getByTestId('review-summary-idNumber').textContent).toContain(ID);
    fireEvent.click(screen.getByTestId('review-approve'));
    expect(calls('POST', '/orgs/21/checkins/7/review')).toHaveLength(0);
    expect(screen.queryByTestId('review-offline')).toBeNull();
  });

  it('offers 线下核验 only when real-name verification failed', async () => {
    serve([...myOrgs], ['GET', '/orgs/21/checkins/7', { data: detail({ realNameStatus: 'failed' }) }]);
    render(<ReviewPage />);
    expect((await screen.findByTestId('review-approve-block')).textContent).toBe(ErrorMessages.REAL_NAME_FAILED);
    expect(screen.getByTestId('review-offline')).toBeTruthy();
  });

  it('approves once real-name passed, and the page shows the new status at its top', async () => {
    serve(
      [...myOrgs],
      ['GET', '/orgs/21/checkins/7', { data: detail({ realNameStatus: 'passed' }) }],
      ['POST', '/orgs/21/checkins/7/review', { data: detail({ realNameStatus: 'passed', status: 'approved' }) }],
    );
    render(<ReviewPage />);
    await screen.findByTestId('review-name');
    expect(screen.queryByTestId('review-approve-block')).toBeNull();
    expect(screen.getByTestId('review-status').textContent).toBe('报到待审核');
    fireEvent.click(screen.getByTestId('review-approve'));
    await screen.findByTestId('review-done');
    const [call] = calls('POST', '/orgs/21/checkins/7/review');
    expect(JSON.parse(call[0].data)).toEqual({ action: 'approve' });
    // Issue 13 item 9: the status tag follows, and the outcome sits right under it, before the form.
    expect(screen.getByTestId('review-status').textContent).toBe('审核通过');
    const order = Array.from(document.querySelectorAll('[data-testid="review-done"], [data-testid="review-summary"]')).map((e) => e.getAttribute('data-testid'));
    expect(order).toEqual(['review-done', 'review-summary']);
  });

  it('shows 报到被退回 after returning with a reason', async () => {
    serve(
      [...myOrgs],
      ['GET', '/orgs/21/checkins/7', { data: detail({ realNameStatus: 'passed' }) }],
      ['POST', '/orgs/21/checkins/7/review', { data: detail({ realNameStatus: 'passed', status: 'returned', returnReason: '入团年月有误' }) }],
    );
    render(<ReviewPage />);
    await screen.findByTestId('review-name');
    fireEvent.click(screen.getByTestId('review-return'));
    fireEvent.change(document.querySelector('[data-testid="review-return-reason"] textarea')!, { target: { value: '入团年月有误' } });
    fireEvent.click((await screen.findAllByText('退回')).slice(-1)[0]!);
    expect((await screen.findByTestId('review-done')).textContent).toContain('已退回');
    expect(screen.getByTestId('review-status').textContent).toBe('报到被退回');
    expect(screen.queryByTestId('review-approve')).toBeNull();
  });

  it('offers no action on a check-in already decided (opened again after 线下核验)', async () => {
    serve([...myOrgs], ['GET', '/orgs/21/checkins/7', { data: detail({ status: 'approved', realNameStatus: 'offlinePassed' }) }]);
    render(<ReviewPage />);
    await screen.findByTestId('review-name');
    expect(screen.getByTestId('review-back')).toBeTruthy();
    expect(screen.queryByTestId('review-approve')).toBeNull();
    expect(screen.queryByTestId('review-return')).toBeNull();
  });

  it('requires a reason to return (shared schema message)', async () => {
    serve([...myOrgs], ['GET', '/orgs/21/checkins/7', { data: detail({ realNameStatus: 'passed' }) }], ['POST', '/orgs/21/checkins/7/review', { data: null }]);
    render(<ReviewPage />);
    await screen.findByTestId('review-name');
    fireEvent.click(screen.getByTestId('review-return'));
    const confirm = (await screen.findAllByText('退回')).slice(-1)[0]!;
    fireEvent.click(confirm);
    expect((await screen.findByTestId('review-return-error')).textContent).toBe(ErrorMessages.RETURN_REASON_REQUIRED);
    expect(calls('POST', '/orgs/21/checkins/7/review')).toHaveLength(0);
  });

  it('shows old and new values of an edit', async () => {
    serve(
      [...myOrgs],
      ['GET', '/orgs/21/checkins/7', { data: detail({ kind: 'edit', status: 'editSubmitted', realNameStatus: 'passed', previous: { ...detail().data, income: 'upTo2000' } }) }],
    );
    render(<ReviewPage />);
    expect((await screen.findByTestId('review-summary-income-previous')).textContent).toBe('≤2000元/月');
    expect(screen.getByTestId('review-summary-income').textContent).toContain('学生无收入');
    expect(screen.queryByTestId('review-summary-name-previous')).toBeNull();
  });
});

describe('offline verification (cadre)', () => {
  beforeEach(() => {
    logIn();
    withParams({ orgId: '21', checkinId: '7' });
  });

  it('says at each field what is missing: the note, the photo (issue 13 item 10)', async () => {
    serve([...myOrgs], ['GET', '/orgs/21/checkins/7', { data: detail({ realNameStatus: 'failed' }) }]);
    render(<OfflinePage />);
    fireEvent.click(await screen.findByTestId('offline-submit'));
    expect((await screen.findByTestId('offline-note-error')).textContent).toBe(ErrorMessages.OFFLINE_NOTE_REQUIRED);
    expect(screen.getByTestId('offline-photo-error').textContent).toBe(ErrorMessages.OFFLINE_PHOTO_REQUIRED);
    expect(screen.getByTestId('offline-photo-error').className).toContain('tj-field__error');
    expect(screen.queryByTestId('offline-error')).toBeNull();
    expect(document.body.textContent).not.toContain(ErrorMessages.VALIDATION_FAILED);
    expect(calls('POST', '/orgs/21/checkins/7/offline-verify')).toHaveLength(0);
  });
});

describe('review queue', () => {
  beforeEach(() => {
    logIn();
    withParams({ orgId: '21' });
  });

  it('lets only entries whose real-name passed be batch-approved', async () => {
    const item = (id: string, realNameStatus: string) => ({ ...detail({ id, realNameStatus }), data: undefined });
    serve(
      [...myOrgs],
      ['GET', '/orgs/21/checkins', { data: { items: [item('7', 'passed'), item('8', 'pending')], nextCursor: null, total: 2 } }],
      ['POST', '/orgs/21/checkins/batch-approve', (body) => ({ data: { approved: (body as { ids: string[] }).ids, skipped: [] } })],
    );
    render(<ReviewsPage />);
    await screen.findByTestId('review-item-7');
    expect(screen.getByTestId('reviews-total').textContent).toContain('2');
    fireEvent.click(screen.getByTestId('reviews-select-all'));
    fireEvent.click(screen.getByTestId('reviews-batch'));
    fireEvent.click((await screen.findAllByText('审核通过')).slice(-1)[0]!);
    await waitFor(() => expect(calls('POST', '/orgs/21/checkins/batch-approve')).toHaveLength(1));
    expect(JSON.parse(calls('POST', '/orgs/21/checkins/batch-approve')[0][0].data)).toEqual({ ids: ['7'] });
  });

  it('shows an empty queue with a picture shipped with the app, not fetched from a CDN (issue 13 item 12)', async () => {
    serve([...myOrgs], ['GET', '/orgs/21/checkins', { data: { items: [], nextCursor: null, total: 0 } }]);
    const { container } = render(<ReviewsPage />);
    await screen.findByText('暂无待审核的报到资料');
    // NutUI's own Empty renders <img src="https://storage.360buyimg.com/…">: ours draws its mark.
    expect(Array.from(container.querySelectorAll('img, image')).map((i) => i.getAttribute('src'))).toEqual([]);
    expect(container.querySelector('.tj-empty__mark')).not.toBeNull();
  });
});
