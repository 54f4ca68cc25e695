import type { Browser } from 'playwright-core';
import { api, orgIdByName, tokenOf } from './api';
import { launch, loggedInPage, openPath } from './browser';
import { byId, confirmPicker, expectText, stepShooter, tap } from './page';
import { minimalPdf } from '../../server/src/db/seed/demo-pdf';

/**
 * Issue 16 part 2 against the real server (demo seed, [004 §二(四)]): the admin of
 * 计算机学院2024级团总支 sees the prompt 组织内有团员身份尚未认证, uploads 罗浩宇's 入团志愿书
 * (a 2024 join) → 待审批; 中山大学团委's admin (above the approving 计算机学院团委) 同意 →
 * 罗浩宇 sees 团员身份已认证 in 我的团员电子档案; 谢思颖 (still 尚未认证) cannot be transferred
 * [004 FAQ (iv)]. Every page is photographed at 375×812.
 */
const GENERAL_ADMIN = { phone: '13800000015', password: 'demo1234' };
const SCHOOL_ADMIN = { phone: '13800000012', password: 'demo1234' };
const MEMBER = { phone: '18600000105', password: 'demo1234' }; // 罗浩宇

let browser: Browser;
const ids = { general: '', school: '', br1: '', br2: '', member: '' };

const loggedIn = (who: { phone: string; password: string }) => loggedInPage(browser, who);
const open = openPath;

beforeAll(async () => {
  browser = await launch();
  ids.general = await orgIdByName('计算机学院2024级团总支');
  ids.school = await orgIdByName('中山大学团委');
  ids.br1 = await orgIdByName('计算机科学与技术专业2024级1班团支部');
  ids.br2 = await orgIdByName('软件工程专业2024级2班团支部');
  const token = await tokenOf(GENERAL_ADMIN);
  const { items } = await api<{ items: { checkinId: string; name: string }[] }>(`/orgs/${ids.general}/archives?q=${encodeURIComponent('罗浩宇')}`, { token });
  ids.member = items[0]!.checkinId;
}, 60000);
afterAll(() => browser?.close());

it('uploads and approves an e-archive; the member sees 团员身份已认证', async () => {
  const admin = await loggedIn(GENERAL_ADMIN);
  const shot = stepShooter(admin, 'archive');
  await open(admin, `/admin/pages/home/index?orgId=${ids.general}`);
  await expectText(admin, 'home-archive-prompt', '组织内有团员身份尚未认证');
  await shot('admin-home-prompt');
  await tap(admin, 'home-archive-prompt');
  const card = `archive-${ids.member}`;
  await expectText(admin, `${card}-state`, '尚未认证');
  await shot('archives-uncertified');

  // a 3 MB PDF, so the progress bar has something to show
  const pdf = minimalPdf('罗浩宇 入团志愿书', 3 * 1024 * 1024);
  const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), tap(admin, `${card}-upload`)]);
  await chooser.setFiles({ name: '罗浩宇-入团志愿书.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expectText(admin, `${card}-state`, '待审批', { timeout: 30000 });
  await shot('archives-uploaded');

  const approver = await loggedIn(SCHOOL_ADMIN);
  const shot2 = stepShooter(approver, 'archive');
  await open(approver, `/admin/pages/home/index?orgId=${ids.school}`);
  await expectText(approver, 'home-archive-approvals', '等待审批');
  await tap(approver, 'home-archive-approvals');
  await byId(approver, `approval-${ids.member}`).waitFor();
  await expectText(approver, `approval-${ids.member}`, '等待中山大学计算机学院团委审批');
  await shot2('approvals');
  await tap(approver, `approval-${ids.member}-approve`);
  await byId(approver, `approval-${ids.member}`).waitFor({ state: 'detached', timeout: 15000 });
  await shot2('approvals-done');

  const member = await loggedIn(MEMBER);
  const shot3 = stepShooter(member, 'archive');
  await open(member, '/member/pages/archive/index');
  await expectText(member, 'my-archive-card-state', '团员身份已认证');
  await expectText(member, 'my-archive-explain', '已完成团员身份认证');
  await byId(member, 'my-archive-download').waitFor();
  await shot3('my-archive');
  await Promise.all([admin.close(), approver.close(), member.close()]);
});

it('[004 FAQ (iv)] refuses to transfer a member whose identity is not certified', async () => {
  const admin = await loggedIn(GENERAL_ADMIN);
  const shot = stepShooter(admin, 'archive');
  await open(admin, `/cadre/pages/batch-transfer/index?orgId=${ids.general}`);
  await tap(admin, `batch-from-${ids.br1}`);
  await tap(admin, `batch-to-${ids.br2}`);
  await confirmPicker(admin, 'batch-reason');
  const row = admin.locator('[data-testid^="batch-check-"]:visible', { hasText: '谢思颖' }).first();
  await row.waitFor();
  await row.click();
  await tap(admin, 'batch-submit');
  await byId(admin, 'batch-confirm-text').waitFor();
  await admin.locator('.nut-dialog-footer-ok:visible, .nut-dialog__footer-ok:visible').first().click();
  await expectText(admin, 'batch-error', '谢思颖的团员身份尚未认证');
  await shot('transfer-refused');
  await admin.close();
});
