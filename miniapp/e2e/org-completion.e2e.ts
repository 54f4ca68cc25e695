import type { Browser, Page } from 'playwright-core';
import { api, newIdNumber, orgIdByName, tokenOf } from './api';
import { baseUrl, launch, phonePage, stepShooter } from './browser';
import { byId, confirmPicker, expectText, fill, tap } from './page';

/**
 * 004 §二(一)3 "各级团组织的组织简称和组织类别由上级团组织管理员创建，其他具体组织信息由本级团组织管理员填写":
 * the province admin creates a branch giving only 组织类别 and 组织简称; the branch's own admin
 * registers, completes the rest on the org form, and 信息待完善 gives way to 信息完整.
 */
const PROVINCE_ADMIN = { phone: '13800000010', password: 'demo1234' };
const SUB_ADMIN = { phone: '13900000066', password: 'abc12345', name: '林管理' };
const SHORT_NAME = '省直机关第九团支部';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

async function login(page: Page, who: { phone: string; password: string }) {
  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', who.phone);
  await fill(page, 'login-password', who.password);
  await tap(page, 'login-submit');
  await page.waitForURL(/admin|status|member/, { timeout: 15000 });
}

test('the superior gives 组织类别 + 组织简称 only; the org’s own admin completes the rest', async () => {
  const provinceId = await orgIdByName('团广东省委');
  const page = await phonePage(browser);
  const shot = stepShooter(page, 'org-completion');
  await login(page, PROVINCE_ADMIN);
  await page.goto(`${baseUrl()}/admin/pages/org-form/index?orgId=${provinceId}&mode=create`);
  await byId(page, 'org-form').waitFor({ timeout: 20000 });
  await tap(page, 'org-type-branch');
  await fill(page, 'org-shortName', SHORT_NAME);
  // only the two fields: the proposed full name is cleared too
  await fill(page, 'org-fullName', '');
  await shot('create-two-fields');
  await tap(page, 'org-submit');
  await page.waitForURL(/admin\/pages\/home/, { timeout: 15000 });
  const newId = await orgIdByName(SHORT_NAME);
  await page.context().close();

  // the new branch's admin registers with the code its superior issued
  const province = await tokenOf(PROVINCE_ADMIN);
  const { code } = await api<{ code: string }>(`/orgs/${provinceId}/children/${newId}/admin-code`, { method: 'POST', token: province });
  await api('/auth/sms', { method: 'POST', body: { phone: SUB_ADMIN.phone, purpose: 'adminRegister' } });
  const { code: smsCode } = await api<{ code: string }>(`/test/sms/${SUB_ADMIN.phone}`);
  await api('/auth/admin-register', {
    method: 'POST',
    body: {
      orgId: newId,
      position: 'secretary',
      code,
      name: SUB_ADMIN.name,
      idNumber: newIdNumber(),
      phone: SUB_ADMIN.phone,
      smsCode,
      password: SUB_ADMIN.password,
      confirmPassword: SUB_ADMIN.password,
      joinedAt: '2014-05',
    },
  });

  const own = await phonePage(browser);
  const shootOwn = stepShooter(own, 'org-completion-own-admin');
  await login(own, SUB_ADMIN);
  await own.goto(`${baseUrl()}/admin/pages/home/index?orgId=${newId}`);
  await byId(own, 'home-info-incomplete').waitFor({ timeout: 20000 });
  await expectText(own, 'home-missing', '组织全称');
  await shootOwn('incomplete');
  await tap(own, 'action-edit');
  await byId(own, 'org-form').waitFor({ timeout: 15000 });
  await byId(own, 'org-fullName').waitFor();
  await confirmPicker(own, 'org-industry');
  await fill(own, 'org-secretaryName', '林书记');
  await fill(own, 'org-secretaryIdNumber', newIdNumber());
  await fill(own, 'org-secretaryPhone', SUB_ADMIN.phone);
  await shootOwn('completing');
  await tap(own, 'org-submit');
  await own.waitForURL(/admin\/pages\/home/, { timeout: 15000 });
  await own.goto(`${baseUrl()}/admin/pages/home/index?orgId=${newId}`);
  await byId(own, 'home-info-complete').waitFor({ timeout: 20000 });
  expect(await byId(own, 'home-info-incomplete').count()).toBe(0);
  await shootOwn('complete');
  const detail = await api<{ fullName: string; missingFields: string[] }>(`/orgs/${newId}`, { token: await tokenOf(SUB_ADMIN) });
  expect(detail).toMatchObject({ fullName: '中国共产主义青年团省直机关第九支部委员会', missingFields: [] });
});
