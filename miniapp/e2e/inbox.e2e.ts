import type { Browser } from 'playwright-core';
import { api, orgIdByName, tokenOf } from './api';
import { launch, loggedInPage, openPath } from './browser';
import { byId, expectText, fill, stepShooter, tap } from './page';
import { minimalPdf } from '../../server/src/db/seed/demo-pdf';

/**
 * Issue 17 part 3 against the real server (demo seed): 中山大学团委's admin publishes a 工作通知
 * with a PDF to its whole subtree; 周子涵 (a member below it) sees the badge on her home, the
 * notice unread in 消息中心, opens it — and the publisher's 已读 count rises, per sub-org too.
 * Every page is photographed at 375×812.
 */
const SCHOOL_ADMIN = { phone: '13800000012', password: 'demo1234' };
const MEMBER = { phone: '13800000003', password: 'demo1234' }; // 周子涵

let browser: Browser;
let school = '';

const loggedIn = (who: { phone: string; password: string }) => loggedInPage(browser, who);
const open = openPath;

beforeAll(async () => {
  browser = await launch();
  school = await orgIdByName('中山大学团委');
}, 60000);
afterAll(() => browser?.close());

it('a committee publishes a notice, a member reads it in the inbox, the read count rises', async () => {
  const admin = await loggedIn(SCHOOL_ADMIN);
  const shot = stepShooter(admin, 'inbox');
  await open(admin, `/admin/pages/home/index?orgId=${school}`);
  await byId(admin, 'home-inbox').waitFor();
  await byId(admin, 'action-noticePublish').waitFor();
  await shot('admin-home');
  await tap(admin, 'action-noticePublish');
  await fill(admin, 'notice-title', '关于开展“青春心向党”主题团日活动的通知');
  await fill(admin, 'notice-body', '各学院团委、各团支部：\n请于本月底前组织开展主题团日活动，并在系统中登记活动情况。');
  const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), tap(admin, 'notice-add-file')]);
  await chooser.setFiles({ name: '活动方案.pdf', mimeType: 'application/pdf', buffer: minimalPdf('主题团日活动方案') });
  await expectText(admin, 'notice-files', '活动方案.pdf', { timeout: 20000 });
  await shot('publish');
  await tap(admin, 'notice-submit');
  await admin.waitForURL((u) => u.pathname.includes('/admin/pages/notices/'), { timeout: 20000 });
  const token = await tokenOf(SCHOOL_ADMIN);
  const { items } = await api<{ items: { id: string; title: string }[] }>(`/orgs/${school}/notices`, { token });
  const notice = items[0]!;
  expect(notice.title).toContain('青春心向党');
  await expectText(admin, `notices-${notice.id}-reads`, '已读 0 人');
  await shot('published');

  const member = await loggedIn(MEMBER);
  const shot2 = stepShooter(member, 'inbox');
  await open(member, '/member/pages/home/index');
  await byId(member, 'member-home-inbox-badge').waitFor({ timeout: 20000 });
  await shot2('member-home-badge');
  await tap(member, 'member-home-inbox');
  await byId(member, `inbox-notice-${notice.id}-unread`).waitFor();
  await shot2('inbox-notices');
  await tap(member, `inbox-notice-${notice.id}`);
  await expectText(member, 'notice-title', '青春心向党');
  await expectText(member, 'notice-org', '中山大学团委');
  await expectText(member, 'notice-files', '活动方案.pdf');
  await shot2('notice');
  // back in the inbox the notice is read
  await member.goBack();
  await byId(member, `inbox-notice-${notice.id}`).waitFor();
  await byId(member, `inbox-notice-${notice.id}-unread`).waitFor({ state: 'detached', timeout: 15000 });
  await shot2('inbox-read');
  await tap(member, 'inbox-tab-messages');
  await member.waitForTimeout(800);
  await shot2('inbox-messages');

  await open(admin, `/admin/pages/notices/index?orgId=${school}`);
  await expectText(admin, `notices-${notice.id}-reads`, '已读 1 人');
  await tap(admin, `notices-${notice.id}`);
  await expectText(admin, 'reads-total', '1');
  await byId(admin, 'reads-title').waitFor();
  await shot('reads');
  await Promise.all([admin.close(), member.close()]);
});
