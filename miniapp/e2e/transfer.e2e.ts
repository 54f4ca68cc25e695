import type { Browser } from 'playwright-core';
import { ErrorMessages } from '@tj/shared';
import { api, approvedMember, lacksAlias, orgIdByName, tokenOf, type ApprovedMember } from './api';
import { launch, loggedInPage, openPath } from './browser';
import { byId, confirmPicker, expectText, fill, setAliasIfAsked, stepShooter, tap } from './page';
import { E2E_SMS_RESEND_WAIT_MS } from './stack';

/**
 * Issue 7 against the real server (demo seed): the general branch's superior (the province
 * admin, admin above 计算机学院2024级团总支) runs a 组织关系批量接转 of 3 members from 1班 to
 * 2班; then a member of 1班 applies to 中山大学计算机学院团委 (a committee), 1班's operator
 * 同意 the transfer out, the committee's admin (again the province admin, from above)
 * 同意 and assigns 软件工程专业2024级2班团支部, and the member's home and history show it.
 * Every page is photographed at 375×812.
 */
const PROVINCE_ADMIN = { phone: '13800000010', password: 'demo1234' };
const OPERATOR = { phone: '13800000013', password: 'demo1234' };
const stamp = String(Date.now()).slice(-6);
const phone = (p: string, n: number) => `${p}${stamp}${String(n).padStart(2, '0')}`.slice(0, 11);

let browser: Browser;
const ids = { br1: '', br2: '', general: '', committee: '' };
let applicant: ApprovedMember;
const batch: ApprovedMember[] = [];

const loggedIn = (who: { phone: string; password: string }) => loggedInPage(browser, who);
const open = openPath;

/** A 1×1 PNG as the member's 证明材料. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  browser = await launch();
  ids.br1 = await orgIdByName('计算机科学与技术专业2024级1班团支部');
  ids.br2 = await orgIdByName('软件工程专业2024级2班团支部');
  ids.general = await orgIdByName('计算机学院2024级团总支');
  ids.committee = await orgIdByName('中山大学计算机学院团委');
  applicant = await approvedMember(ids.br1, '周转接', phone('136', 1), OPERATOR);
  for (const [i, name] of ['吴批一', '吴批二', '吴批三'].entries()) batch.push(await approvedMember(ids.br1, name, phone('135', i + 1), OPERATOR));
}, 240000);
afterAll(() => browser?.close());

it('组织关系批量接转: the general branch moves 3 members from 1班 to 2班 at once', async () => {
  const page = await loggedIn(PROVINCE_ADMIN);
  const shot = stepShooter(page, 'transfer-batch');
  await open(page, `/cadre/pages/transfers/index?orgId=${ids.general}`);
  await byId(page, 'transfers-batch-entry').waitFor();
  await shot('org-inbox');
  await tap(page, 'transfers-batch-entry');
  await expectText(page, 'batch-rule', '一次最多30人');
  await tap(page, `batch-from-${ids.br1}`);
  await tap(page, `batch-to-${ids.br2}`);
  await confirmPicker(page, 'batch-reason');
  for (const m of batch) {
    const row = page.locator('[data-testid^="batch-check-"]:visible', { hasText: m.name }).first();
    await row.scrollIntoViewIfNeeded();
    await row.click();
  }
  await expectText(page, 'batch-submit', '3人');
  await shot('batch-filled');
  await tap(page, 'batch-submit');
  // nothing happens before the dialog naming the count and both branches is confirmed
  await expectText(page, 'batch-confirm-text', '将把3名团员');
  await shot('batch-confirm');
  await page.locator('.nut-dialog-footer-ok:visible').first().click();
  await expectText(page, 'batch-done', '共转接3人');
  await shot('batch-done');
  for (const m of batch) {
    const mine = await api<{ branch: { id: string } | null }>('/me/checkin', { token: m.token });
    expect(mine.branch?.id).toBe(ids.br2);
  }

  // the other org tools, photographed for the record
  for (const [route, testId, name] of [
    ['transfer-in', 'transfer-in-page', 'transfer-in'],
    ['transfer-out', 'transfer-out-page', 'transfer-out'],
    ['overdue', 'overdue-page', 'overdue'],
  ] as const) {
    await open(page, `/cadre/pages/${route}/index?orgId=${ids.general}`);
    await byId(page, testId).waitFor();
    await shot(name);
  }
  await page.context().close();
});

it('a member applies to a committee; the out-branch and the committee (assigning 2班) approve', async () => {
  // §4.1 one SMS per phone per resend wait (2 s on the E2E server): the registration code went out in the setup.
  const wait = applicant.smsAt + E2E_SMS_RESEND_WAIT_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));

  const member = await loggedIn(applicant);
  const shot = stepShooter(member, 'transfer-member');
  await open(member, '/member/pages/home/index');
  await tap(member, 'member-home-entry-transfer');
  await byId(member, 'transfer-progress-apply').waitFor();
  await shot('progress-empty');
  await tap(member, 'transfer-progress-apply');
  await byId(member, 'transfer-next').waitFor();
  await shot('apply-empty');

  // the shared rules at their fields first
  await tap(member, 'transfer-next');
  await expectText(member, 'transfer-attachments-error', ErrorMessages.ATTACHMENTS_REQUIRED);
  await fill(member, 'transfer-remarks-input', '长'.repeat(101));
  await expectText(member, 'transfer-remarks-error', ErrorMessages.TRANSFER_REMARKS_TOO_LONG);
  await expectText(member, 'transfer-remarks-count', '101/100');
  await shot('apply-errors');

  await fill(member, 'transfer-dest-picker-q', '中山大学计算机学院团委');
  await tap(member, 'transfer-dest-picker-search');
  await byId(member, `transfer-dest-picker-item-${ids.committee}`).waitFor();
  await shot('apply-dest-search');
  await tap(member, `transfer-dest-picker-item-${ids.committee}`);
  await expectText(member, 'transfer-dest-picker-path-path', '中山大学团委');
  await fill(member, 'transfer-contact', '13900001111');
  await confirmPicker(member, 'transfer-reason');
  await fill(member, 'transfer-remarks-input', '保研至本院，转入学院团委');
  await expectText(member, 'transfer-remarks-count', '12/100');
  await member.locator('[data-testid="transfer-images-file"]').setInputFiles({ name: 'proof.png', mimeType: 'image/png', buffer: PNG });
  await byId(member, 'transfer-images-item').waitFor();
  await shot('apply-filled');
  await tap(member, 'transfer-next');
  await byId(member, 'transfer-verify').waitFor();
  await tap(member, 'transfer-sms-send');
  await expectText(member, 'transfer-sms-send', '秒后重新获取');
  const { code } = await api<{ code: string }>(`/test/sms/${applicant.phone}`);
  await fill(member, 'transfer-smsCode-input', code);
  await shot('apply-verify');
  await tap(member, 'transfer-submit');
  await expectText(member, 'transfer-progress-notice', '您已发起组织关系转接申请');
  await expectText(member, 'transfer-progress-status', '待转出组织审核');
  await expectText(member, 'transfer-contacts-out', '计算机科学与技术专业2024级1班');
  await shot('progress-applied');
  await member.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await shot('progress-contacts');
  const { transfer } = await api<{ transfer: { id: string } }>('/me/transfers/current', { token: await tokenOf(applicant) });

  // the out-branch's operator: 同意
  const operator = await loggedIn(OPERATOR);
  const opShot = stepShooter(operator, 'transfer-out-branch');
  const askAlias = await lacksAlias(ids.br1, await tokenOf(OPERATOR));
  await open(operator, `/cadre/pages/home/index?orgId=${ids.br1}`);
  await setAliasIfAsked(operator, askAlias, '计算机2024级1班团支部');
  // this one and the demo seed's two waiting for 1班
  await expectText(operator, 'cadre-transfers-count', '3', { exact: true });
  await opShot('cadre-home');
  await tap(operator, 'cadre-transfers-entry');
  await byId(operator, `transfers-item-${transfer.id}`).waitFor();
  await opShot('inbox');
  await tap(operator, `transfers-item-${transfer.id}`);
  await byId(operator, 'transfer-approve').waitFor();
  await opShot('detail');
  await tap(operator, 'transfer-approve');
  await expectText(operator, 'transfer-done', '已同意转出');
  await opShot('approved');
  await operator.context().close();

  // the committee (its admin above: the province admin) — from the 操作中心, oldest first
  const admin = await loggedIn(PROVINCE_ADMIN);
  const adShot = stepShooter(admin, 'transfer-in-committee');
  await open(admin, `/cadre/pages/tasks/index?orgId=${ids.committee}`);
  const task = admin.locator('[data-testid^="tasks-item-"]:visible', { hasText: '周转接' }).first();
  await task.waitFor();
  await adShot('task-center');
  await task.click();
  await byId(admin, 'transfer-approve').waitFor();
  await byId(admin, `transfer-assign-${ids.br2}`).waitFor();
  await tap(admin, 'transfer-approve');
  await expectText(admin, 'transfer-assign-error', ErrorMessages.TRANSFER_BRANCH_REQUIRED);
  await adShot('assign-required');
  await tap(admin, `transfer-assign-${ids.br2}`);
  await adShot('assign-chosen');
  await tap(admin, 'transfer-approve');
  await expectText(admin, 'transfer-done', '转接完成');
  await adShot('approved');
  await admin.context().close();

  // the member: new branch at home, both steps in the history
  await open(member, '/member/pages/home/index');
  await expectText(member, 'member-home-branch-full', '软件工程专业2024级2班', { timeout: 20000 });
  await shot('home-new-branch');
  await open(member, '/member/pages/transfer-history/index');
  await expectText(member, 'transfer-history-0-status', '转接成功');
  await expectText(member, 'transfer-history-0-steps-0-outcome', '同意');
  await expectText(member, 'transfer-history-0-steps-1-outcome', '同意');
  await expectText(member, 'transfer-history-0-steps-1-org', '中山大学计算机学院团委');
  await shot('history');
  await member.context().close();
}, 240000);
