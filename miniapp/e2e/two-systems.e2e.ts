import type { Browser, Page } from 'playwright-core';
import { todayInChina, yearInChina } from '@tj/shared';
import { api, orgIdByName, tokenOf } from './api';
import { baseUrl, launch, phonePage, stepShooter } from './browser';
import { byId, expectText, fill, tap } from './page';

/**
 * 两制 (issue 16 part 4) against the real server (demo seed): 中山大学团委 opens the year's
 * 年度团籍注册 with a window starting next week; 1班 cannot register yet; the server's clock
 * (the E2E test clock) moves into the window; 1班 refuses one member with a reason and
 * registers the rest at once, submits; the school admin approves for 计算机学院2024级团总支 (1班's
 * direct superior, which has no admin of its own), sees the progress; a member sees the record.
 */
const SCHOOL_ADMIN = { phone: '13800000012', password: 'demo1234' };
const CLASS1_OPERATOR = { phone: '13800000013', password: 'demo1234' };
const MEMBER = { phone: '13800000003', password: 'demo1234' };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await api('/test/clock', { method: 'POST', body: { now: null } }).catch(() => undefined);
  await browser?.close();
});

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function login(page: Page, who: { phone: string; password: string }) {
  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', who.phone);
  await fill(page, 'login-password', who.password);
  await tap(page, 'login-submit');
  await page.waitForURL(/admin|status|member|cadre/, { timeout: 15000 });
}

test('open a year → the branch registers within the window → the superior approves → the member sees it', async () => {
  const today = todayInChina();
  const startsOn = plusDays(today, 7);
  const endsOn = plusDays(today, 37);
  const schoolId = await orgIdByName('中山大学团委');
  const gradeId = await orgIdByName('计算机学院2024级团总支');
  const class1Id = await orgIdByName('计算机科学与技术专业2024级1班团支部');

  // ── the committee opens the year ──
  const admin = await phonePage(browser);
  const shootAdmin = stepShooter(admin, 'two-systems-01-committee');
  await login(admin, SCHOOL_ADMIN);
  await admin.goto(`${baseUrl()}/admin/pages/two-systems/index?orgId=${schoolId}`);
  await byId(admin, 'ts-open-submit').waitFor({ timeout: 20000 });
  await shootAdmin('open-form');
  await fill(admin, 'ts-starts', startsOn);
  await fill(admin, 'ts-ends', plusDays(today, -1));
  await tap(admin, 'ts-open-submit');
  await expectText(admin, 'ts-ends-error', '结束日期不能早于开始日期');
  await fill(admin, 'ts-ends', endsOn);
  await tap(admin, 'ts-open-submit');
  await byId(admin, 'ts-progress').waitFor({ timeout: 15000 });
  await shootAdmin('opened-with-progress');

  // ── the branch, before the window: nothing to do yet ──
  const branch = await phonePage(browser);
  const shootBranch = stepShooter(branch, 'two-systems-02-branch');
  await login(branch, CLASS1_OPERATOR);
  await branch.goto(`${baseUrl()}/cadre/pages/two-systems/index?orgId=${class1Id}`);
  await expectText(branch, 'ts-branch-state', '未提交');
  expect(await byId(branch, 'ts-decide-all').count()).toBe(0);
  await shootBranch('before-window');

  // ── the server's day moves into the window (China 10:00 on the second day) ──
  await api('/test/clock', { method: 'POST', body: { now: `${plusDays(startsOn, 1)}T02:00:00.000Z` } });
  await branch.reload();
  await byId(branch, 'ts-decide-all').waitFor({ timeout: 20000 });
  const opToken = await tokenOf(CLASS1_OPERATOR);
  const { items } = await api<{ items: { id: string; year: number; kind: string }[] }>(`/orgs/${class1Id}/two-systems/campaigns?kind=registration`, { token: opToken });
  const campaign = items.find((c) => c.year === yearInChina())!;
  const work = await api<{ members: { memberId: string; name: string }[] }>(`/orgs/${class1Id}/two-systems/campaigns/${campaign.id}/branch`, { token: opToken });
  const refused = work.members.find((m) => m.name !== '周子涵')!;
  await shootBranch('in-window');

  // one by one: 不予注册 + reason
  await tap(branch, `ts-member-${refused.memberId}-refused`);
  await fill(branch, `ts-member-reason-${refused.memberId}`, '长期失联，无法联系');
  await tap(branch, `ts-member-reason-ok-${refused.memberId}`);
  await expectText(branch, `ts-member-outcome-${refused.memberId}`, '不予注册');
  // all at once: the rest
  await tap(branch, 'ts-decide-all');
  await expectText(branch, 'ts-submit', '提交上级审批');
  await shootBranch('decided');
  await tap(branch, 'ts-submit');
  await expectText(branch, 'ts-branch-state', '待审批');
  await shootBranch('submitted');

  // ── the superior approves (年度团籍注册审批) ──
  await admin.goto(`${baseUrl()}/admin/pages/two-systems-approvals/index?orgId=${gradeId}`);
  const card = admin.locator('[data-testid^="ts-submission-toggle-"]').filter({ visible: true }).first();
  await card.waitFor({ timeout: 20000 });
  await shootAdmin('approvals-list');
  await card.click();
  await byId(admin, 'ts-approve').waitFor({ timeout: 15000 });
  await shootAdmin('approvals-detail');
  await tap(admin, 'ts-approve');
  await admin.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid^="ts-submission-state-"]')).some((e) => e.textContent?.includes('已审批')));
  await shootAdmin('approved');

  // progress per sub-org at the school
  await admin.goto(`${baseUrl()}/admin/pages/two-systems/index?orgId=${schoolId}`);
  await tap(admin, `ts-progress-toggle-${campaign.id}`);
  await byId(admin, 'ts-progress').waitFor({ timeout: 15000 });
  await expectText(admin, `ts-progress-${await orgIdByName('中山大学计算机学院团委')}`, '团员已注册');
  await byId(admin, 'ts-progress').scrollIntoViewIfNeeded();
  await shootAdmin('progress-after-approval');

  // ── the member's own record ──
  const member = await phonePage(browser);
  await login(member, MEMBER);
  await member.goto(`${baseUrl()}/member/pages/two-systems/index`);
  await expectText(member, `my-ts-${yearInChina()}-registration`, '予以注册');
  await stepShooter(member, 'two-systems-03-member')('my-records');
});
