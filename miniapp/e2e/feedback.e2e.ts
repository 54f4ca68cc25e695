import type { Browser, Page } from 'playwright-core';
import { ErrorMessages } from '@tj/shared';
import { api, newIdNumber, orgIdByName, submittedMember, tokenOf } from './api';
import { baseUrl, launch, phonePage } from './browser';
import { byId, expectText, fill, stepShooter, tap } from './page';

/**
 * Issue 13 items 9–11 and 14, where only a real browser tells: an unknown address, the H5
 * back affordance, errors in red next to their field (dialogs included), the review page
 * after a return, the returned member's status page, and the transfer form refused on entry.
 */
const OPERATOR = { phone: '13800000013', password: 'demo1234' };
const BRANCH = '计算机科学与技术专业2024级1班团支部';
const RED = 'rgb(224, 46, 36)';
const stamp = String(Date.now()).slice(-7);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function login(page: Page, who: { phone: string; password: string }) {
  await page.goto(`${baseUrl()}/pages/login/index`);
  await fill(page, 'login-phone', who.phone);
  await fill(page, 'login-password', who.password);
  await tap(page, 'login-submit');
}

/** Every request a page makes that leaves our origin (item 12: there must be none). */
function foreignRequests(page: Page): string[] {
  const out: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(baseUrl()) && !/^(data|blob):/.test(url)) out.push(url);
  });
  return out;
}

const colorOf = (page: Page, testId: string) => byId(page, testId).evaluate((el) => getComputedStyle(el).color);

describe('feedback a newcomer sees (H5 in Chromium, issue 13)', () => {
  it('an unknown address shows 页面不存在 with a way home; H5 pages have 返回', async () => {
    const page = await phonePage(browser);
    const shot = stepShooter(page, 'feedback-navigation');
    await page.goto(`${baseUrl()}/pages/no-such-page/index?x=1`);
    await byId(page, 'not-found-page').waitFor({ timeout: 20000 });
    await expectText(page, 'not-found-page', '页面不存在');
    await shot('not-found');
    await tap(page, 'not-found-home');
    await byId(page, 'login-phone').waitFor({ timeout: 20000 });

    // The first page offers 首页; a page opened from another one offers 返回, and it goes back.
    await expectText(page, 'login-to-register', '注册');
    expect((await page.locator('.taro-navigation-bar-title').textContent())?.length).toBeGreaterThan(0);
    await shot('first-page');
    await tap(page, 'login-to-register');
    const back = page.locator('.taro-navigation-bar-back-icon .taro-navigation-bar-back');
    await back.waitFor({ state: 'visible', timeout: 15000 });
    await byId(page, 'register-phone').waitFor({ timeout: 15000 });
    await shot('second-page-with-back');
    await back.click();
    await byId(page, 'login-phone').waitFor({ timeout: 15000 });
    await page.context().close();
  });

  it('return: the error in red at the reason; afterwards the review and the member both say 退回', async () => {
    const branchId = await orgIdByName(BRANCH);
    const member = await submittedMember(branchId, '周晓雯', `136${stamp}1`.slice(0, 11));
    const opToken = await tokenOf(OPERATOR);
    let checkinId = '';
    for (let i = 0; i < 40 && !checkinId; i++) {
      const queue = await api<{ items: { id: string; name: string }[] }>(`/orgs/${branchId}/checkins?limit=100`, { token: opToken });
      checkinId = queue.items.find((it) => it.name === member.name)?.id ?? '';
      if (!checkinId) await new Promise((r) => setTimeout(r, 500));
    }
    expect(checkinId).not.toBe('');

    const operator = await phonePage(browser);
    const shot = stepShooter(operator, 'feedback-review');
    await login(operator, OPERATOR);
    await byId(operator, `status-org-${branchId}`).waitFor({ timeout: 20000 });

    // Offline verification with nothing filled in: each field says what is missing, in red.
    await operator.goto(`${baseUrl()}/cadre/pages/offline/index?orgId=${branchId}&checkinId=${checkinId}`);
    await tap(operator, 'offline-submit');
    await expectText(operator, 'offline-photo-error', ErrorMessages.OFFLINE_PHOTO_REQUIRED);
    await expectText(operator, 'offline-note-error', ErrorMessages.OFFLINE_NOTE_REQUIRED);
    expect(await colorOf(operator, 'offline-photo-error')).toBe(RED);
    await shot('offline-errors');

    await operator.goto(`${baseUrl()}/cadre/pages/review/index?orgId=${branchId}&checkinId=${checkinId}`);
    await expectText(operator, 'review-status', '报到待审核');
    await tap(operator, 'review-return');
    await operator.locator('.nut-dialog-footer-ok:visible').first().click();
    await expectText(operator, 'review-return-error', ErrorMessages.RETURN_REASON_REQUIRED);
    expect(await colorOf(operator, 'review-return-error')).toBe(RED);
    await shot('return-reason-required');
    await fill(operator, 'review-return-reason', '入团年月与档案不符，请核对');
    await operator.locator('.nut-dialog-footer-ok:visible').first().click();
    await expectText(operator, 'review-done', '已退回');
    await expectText(operator, 'review-status', '报到被退回');
    // The outcome is on screen where the operator is looking, not below the whole form.
    const box = await byId(operator, 'review-done').boundingBox();
    expect(box && box.y + box.height).toBeLessThan(812);
    await shot('returned');
    await operator.context().close();

    const page = await phonePage(browser);
    const mshot = stepShooter(page, 'feedback-member');
    await login(page, member);
    await expectText(page, 'status-title', '报到被退回', { timeout: 20000 });
    await expectText(page, 'status-return-reason', '入团年月与档案不符');
    expect(await byId(page, 'status-page').textContent()).not.toContain('等待团支部审核');
    await mshot('status-returned');

    // Not approved: the transfer form says so on entry, before any work.
    await page.goto(`${baseUrl()}/member/pages/transfer-apply/index`);
    await expectText(page, 'transfer-apply-not-approved', ErrorMessages.CHECKIN_REQUIRED);
    expect(await page.locator('[data-testid="transfer-next"]:visible').count()).toBe(0);
    await mshot('transfer-not-approved');
    await page.context().close();
  });

  it('the pages changed for issue 13 at 375×812, with no request leaving our origin', async () => {
    const branchId = await orgIdByName(BRANCH);
    const schoolId = await orgIdByName('中山大学团委');
    const page = await phonePage(browser);
    const foreign = foreignRequests(page);
    const shot = stepShooter(page, 'feedback-pages');

    // Item 8 / 13: step 3 of a form saved up to step 2 — highlighted, the registered phone filled in.
    const phone = `135${stamp}2`.slice(0, 11);
    await api('/auth/sms', { method: 'POST', body: { phone, purpose: 'register' } });
    const { code } = await api<{ code: string }>(`/test/sms/${phone}`);
    const { accessToken: token } = await api<{ accessToken: string }>('/auth/register', {
      method: 'POST',
      body: { phone, password: 'abc12345', confirmPassword: 'abc12345', smsCode: code, regionCode: '440106', agreed: true },
    });
    await api('/me/checkin/steps/identity', { method: 'PUT', token, body: { name: '郑可欣', idType: 'residentId', idNumber: newIdNumber(), joinedAt: '2014-05', branchId } });
    await api('/me/checkin/steps/league', { method: 'PUT', token, body: { income: 'studentNoIncome', holdsPosition: false, developmentNumber: null, joinUnit: '广州市第一中学' } });
    await login(page, { phone, password: 'abc12345' });
    await byId(page, 'status-page').waitFor({ timeout: 20000 });
    await page.goto(`${baseUrl()}/member/pages/checkin/index`);
    await byId(page, 'cert-phone').waitFor({ timeout: 20000 });
    expect(await page.locator('[data-testid="cert-phone"] input, input[data-testid="cert-phone"]').first().inputValue()).toBe(phone);
    expect(await page.locator('.nut-step:visible').nth(2).getAttribute('class')).toContain('nut-step-process');
    await shot('checkin-step3');
    await page.goto(`${baseUrl()}/member/pages/checkin/index?step=identity`);
    await byId(page, 'cert-joinedAt').waitFor({ timeout: 20000 });
    await shot('checkin-step1');
    await page.goto(`${baseUrl()}/member/pages/org-search/index`);
    await fill(page, 'org-search-input', '没有这个组织名称');
    await page.locator('.nut-empty:visible').first().waitFor({ timeout: 15000 });
    await shot('empty-state');
    await page.context().close();

    const admin = await phonePage(browser);
    const adminForeign = foreignRequests(admin);
    const ashot = stepShooter(admin, 'feedback-admin');
    await login(admin, { phone: '13800000012', password: 'demo1234' });
    await admin.waitForTimeout(1500);
    await admin.goto(`${baseUrl()}/admin/pages/audit/index?orgId=${schoolId}`);
    await byId(admin, 'audit-list').waitFor({ timeout: 20000 });
    expect(await byId(admin, 'audit-list').textContent()).not.toMatch(/\b(checkin|transfer|roster|org|cadre)\.[a-zA-Z]+/);
    await ashot('audit');
    await admin.goto(`${baseUrl()}/admin/pages/org-form/index?orgId=${schoolId}&mode=create`);
    await tap(admin, 'org-type-grassrootsCommittee');
    await fill(admin, 'org-shortName', '中山大学数学学院（珠海）本科生第二党支部对口共建团委');
    await admin.waitForTimeout(500);
    await ashot('org-form-long-names');
    await admin.context().close();

    expect([...foreign, ...adminForeign]).toEqual([]);
  });
});
