import type { Browser, Page } from 'playwright-core';
import { ErrorMessages } from '@tj/shared';
import { api, lacksAlias, tokenOf } from './api';
import { baseUrl, launch, phonePage } from './browser';
import { byId, expectText, fill, id, stepShooter, tap, textOf } from './page';

/**
 * Issue 6 against the real server (demo seed): the province admin enters one person into two
 * rosters (operator of 华南理工大学软件学院团委, plain cadre of its 2023级团总支) and invites
 * them; the SMS link shows the org before login, then position, then the alias (first
 * operator), the dashboard, the chooser, the switch and the second org's position. A second
 * operator of the first org is not asked for the alias; a person in no roster is refused.
 */
const PROVINCE_ADMIN = { phone: '13800000010', password: 'demo1234' };
const stamp = String(Date.now()).slice(-6);
const PASSWORD = 'abc12345';
const CADRE = { name: '郑晓峰', phone: `136${stamp}11`.slice(0, 11), id: id('44010619950312001') };
const SECOND = { name: '韩雨桐', phone: `135${stamp}12`.slice(0, 11), id: id('44010619960415002') };
const STRANGER = { phone: `134${stamp}13`.slice(0, 11) };
const ALIAS = '华工软件学院团委';

/** Registers a phone the way the app does (SMS code from the simulator). */
async function registerAccount(phone: string) {
  await api('/auth/sms', { method: 'POST', body: { phone, purpose: 'register' } });
  const { code } = await api<{ code: string }>(`/test/sms/${phone}`);
  await api('/auth/register', { method: 'POST', body: { phone, password: PASSWORD, confirmPassword: PASSWORD, smsCode: code, regionCode: '440106', agreed: true } });
}

type Org = { id: string; shortName: string };
async function child(token: string, parentId: string, shortName: string): Promise<Org> {
  const { items } = await api<{ items: Org[] }>(`/orgs/${parentId}/children`, { token });
  const found = items.find((o) => o.shortName === shortName);
  if (!found) throw new Error(`${shortName} not under ${parentId}`);
  return found;
}

async function loginOnPage(page: Page, who: { phone: string }) {
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', who.phone);
  await fill(page, 'login-password', PASSWORD);
  await tap(page, 'login-submit');
}

let browser: Browser;
let admin: string;
let orgA: Org;
let orgB: Org;
let entryA: string;

beforeAll(async () => {
  browser = await launch();
  admin = await tokenOf(PROVINCE_ADMIN);
  const [province] = (await api<{ items: { id: string; isAdmin: boolean }[] }>('/me/orgs', { token: admin })).items.filter((o) => o.isAdmin);
  const scut = await child(admin, province!.id, '华南理工大学团委');
  orgA = await child(admin, scut.id, '华南理工大学软件学院团委');
  orgB = await child(admin, orgA.id, '软件学院2023级团总支');
  // One person, two rosters: operator of A, plain cadre of B.
  entryA = (
    await api<{ id: string }>(`/orgs/${orgA.id}/roster`, {
      method: 'POST',
      token: admin,
      body: { name: CADRE.name, idNumber: CADRE.id, phone: CADRE.phone, position: 'deputySecretary', isOperator: true },
    })
  ).id;
  await api(`/orgs/${orgB.id}/roster`, {
    method: 'POST',
    token: admin,
    body: { name: CADRE.name, idNumber: CADRE.id, phone: CADRE.phone, position: 'organizationMember', isOperator: false },
  });
  await api(`/orgs/${orgA.id}/roster`, {
    method: 'POST',
    token: admin,
    body: { name: SECOND.name, idNumber: SECOND.id, phone: SECOND.phone, position: 'committeeMember', isOperator: true },
  });
  await registerAccount(CADRE.phone);
  await registerAccount(SECOND.phone);
  await registerAccount(STRANGER.phone);
});
afterAll(() => browser?.close());

test('admin sends invitations from the roster page', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-00-roster');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await fill(page, 'login-phone', PROVINCE_ADMIN.phone);
  await fill(page, 'login-password', PROVINCE_ADMIN.password);
  await tap(page, 'login-submit');
  await page.waitForURL(/admin|status/, { timeout: 15000 });
  await page.goto(`${baseUrl()}/admin/pages/roster/index?orgId=${orgA.id}`);
  await byId(page, `roster-invite-${entryA}`).waitFor({ timeout: 15000 });
  await shoot('roster-invite-buttons');
  await tap(page, `roster-invite-${entryA}`);
  expect(await textOf(page, 'roster-notice')).toContain('已发送1条邀请');
  await shoot('roster-invited');
  // A second tap within 10 minutes: the server refuses, the page says why.
  await tap(page, `roster-invite-${entryA}`);
  await expectText(page, 'roster-error', ErrorMessages.INVITATION_TOO_FREQUENT, { exact: true });
  await page.context().close();
});

test('an invited cadre onboards in two orgs: position, alias, switch, second position', async () => {
  const sms = await api<{ text: string }>(`/test/sms/${CADRE.phone}`);
  const link = /https?:\/\/\S+?token=[^\s（]+/.exec(sms.text)?.[0];
  expect(link).toBeTruthy();
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-01-onboard');

  await page.goto(link!);
  await expectText(page, 'entry-org-name', orgA.shortName, { exact: true });
  expect(await textOf(page, 'entry-login')).toContain(CADRE.phone.slice(-4));
  await shoot('invitation-preview');
  await tap(page, 'entry-login-button');
  await loginOnPage(page, CADRE);

  // Issue 12: nothing is bound until the person confirms each roster line — the invited org first.
  await byId(page, `entry-confirm-${entryA}`).waitFor({ timeout: 20000 });
  expect(await textOf(page, 'entry-confirm-question')).toBe(`您被录入为 ${orgA.shortName} 的 副书记，是否确认？`);
  await shoot('confirm-line');
  await tap(page, 'entry-confirm-yes');
  await expectText(page, 'entry-confirm-question', `您被录入为 ${orgB.shortName} 的 组织委员，是否确认？`, { exact: true });
  await tap(page, 'entry-confirm-yes');

  await byId(page, 'position-step').waitFor({ timeout: 20000 });
  expect(await textOf(page, 'entry-steps')).toContain('设置组织代称');
  await shoot('position-step');
  await tap(page, 'position-secretary');
  await tap(page, 'position-submit');

  await byId(page, 'alias-rules').waitFor({ timeout: 15000 });
  await shoot('alias-rules');
  await fill(page, 'alias-input', '华工软件学院团支部');
  await expectText(page, 'alias-input-error', ErrorMessages.ALIAS_SHAPE_GRASSROOTS_COMMITTEE, { exact: true });
  await shoot('alias-live-error');
  await fill(page, 'alias-input', ALIAS);
  await tap(page, 'alias-submit');

  await expectText(page, 'org-switch-name', ALIAS, { exact: true });
  await byId(page, 'dashboard-count-members').waitFor();
  expect(await byId(page, 'dashboard-count-reviews').count()).toBe(1);
  await shoot('dashboard-operator');

  await tap(page, 'dashboard-entry-members');
  await byId(page, 'members-footer').waitFor();
  await page.waitForTimeout(800);
  await shoot('members');
  await page.goBack();
  await tap(page, 'dashboard-entry-cadres');
  await byId(page, 'cadres-footer').waitFor();
  await page.waitForTimeout(800);
  await shoot('cadres');
  await page.goBack();
  await tap(page, 'dashboard-entry-org');
  await byId(page, `org-info-child-${orgB.id}`).waitFor({ timeout: 15000 });
  await shoot('org-info');

  // Switch from the org page: the chooser, the last used first, then the second org's step.
  await tap(page, 'org-switch-button');
  await byId(page, `orgs-item-${orgB.id}`).waitFor({ timeout: 15000 });
  const order = await page.locator('[data-testid^="orgs-item-"]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual([`orgs-item-${orgA.id}`, `orgs-item-${orgB.id}`]);
  await shoot('chooser');
  await tap(page, `orgs-item-${orgB.id}`);
  await byId(page, 'position-step').waitFor({ timeout: 15000 });
  expect(await byId(page, 'entry-steps').count()).toBe(0);
  await shoot('second-org-position');
  await tap(page, 'position-submit');
  await expectText(page, 'org-switch-name', orgB.shortName, { exact: true });
  await byId(page, 'dashboard-count-members').waitFor();
  // Plain cadre of B: no 待审核, and the previous org's name is gone from the screen.
  expect(await byId(page, 'dashboard-count-reviews').count()).toBe(0);
  expect(await page.locator(`text=${ALIAS}`).filter({ visible: true }).count()).toBe(0);
  await shoot('dashboard-second-org');

  // The chooser now puts B first.
  await tap(page, 'org-switch-button');
  await byId(page, `orgs-item-${orgA.id}`).waitFor({ timeout: 15000 });
  const again = await page.locator('[data-testid^="orgs-item-"]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(again).toEqual([`orgs-item-${orgB.id}`, `orgs-item-${orgA.id}`]);
  await shoot('chooser-last-used-first');
  await page.context().close();
});

const cadreQrLink = async (orgId: string) => {
  const qr = await api<{ scene: string }>(`/orgs/${orgId}/qr/cadre`, { token: admin });
  return `${baseUrl()}/cadre/pages/entry/index?scene=${qr.scene}`;
};

test('a second operator of the first org is not asked for the alias', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-02-second-operator');
  await page.goto(await cadreQrLink(orgA.id));
  await expectText(page, 'entry-org-name', orgA.shortName, { exact: true });
  await shoot('qr-preview');
  await tap(page, 'entry-login-button');
  await loginOnPage(page, SECOND);
  await byId(page, 'entry-confirm-yes').waitFor({ timeout: 20000 });
  await tap(page, 'entry-confirm-yes');
  await byId(page, 'position-step').waitFor({ timeout: 20000 });
  await shoot('position');
  expect(await byId(page, 'entry-steps').count()).toBe(0);
  await tap(page, 'position-submit');
  await expectText(page, 'org-switch-name', ALIAS, { exact: true });
  expect(await page.locator('[data-testid="alias-step"]').count()).toBe(0);
  await shoot('dashboard');
  await page.context().close();
});

test('不是我: a roster line with the wrong phone is declined, and its admin sees it', async () => {
  // The province admin typed this person's phone on a line of someone else.
  const line = (
    await api<{ id: string }>(`/orgs/${orgB.id}/roster`, {
      method: 'POST',
      token: admin,
      body: { name: '冯某某', idNumber: id('44010619970101003'), phone: STRANGER.phone, position: 'publicityMember', isOperator: false },
    })
  ).id;
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-05-decline');
  await page.goto(await cadreQrLink(orgB.id));
  await tap(page, 'entry-login-button');
  await loginOnPage(page, STRANGER);
  await expectText(page, 'entry-confirm-question', `您被录入为 ${orgB.shortName} 的 宣传委员，是否确认？`, { exact: true });
  await shoot('confirm');
  await tap(page, 'entry-confirm-no');
  await expectText(page, 'entry-refused-message', '均不是您本人');
  await shoot('declined');
  const roster = await api<{ items: { id: string; declined: boolean; onboarded: boolean }[] }>(`/orgs/${orgB.id}/roster`, { token: admin });
  expect(roster.items.find((r) => r.id === line)).toMatchObject({ declined: true, onboarded: false });
  await page.context().close();
});

test('an operator onboarded earlier, landing on the 工作台 of an org without an alias, sets it first (§6.4)', async () => {
  // A third person, operator of B, onboarded through the API (confirmed, position set) — B has no alias yet.
  const THIRD = { name: '秦思远', phone: `133${stamp}14`.slice(0, 11) };
  await api(`/orgs/${orgB.id}/roster`, {
    method: 'POST',
    token: admin,
    body: { name: THIRD.name, idNumber: id('44010619960520004'), phone: THIRD.phone, position: 'secretary', isOperator: true },
  });
  await registerAccount(THIRD.phone);
  const token = await tokenOf({ phone: THIRD.phone, password: PASSWORD });
  const { pending } = await api<{ pending: { entryId: string }[] }>('/cadre/entry', { method: 'POST', token, body: {} });
  for (const p of pending) await api(`/cadre/entries/${p.entryId}/confirm`, { method: 'POST', token });
  await api(`/cadre/orgs/${orgB.id}/position`, { method: 'POST', token, body: { position: 'secretary' } });
  expect(await lacksAlias(orgB.id, token)).toBe(true);

  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-06-alias-later');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await loginOnPage(page, THIRD);
  await byId(page, `status-org-${orgB.id}`).waitFor({ timeout: 15000 });
  await tap(page, `status-org-${orgB.id}`);
  await byId(page, 'alias-rules').waitFor({ timeout: 15000 });
  expect(await byId(page, 'dashboard-count-members').count()).toBe(0);
  await shoot('alias-first');
  await fill(page, 'alias-input', '软件学院2023级团总支');
  await tap(page, 'alias-submit');
  await byId(page, 'dashboard-count-members').waitFor({ timeout: 15000 });
  await shoot('dashboard');
  expect(await lacksAlias(orgB.id, token)).toBe(false);
  await page.context().close();
});

test('a long cadre list is virtual: only the rows in view are in the page, scrolling reaches every page', async () => {
  // 45 more cadres in B's roster (inside A's subtree): with the cadres above, three pages of 20.
  const [surnames, givens] = [[...'赵钱孙李周吴郑王冯'], ['一鸣', '二虎', '三思', '四海', '五洲']];
  const extra = Array.from({ length: 45 }, (_, i) => ({
    name: `${surnames[i % 9]}${givens[Math.floor(i / 9)]}`,
    idNumber: id(`44010619980${String(1 + (i % 9))}1${String(i % 10)}${String(100 + i)}`),
    phone: `137${stamp}${String(i).padStart(2, '0')}`,
    position: 'other',
    isOperator: false,
  }));
  // One after the other: the list is in roster order, so the last one entered comes last.
  for (const body of extra) await api(`/orgs/${orgB.id}/roster`, { method: 'POST', token: admin, body });
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-03-long-list');
  await page.goto(`${baseUrl()}/pages/login/index`);
  await loginOnPage(page, SECOND);
  await page.waitForURL(/status|cadre/, { timeout: 15000 });
  await page.goto(`${baseUrl()}/cadre/pages/cadres/index?orgId=${orgA.id}`);
  await page.locator('.virtual-row').first().waitFor({ timeout: 15000 });
  await shoot('first-page');
  const rows = () => page.locator('.virtual-row').count();
  expect(await rows()).toBeLessThan(20);

  // Scroll the list (not the page) to its end until the last page has come.
  const list = page.locator('#cadres-list');
  for (let i = 0; i < 20 && !(await page.locator('[data-testid="cadres-footer"]', { hasText: '没有更多了' }).count()); i++) {
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForTimeout(400);
  }
  await byId(page, 'cadres-footer').filter({ hasText: '没有更多了' }).waitFor({ timeout: 5000 });
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await page.locator('.virtual-row', { hasText: extra[44]!.name }).waitFor();
  expect(await rows()).toBeLessThan(20);
  expect(await page.locator('.virtual-row', { hasText: CADRE.name }).count()).toBe(0);
  await shoot('scrolled-to-end');
  await page.context().close();
});

test('a person in no roster is refused', async () => {
  const page = await phonePage(browser);
  const shoot = stepShooter(page, 'cadre-04-refused');
  await page.goto(await cadreQrLink(orgA.id));
  await tap(page, 'entry-login-button');
  await loginOnPage(page, STRANGER);
  await expectText(page, 'entry-refused-message', '您尚未被组织录入系统，请联系本组织管理员/运营者', { exact: true });
  expect(await page.locator('[data-testid="position-step"]').count()).toBe(0);
  await shoot('refused');
  await page.context().close();
});
