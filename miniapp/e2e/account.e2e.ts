import type { Browser, Page } from 'playwright-core';
import { ErrorMessages } from '@tj/shared';
import { api, approvedMember, orgIdByName } from './api';
import { baseUrl, launch, phonePage } from './browser';
import { byId, expectText, fill, stepShooter, tap, textOf } from './page';
import { E2E_SMS_RESEND_WAIT_MS } from './stack';

/**
 * Issue 13 item 16 against the real server (demo seed): 验证码登录; 忘记密码 by SMS and a login
 * with the new password; 修改密码 in 账号设置; the school admin issues a 密码重置码 for a member
 * of its subtree, who uses it on the login side and logs in. 组织管理员注册 opens logged out.
 * SMS codes come from the simulator (GET /api/test/sms/:phone).
 */
const DEMO_MEMBER = { phone: '13800000001', password: 'demo1234' };
const SCHOOL_ADMIN = { phone: '13800000012', password: 'demo1234' };
const OPERATOR = { phone: '13800000013', password: 'demo1234' };
const BRANCH = '计算机科学与技术专业2024级1班团支部';
const stamp = String(Date.now()).slice(-6);
const PASSWORD = 'abc12345';
const FORGETFUL = { phone: `133${stamp}31`.slice(0, 11) };
const CHANGER = { phone: `133${stamp}32`.slice(0, 11) };
const MEMBER_PHONE = `133${stamp}33`.slice(0, 11);

async function registerAccount(phone: string) {
  await api('/auth/sms', { method: 'POST', body: { phone, purpose: 'register' } });
  const { code } = await api<{ code: string }>(`/test/sms/${phone}`);
  await api('/auth/register', { method: 'POST', body: { phone, password: PASSWORD, confirmPassword: PASSWORD, smsCode: code, regionCode: '440106', agreed: true } });
}

async function passwordLogin(page: Page, phone: string, password: string) {
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', phone);
  await fill(page, 'login-password', password);
  await tap(page, 'login-submit');
}

/** Logging in lands on the status page (or an admin's org home). */
const waitLoggedIn = (page: Page) => page.waitForURL(/admin|status|member/, { timeout: 15000 });

let browser: Browser;
let forgetfulSmsAt = 0;
let member: Awaited<ReturnType<typeof approvedMember>>;
let branchId: string;

beforeAll(async () => {
  browser = await launch();
  await registerAccount(FORGETFUL.phone);
  forgetfulSmsAt = Date.now();
  await registerAccount(CHANGER.phone);
  branchId = await orgIdByName(BRANCH);
  member = await approvedMember(branchId, '司马清扬', MEMBER_PHONE, OPERATOR);
});
afterAll(() => browser?.close());

test('验证码登录: the login page sends a code and logs in with it', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'account-01-sms-login');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-forgot').waitFor({ timeout: 15000 });
  await shoot('login-password-mode');
  await tap(page, 'login-mode-sms');
  await fill(page, 'login-sms-phone', DEMO_MEMBER.phone);
  await tap(page, 'login-sms-send');
  await expectText(page, 'login-sms-send', '秒后重新获取');
  const { code } = await api<{ code: string }>(`/test/sms/${DEMO_MEMBER.phone}`);
  await fill(page, 'login-smsCode', code);
  await shoot('login-sms-mode');
  await tap(page, 'login-submit');
  await expectText(page, 'status-phone', DEMO_MEMBER.phone);
  await page.context().close();
});

test('组织管理员注册 opens from the login page while logged out', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'account-02-admin-register');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await tap(page, 'login-admin-register');
  await byId(page, 'register-code').waitFor({ timeout: 15000 });
  expect(page.url()).toContain('/admin/pages/register/index');
  await shoot('admin-register-logged-out');
  await page.context().close();
});

test('修改密码 in 账号设置: the old password is checked, the new one logs in', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'account-03-settings');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await passwordLogin(page, CHANGER.phone, PASSWORD);
  await expectText(page, 'status-phone', CHANGER.phone);
  await shoot('status-with-settings');
  await tap(page, 'status-settings');
  await byId(page, 'settings-page').waitFor({ timeout: 15000 });
  await shoot('settings');
  await fill(page, 'settings-oldPassword', 'wrong999');
  await fill(page, 'settings-password', 'changed123');
  await fill(page, 'settings-confirmPassword', 'changed123');
  await tap(page, 'settings-submit');
  await expectText(page, 'settings-oldPassword-error', ErrorMessages.OLD_PASSWORD_WRONG, { exact: true });
  await shoot('settings-wrong-old');
  await fill(page, 'settings-oldPassword', PASSWORD);
  await tap(page, 'settings-submit');
  await byId(page, 'settings-done').waitFor({ timeout: 15000 });
  await shoot('settings-done');
  // This device stays logged in (the new tokens work) …
  await page.reload();
  await expectText(page, 'settings-phone', CHANGER.phone);
  // … and after logging out only the new password opens the account.
  await tap(page, 'settings-logout');
  await passwordLogin(page, CHANGER.phone, PASSWORD);
  await expectText(page, 'login-error', ErrorMessages.INVALID_CREDENTIALS);
  await fill(page, 'login-password', 'changed123');
  await tap(page, 'login-submit');
  await expectText(page, 'status-phone', CHANGER.phone);
  await page.context().close();
});

test('密码重置码: the school admin issues one for a member of its subtree, who resets with it and logs in', async () => {
  const adminPage = await phonePage(browser);
  const shootAdmin = stepShooter(adminPage, 'account-04-admin-reset-code');
  await adminPage.goto(`${baseUrl()}/pages/login/index`);
  await passwordLogin(adminPage, SCHOOL_ADMIN.phone, SCHOOL_ADMIN.password);
  await waitLoggedIn(adminPage);
  await adminPage.goto(`${baseUrl()}/admin/pages/home/index?orgId=${await orgIdByName('中山大学团委')}`);
  await byId(adminPage, 'admin-home').waitFor({ timeout: 20000 });
  await shootAdmin('admin-home-with-reset-codes');
  await tap(adminPage, 'action-resetCodes');
  await byId(adminPage, 'reset-phone').waitFor({ timeout: 15000 });
  await shootAdmin('reset-codes-empty');
  await fill(adminPage, 'reset-phone', '13912345678');
  await tap(adminPage, 'reset-issue');
  await expectText(adminPage, 'reset-phone-error', ErrorMessages.PERSON_NOT_IN_SUBTREE, { exact: true });
  await shootAdmin('reset-codes-outsider');
  await fill(adminPage, 'reset-phone', member.phone);
  await tap(adminPage, 'reset-issue');
  await byId(adminPage, 'reset-code-value').waitFor({ timeout: 15000 });
  expect(await textOf(adminPage, 'reset-who')).toContain('司马清扬');
  const code = (await textOf(adminPage, 'reset-code-value')).trim();
  expect(code).toMatch(/^\d{6}$/);
  await shootAdmin('reset-code-issued');
  await adminPage.context().close();

  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'account-05-use-reset-code');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await tap(page, 'login-forgot');
  await tap(page, 'forgot-use-code');
  await byId(page, 'reset-code-page').waitFor({ timeout: 15000 });
  await shoot('reset-code-empty');
  await fill(page, 'rc-phone', member.phone);
  await fill(page, 'rc-code', code);
  await fill(page, 'rc-password', 'fresh2025');
  await fill(page, 'rc-confirmPassword', 'fresh2025');
  await shoot('reset-code-filled');
  await tap(page, 'rc-submit');
  await byId(page, 'reset-code-done').waitFor({ timeout: 15000 });
  await shoot('reset-code-done');
  await tap(page, 'reset-code-to-login');
  await passwordLogin(page, member.phone, 'fresh2025');
  await page.waitForURL(/member\/pages\/home|pages\/status/, { timeout: 20000 });
  await page.context().close();
});

test('忘记密码 by SMS, then a login with the new password', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'account-06-forgot');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await tap(page, 'login-forgot');
  await byId(page, 'forgot-page').waitFor({ timeout: 15000 });
  await shoot('forgot-empty');
  // One SMS per phone per resend wait (2 s on the E2E server): the registration code went out in beforeAll.
  const wait = forgetfulSmsAt + E2E_SMS_RESEND_WAIT_MS - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  await fill(page, 'forgot-phone', FORGETFUL.phone);
  await tap(page, 'forgot-smsCode-send');
  await expectText(page, 'forgot-smsCode-send', '秒后重新获取');
  const { code } = await api<{ code: string }>(`/test/sms/${FORGETFUL.phone}`);
  await fill(page, 'forgot-smsCode', code);
  await fill(page, 'forgot-password', 'renewed123');
  await fill(page, 'forgot-confirmPassword', 'renewed124');
  await tap(page, 'forgot-submit');
  await expectText(page, 'forgot-confirmPassword-error', ErrorMessages.PASSWORD_MISMATCH, { exact: true });
  await shoot('forgot-mismatch');
  await fill(page, 'forgot-confirmPassword', 'renewed123');
  await tap(page, 'forgot-submit');
  await byId(page, 'forgot-done').waitFor({ timeout: 15000 });
  await shoot('forgot-done');
  await tap(page, 'forgot-to-login');
  await passwordLogin(page, FORGETFUL.phone, 'renewed123');
  await expectText(page, 'status-phone', FORGETFUL.phone);
  await page.context().close();
});
