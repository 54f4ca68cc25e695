import type { Browser } from 'playwright-core';
import { isRatingLocked, ratingYearAt } from '@tj/shared';
import { api, orgIdByName } from './api';
import { launch, loggedInPage, openPath } from './browser';
import { byId, expectText, stepShooter, tap } from './page';

/**
 * 对标定级 (issue 17) against the real server (demo seed): 1班's admin reads the standard and
 * rates the branch 四星, changes it once (2 changes left); 中山大学计算机学院团委's admin sees it waiting
 * with the seeded ones (one re-rated after 不予定级, in red), ticks 1班 and a seeded branch, picks 三星;
 * 1班 then sees the review and no more changes; the committee's progress counts it.
 */
const CLASS1_ADMIN = { phone: '13800000017', password: 'demo1234' };
const REVIEWER = { phone: '13800000016', password: 'demo1234' };

let browser: Browser;
const ids = { class1: '', college: '', seeded: '' };

const loggedIn = (who: { phone: string; password: string }) => loggedInPage(browser, who);
const open = openPath;

beforeAll(async () => {
  browser = await launch();
  // the year's results lock on 12-31 12:00 (UTC+8): run in the open part of a year
  const now = new Date();
  if (isRatingLocked(ratingYearAt(now), now)) await api('/test/clock', { method: 'POST', body: { now: new Date(now.getTime() + 86_400_000).toISOString() } });
  ids.class1 = await orgIdByName('计算机科学与技术专业2024级1班团支部');
  ids.college = await orgIdByName('中山大学计算机学院团委');
  ids.seeded = await orgIdByName('软件工程专业2023级2班团支部');
}, 60000);
afterAll(async () => {
  await api('/test/clock', { method: 'POST', body: { now: null } }).catch(() => undefined);
  await browser?.close();
});

it('a branch admin rates itself; the superior committee reviews it in a batch', async () => {
  const branch = await loggedIn(CLASS1_ADMIN);
  const shot = stepShooter(branch, 'rating-01-branch');
  await open(branch, `/admin/pages/home/index?orgId=${ids.class1}`);
  await byId(branch, 'admin-home').waitFor({ timeout: 20000 });
  await byId(branch, 'action-rating').waitFor();
  await shot('admin-home');
  await tap(branch, 'action-rating');
  await byId(branch, 'rating-standard').waitFor({ timeout: 20000 });
  await expectText(branch, 'rating-standard', '团支部每月至少开展1次活动；每次团员参与率50%以上');
  await expectText(branch, 'rating-changes-left', '3 / 3');
  await shot('self-rating-empty');
  await tap(branch, 'rating-pick-star4');
  await byId(branch, 'rating-submit').scrollIntoViewIfNeeded();
  await shot('picked');
  await tap(branch, 'rating-submit');
  await branch.locator('.nut-dialog-footer-ok:visible').first().click();
  await expectText(branch, 'rating-notice', '自评已提交，等待上级复核');
  await expectText(branch, 'rating-self-level', '四星');
  await expectText(branch, 'rating-status', '待复核');
  await shot('submitted');
  // one change: 2 left
  await tap(branch, 'rating-pick-star5');
  await tap(branch, 'rating-submit');
  await branch.locator('.nut-dialog-footer-ok:visible').first().click();
  await expectText(branch, 'rating-self-level', '五星');
  await expectText(branch, 'rating-changes-left', '2 / 3');
  await branch.evaluate(() => window.scrollTo(0, 0));
  await shot('changed-once');

  // ── the superior committee reviews ──
  const reviewer = await loggedIn(REVIEWER);
  const rshot = stepShooter(reviewer, 'rating-02-review');
  await open(reviewer, `/admin/pages/rating-review/index?orgId=${ids.college}`);
  await byId(reviewer, `rr-org-${ids.class1}`).waitFor({ timeout: 20000 });
  await expectText(reviewer, `rr-self-${ids.class1}`, '五星');
  await rshot('waiting');
  await tap(reviewer, 'rr-tab-rectification');
  await rshot('rectification-list');
  await tap(reviewer, 'rr-tab-waiting');
  await tap(reviewer, `rr-check-${ids.class1}`);
  await tap(reviewer, `rr-check-${ids.seeded}`);
  await tap(reviewer, 'rr-review');
  await byId(reviewer, 'rr-form').waitFor();
  await tap(reviewer, 'rr-pick-star3');
  await rshot('pick-star');
  await tap(reviewer, 'rr-submit');
  await expectText(reviewer, 'rr-notice', '已将 2 个团组织复核为“三星”');
  await tap(reviewer, 'rr-tab-all');
  await expectText(reviewer, `rr-review-${ids.class1}`, '三星');
  await expectText(reviewer, `rr-status-${ids.class1}`, '已复核');
  await rshot('reviewed');

  await open(reviewer, `/admin/pages/rating-progress/index?orgId=${ids.college}`);
  await byId(reviewer, 'rp-total').waitFor({ timeout: 20000 });
  await rshot('progress');

  // ── the branch sees the review, nothing left to change ──
  await open(branch, `/admin/pages/rating/index?orgId=${ids.class1}`);
  await expectText(branch, 'rating-review-level', '三星', { timeout: 20000 });
  await expectText(branch, 'rating-changes-left', '0 / 3');
  await shot('reviewed');
}, 180000);
