import type { Browser } from 'playwright-core';
import { api, approvedMember, lacksAlias, orgIdByName, tokenOf, type ApprovedMember } from './api';
import { launch, loggedInPage, openPath } from './browser';
import { byId, confirmPicker, expectText, fill, setAliasIfAsked, stepShooter, tap } from './page';
import { E2E_SMS_RESEND_WAIT_MS } from './stack';

/**
 * Issue 15 items 8, 12, 14 against the real server (demo seed, simulated other system): a
 * member of 1班 who does not know the branch over there transfers out of the province to the
 * destination's 临时中转团组织 [003 五2]; the progress says where and by when to check in
 * [003]; 1班's operator 同意; the other system confirms; the member is 已转出 with the
 * destination [issue 15 item 8] and no re-check-in is offered. Pages photographed at 375×812.
 */
const OPERATOR = { phone: '13800000013', password: 'demo1234' };
const stamp = String(Date.now()).slice(-6);
const phone = (p: string, n: number) => `${p}${stamp}${String(n).padStart(2, '0')}`.slice(0, 11);

let browser: Browser;
let br1 = '';
let member: ApprovedMember;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const loggedIn = (who: { phone: string; password: string }) => loggedInPage(browser, who);
const open = openPath;

beforeAll(async () => {
  browser = await launch();
  br1 = await orgIdByName('计算机科学与技术专业2024级1班团支部');
  member = await approvedMember(br1, '林出省', phone('137', 1), OPERATOR);
}, 240000);
afterAll(() => browser?.close());

it('out of the province to the 临时中转团组织; confirmed over there, the member is 已转出 (items 8, 12, 14)', async () => {
  const wait = member.smsAt + E2E_SMS_RESEND_WAIT_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));

  const page = await loggedIn(member);
  const shot = stepShooter(page, 'transfer-out');
  await open(page, '/member/pages/transfer-apply/index');
  await byId(page, 'transfer-next').waitFor();
  await tap(page, 'transfer-direction-outOfProvince');
  await confirmPicker(page, 'transfer-region');
  // [003 五2] 暂不明确 → the destination's 临时中转团组织, no org name or code to type.
  await tap(page, 'transfer-transit-transit');
  await expectText(page, 'transfer-transit-note', '临时中转团组织');
  await fill(page, 'transfer-contact', '13900002222');
  await confirmPicker(page, 'transfer-reason');
  await fill(page, 'transfer-remarks-input', '到外省工作，尚未确定团支部');
  await page.locator('[data-testid="transfer-images-file"]').setInputFiles({ name: 'proof.png', mimeType: 'image/png', buffer: PNG });
  await byId(page, 'transfer-images-item').waitFor();
  await expectText(page, 'transfer-watermark-note', '仅用于组织关系转接');
  await shot('apply-transit');
  await tap(page, 'transfer-next');
  await byId(page, 'transfer-verify').waitFor();
  await tap(page, 'transfer-sms-send');
  await expectText(page, 'transfer-sms-send', '秒后重新获取');
  const { code } = await api<{ code: string }>(`/test/sms/${member.phone}`);
  await fill(page, 'transfer-smsCode-input', code);
  await tap(page, 'transfer-submit');
  await expectText(page, 'transfer-progress-status', '待转出组织审核');
  // [003] what to do next over there, with the deadline.
  await byId(page, 'transfer-next-steps').waitFor();
  const { transfer } = await api<{ transfer: { id: string; destinationOrgName: string; nextSteps: { headline: string } } }>('/me/transfers/current', {
    token: await tokenOf(member),
  });
  expect(transfer.destinationOrgName).toMatch(/临时中转团组织$/);
  await expectText(page, 'transfer-next-steps-headline', transfer.nextSteps.headline);
  await shot('progress-next-steps');

  // 1班's operator 同意 → handed to the other system, which confirms within seconds.
  const operator = await loggedIn(OPERATOR);
  const askAlias = await lacksAlias(br1, await tokenOf(OPERATOR));
  await open(operator, `/cadre/pages/home/index?orgId=${br1}`);
  await setAliasIfAsked(operator, askAlias, '计算机2024级1班团支部');
  await open(operator, `/cadre/pages/transfer/index?orgId=${br1}&transferId=${transfer.id}`);
  await tap(operator, 'transfer-approve');
  await expectText(operator, 'transfer-done', '已同意转出');
  await operator.context().close();

  // [issue 15 item 8] 已转出, with the destination; no 重新提交 / 编辑 offered.
  for (let i = 0; i < 60; i++) {
    const cur = await api<{ transfer: { status: string } }>('/me/transfers/current', { token: await tokenOf(member) });
    if (cur.transfer.status === 'completed') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await open(page, '/pages/status/index');
  await expectText(page, 'status-title', '已转出');
  await expectText(page, 'status-transferred-out-text', '临时中转团组织');
  expect(await page.locator('[data-testid="status-resubmit"], [data-testid="status-edit"]').count()).toBe(0);
  await shot('status-transferred-out');
  await page.context().close();
}, 240000);
