import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import AdminHomePage from '../src/admin/pages/home';
import RatingPage from '../src/admin/pages/rating';
import RatingReviewPage from '../src/admin/pages/rating-review';
import { logInAdmin, province, serve, withParams } from './admin-fixtures';

/** Issue 17 part 1 [004 §二(五)]: the 对标定级 entries, the self-rating form and the batch review. */
const branch = { ...province, id: '9', parentId: '7', type: 'branch', shortName: '2024级1班团支部', branchCategory: 'ordinary', childCount: 0, pathNames: ['中山大学团委'] };
const college = { ...province, id: '7', parentId: '1', type: 'grassrootsCommittee', shortName: '计算机学院团委', pathNames: ['团广东省委'] };
const summary = {
  id: '9',
  parentId: '7',
  type: 'branch',
  shortName: '2024级1班团支部',
  fullName: 'x',
  alias: null,
  branchCategory: 'ordinary',
  depth: 2,
  sortOrder: 0,
  pathNames: ['团广东省委', '计算机学院团委'],
  childCount: 0,
};
const selfPage = (over: object = {}) => ({
  org: summary,
  year: 2026,
  lockAt: '2026-12-31T04:00:00.000Z',
  locked: false,
  exclusion: null,
  rating: null,
  changesLeft: 3,
  canSubmit: true,
  ...over,
});
const rating = (over: object = {}) => ({
  year: 2026,
  status: 'rated',
  selfLevel: 'star4',
  selfRatedAt: '2026-11-01T02:00:00.000Z',
  changesUsed: 0,
  reviewLevel: null,
  reviewedAt: null,
  rectification: false,
  ...over,
});

beforeEach(() => logInAdmin());

describe('对标定级', () => {
  it('a 团支部 gets 自评, a committee 复核 and 进度', async () => {
    withParams({ orgId: '9' });
    serve(['GET', '/orgs/9', { data: branch }], ['GET', '/orgs/9/children', { data: { items: [] } }], ['GET', '/orgs/9/admin-requests', { data: { items: [] } }]);
    const { unmount } = render(<AdminHomePage />);
    await screen.findByTestId('action-rating');
    expect(screen.queryByTestId('action-ratingReview')).toBeNull();
    unmount();
    withParams({ orgId: '7' });
    serve(['GET', '/orgs/7', { data: college }], ['GET', '/orgs/7/children', { data: { items: [] } }], ['GET', '/orgs/7/admin-requests', { data: { items: [] } }]);
    render(<AdminHomePage />);
    await screen.findByTestId('action-ratingReview');
    expect(screen.getByTestId('action-ratingProgress')).toBeTruthy();
    expect(screen.queryByTestId('action-rating')).toBeNull();
  });

  it('shows the standard and the changes left; submits the picked star', async () => {
    withParams({ orgId: '9' });
    const posted: unknown[] = [];
    serve(
      ['GET', '/orgs/9', { data: branch }],
      ['GET', '/orgs/9/ratings/self', { data: selfPage() }],
      ['POST', '/orgs/9/ratings/self', (body) => (posted.push(body), { data: selfPage({ rating: rating(), changesLeft: 3 }) })],
    );
    render(<RatingPage />);
    await screen.findByTestId('rating-standard');
    expect(screen.getByTestId('rating-standard').textContent).toContain('班子建设');
    expect(screen.getByTestId('rating-changes-left').textContent).toContain('3 / 3');
    fireEvent.click(screen.getByTestId('rating-pick-star4'));
    fireEvent.click(screen.getByTestId('rating-submit'));
    fireEvent.click(await screen.findByText('提交'));
    await waitFor(() => expect(posted).toEqual([{ level: 'star4' }]));
    await screen.findByTestId('rating-notice');
  });

  it('a 不予定级 org is told it is in 重点整顿; an excluded one has no form', async () => {
    withParams({ orgId: '9' });
    serve(
      ['GET', '/orgs/9', { data: branch }],
      ['GET', '/orgs/9/ratings/self', { data: selfPage({ rating: rating({ status: 'reviewed', reviewLevel: 'ungraded', reviewedAt: '2026-11-02T00:00:00.000Z', rectification: true }) }) }],
    );
    const { unmount } = render(<RatingPage />);
    await screen.findByTestId('rating-rectification');
    unmount();
    serve(['GET', '/orgs/9', { data: branch }], ['GET', '/orgs/9/ratings/self', { data: selfPage({ exclusion: 'mobileMembers', canSubmit: false, changesLeft: 0 }) }]);
    render(<RatingPage />);
    expect((await screen.findByTestId('rating-excluded')).textContent).toContain('流动团员团支部');
    expect(screen.queryByTestId('rating-form')).toBeNull();
  });

  it('the review ticks orgs and sends one star for all of them', async () => {
    withParams({ orgId: '7' });
    const posted: unknown[] = [];
    const list = {
      year: 2026,
      lockAt: '2026-12-31T04:00:00.000Z',
      locked: false,
      items: [{ org: summary, rating: rating({ status: 'rerated', reviewLevel: 'ungraded', rectification: true }) }],
    };
    serve(['GET', '/orgs/7', { data: college }], ['GET', '/orgs/7/ratings/reviews', { data: list }], ['POST', '/orgs/7/ratings/reviews', (body) => (posted.push(body), { data: list })]);
    render(<RatingReviewPage />);
    await screen.findByTestId('rr-org-9');
    expect(screen.getByTestId('rr-status-9').textContent).toContain('已重新自评');
    fireEvent.click(screen.getByTestId('rr-check-9').querySelector('input') ?? screen.getByTestId('rr-check-9'));
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('rr-review').disabled).toBe(false));
    fireEvent.click(screen.getByTestId('rr-review'));
    fireEvent.click(await screen.findByTestId('rr-pick-star3'));
    fireEvent.click(screen.getByTestId('rr-submit'));
    await waitFor(() => expect(posted).toEqual([{ orgIds: ['9'], level: 'star3' }]));
  });
});
