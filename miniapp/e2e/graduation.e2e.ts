import type { Browser } from 'playwright-core';
import { api, orgIdByName, tokenOf } from './api';
import { baseUrl, launch, phonePage } from './browser';
import { byId, confirmPicker, expectText, fill, stepShooter, tap } from './page';

/**
 * Issue 16 part 1 [004 §二(二)]: the 中山大学 admin marks a graduating class on the phone; the
 * durable 6 月 1 日 job (run now through the test endpoint, on the real server's queue) turns it
 * into a 毕业生团组织. The seeded 2022级 classes (marked 2026-06) were converted by the same job's
 * catch-up when the server first started.
 */
const SCHOOL_ADMIN = { phone: '13800000012', password: 'demo1234' };
const CLASS = '软件工程专业2023级2班团支部';
const CONVERTED = '计算机科学与技术专业2022级1班团支部';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

test('mark a graduating class → the job converts it into a 毕业生团组织', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'graduation-01-mark-and-convert');
  const school = await orgIdByName('中山大学团委');
  const classId = await orgIdByName(CLASS);
  const convertedId = await orgIdByName(CONVERTED);

  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', SCHOOL_ADMIN.phone);
  await fill(page, 'login-password', SCHOOL_ADMIN.password);
  await tap(page, 'login-submit');
  await page.waitForURL(/admin|status|member/, { timeout: 15000 });

  await page.goto(`${baseUrl()}/admin/pages/home/index?orgId=${school}`);
  await byId(page, 'action-graduation').waitFor({ timeout: 20000 });
  await tap(page, 'action-graduation');
  await byId(page, 'graduation-page').waitFor({ timeout: 15000 });
  // the catch-up run at the server's start already converted the 2022级 classes
  await expectText(page, `grad-state-${convertedId}`, '毕业生团组织', { timeout: 20000 });
  await expectText(page, `grad-state-${classId}`, '未标记');
  await shoot('list');

  await page.locator(`[data-testid="grad-check-${classId}"]`).filter({ visible: true }).first().click();
  await tap(page, 'grad-mark');
  await byId(page, 'grad-form').waitFor();
  await tap(page, 'grad-next'); // nothing chosen yet: the shared rule's message
  await expectText(page, 'grad-month-error', '两者选其一');
  await confirmPicker(page, 'grad-month');
  await shoot('mark-form');
  await tap(page, 'grad-next');
  await page.locator('.nut-dialog-footer-ok:visible').first().waitFor();
  await shoot('mark-confirm');
  await page.locator('.nut-dialog-footer-ok:visible').first().click();
  await expectText(page, 'grad-notice', '已标记 1 个团支部');
  await expectText(page, `grad-state-${classId}`, '已标记');
  await shoot('marked');

  // the year's conversion, run now by the server's own job poller
  const token = await tokenOf(SCHOOL_ADMIN);
  const { items } = await api<{ items: { id: string; month: string | null }[] }>(`/orgs/${school}/graduation/branches`, { token });
  const month = items.find((b) => b.id === classId)!.month!;
  const res = await fetch(`${baseUrl()}/api/test/graduation/convert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ year: Number(month.slice(0, 4)) }),
  });
  expect(res.status).toBe(202);
  await page.waitForFunction(
    async ([url, t, id]) => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${t}` } });
      const body = (await r.json()) as { items: { id: string; convertedAt: string | null }[] };
      return body.items.some((b) => b.id === id && b.convertedAt);
    },
    [`${baseUrl()}/api/orgs/${school}/graduation/branches`, token, classId] as const,
    { timeout: 20000, polling: 500 },
  );
  await page.reload();
  await expectText(page, `grad-state-${classId}`, '毕业生团组织', { timeout: 20000 });
  await shoot('converted');

  await tap(page, `grad-open-${classId}`);
  await byId(page, 'graduation-branch-page').waitFor({ timeout: 15000 });
  await expectText(page, 'gb-category', '毕业生团组织');
  await expectText(page, 'gb-still', '1');
  await shoot('branch');
  await page.context().close();
});

test('延迟毕业 on a graduating branch, the 延迟毕业团员 list, and 团籍管理 (screens at 375×812)', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'graduation-02-delay-and-membership');
  const school = await orgIdByName('中山大学团委');
  const class2023 = await orgIdByName('计算机科学与技术专业2023级1班团支部');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', SCHOOL_ADMIN.phone);
  await fill(page, 'login-password', SCHOOL_ADMIN.password);
  await tap(page, 'login-submit');
  await page.waitForURL(/admin|status|member/, { timeout: 15000 });

  await page.goto(`${baseUrl()}/admin/pages/graduation-branch/index?orgId=${school}&branchId=${class2023}`);
  await byId(page, 'graduation-branch-page').waitFor({ timeout: 20000 });
  await expectText(page, 'gb-month', '2027年06月');
  await shoot('branch-2023');
  const delayButton = page.locator('[data-testid^="gb-delay-"]').filter({ visible: true }).first();
  await delayButton.click();
  await byId(page, 'gb-delay-reason').waitFor();
  await tap(page, 'gb-delay-save');
  await byId(page, 'gb-delay-month-error').waitFor();
  await shoot('delay-form-errors');

  await page.goto(`${baseUrl()}/admin/pages/graduation/index?orgId=${school}`);
  await byId(page, 'graduation-page').waitFor({ timeout: 20000 });
  await tap(page, 'grad-tab-delayed');
  await page.locator('[data-testid^="delayed-revoke-"]').filter({ visible: true }).first().waitFor({ timeout: 15000 });
  await shoot('delayed-list');

  await page.goto(`${baseUrl()}/admin/pages/membership/index?orgId=${school}`);
  await byId(page, 'membership-page').waitFor({ timeout: 20000 });
  await shoot('membership-requests');
  await tap(page, 'ms-tab-apply');
  await fill(page, 'ms-search', '陈思远');
  await tap(page, 'ms-search-go');
  await page.locator('[data-testid^="ms-pick-"]').filter({ visible: true }).first().click();
  await byId(page, 'ms-kind').waitFor();
  await shoot('membership-apply');
  await tap(page, 'ms-tab-former');
  await shoot('membership-former');
  await page.context().close();
});
