import type { Browser, Page } from 'playwright-core';
import { monthOf, todayInChina } from '@tj/shared';
import { api, orgIdByName, tokenOf } from './api';
import { baseUrl, launch, phonePage } from './browser';
import { byId, expectText, fill, stepShooter, tap } from './page';

/**
 * 组织生活 (issue 17 part 2) against the real server (demo seed): 1班's secretary opens
 * 三会两制一课 · 团日活动 from the 工作台, records a 团日活动 with attendees picked from the
 * branch's members and a photo, and this month turns 达标; 计算机学院2024级团总支's admin sees it
 * in 1班's count, drills down to the branch and opens the record (photo included); the
 * secretary looks at the members' participation.
 */
const CLASS1_OPERATOR = { phone: '13800000013', password: 'demo1234' };
const GRADE_ADMIN = { phone: '13800000015', password: 'demo1234' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAALElEQVR4nGP4jwRuyLHBEaniDMPYIEo0I4sPZ4Mo0TzIo59qBg2+WBt0BgEADhP639kLT/YAAAAASUVORK5CYII=', 'base64');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function login(page: Page, who: { phone: string; password: string }) {
  await page.goto(`${baseUrl()}/pages/login/index`);
  await byId(page, 'login-submit').waitFor({ timeout: 15000 });
  await fill(page, 'login-phone', who.phone);
  await fill(page, 'login-password', who.password);
  await tap(page, 'login-submit');
  await page.waitForURL(/admin|status|member|cadre/, { timeout: 15000 });
}

type Overview = { rows: { org: { id: string }; total: number; counts: { leagueDay: number } }[] };

test('a branch secretary records a 团日活动 with attendees; the committee sees it in its counts', async () => {
  const gradeId = await orgIdByName('计算机学院2024级团总支');
  const class1Id = await orgIdByName('计算机科学与技术专业2024级1班团支部');
  const month = monthOf(todayInChina());
  const period = `from=${month.slice(0, 4)}-01&to=${month}`;
  const adminToken = await tokenOf(GRADE_ADMIN);
  const before = (await api<Overview>(`/orgs/${gradeId}/org-life/overview?${period}`, { token: adminToken })).rows.find((r) => r.org.id === class1Id)!;

  // ── the branch secretary, from the 工作台 ──
  const sec = await phonePage(browser);
  const shoot = stepShooter(sec, 'org-life-01-branch');
  await login(sec, CLASS1_OPERATOR);
  await sec.goto(`${baseUrl()}/cadre/pages/home/index?orgId=${class1Id}`);
  await tap(sec, 'dashboard-entry-orgLife');
  await byId(sec, 'ol-month-verdict').waitFor({ timeout: 20000 });
  await expectText(sec, 'ol-month-verdict', '未达标');
  await shoot('month-before');

  await tap(sec, 'ol-new');
  await byId(sec, 'olf-submit').waitFor({ timeout: 20000 });
  await tap(sec, 'olf-kind-leagueDay');
  // nothing picked yet: the shared rule says so at the field
  await fill(sec, 'olf-topic', '学习二十大精神主题团日');
  await fill(sec, 'olf-place', '中山大学东校区团员活动室');
  await tap(sec, 'olf-submit');
  await expectText(sec, 'olf-attendees-field-error', '请选择参加人员');
  // everyone, then one less
  const members = (await api<{ items: { memberId: string; name: string }[] }>(`/orgs/${class1Id}/org-life/members`, { token: await tokenOf(CLASS1_OPERATOR) })).items;
  expect(members.length).toBeGreaterThanOrEqual(3);
  await tap(sec, 'olf-all');
  await tap(sec, `olf-member-${members[members.length - 1]!.memberId}`);
  await fill(sec, 'olf-note', '观看专题片，分组讨论，每人发言');
  await sec.locator('[data-testid="olf-photos-file"]').setInputFiles({ name: 'activity.png', mimeType: 'image/png', buffer: PNG });
  await byId(sec, 'olf-photos-item').waitFor({ timeout: 15000 });
  await shoot('form');
  await tap(sec, 'olf-submit');
  await expectText(sec, 'olr-topic', '学习二十大精神主题团日', { timeout: 20000 });
  await expectText(sec, 'olr-rate', `${members.length - 1} / ${members.length} 人`);
  await byId(sec, 'olr-photo-0').waitFor({ timeout: 15000 });
  await shoot('record');

  await sec.goto(`${baseUrl()}/cadre/pages/org-life/index?orgId=${class1Id}`);
  await expectText(sec, 'ol-month-verdict', '达标', { exact: true, timeout: 20000 });
  await shoot('month-after');
  await tap(sec, 'ol-participation');
  await byId(sec, `olp-member-${members[0]!.memberId}`).waitFor({ timeout: 20000 });
  await shoot('participation');

  // ── the committee above: 1班's count rose by one; drill down and open the record ──
  const committee = await phonePage(browser);
  const shootC = stepShooter(committee, 'org-life-02-committee');
  await login(committee, GRADE_ADMIN);
  await committee.goto(`${baseUrl()}/cadre/pages/org-life/index?orgId=${gradeId}`);
  await expectText(committee, `ol-sub-${class1Id}-count`, `共 ${before.total + 1} 次`, { timeout: 20000 });
  await shootC('overview');
  const after = (await api<Overview>(`/orgs/${gradeId}/org-life/overview?${period}`, { token: adminToken })).rows.find((r) => r.org.id === class1Id)!;
  expect(after.counts.leagueDay).toBe(before.counts.leagueDay + 1);
  await tap(committee, `ol-sub-${class1Id}`);
  await byId(committee, 'ol-month-verdict').waitFor({ timeout: 20000 });
  // an admin above may record and correct for the branch too (policy: 'operator' reach)
  expect(await byId(committee, 'ol-new').count()).toBe(1);
  await shootC('branch');
  await committee.locator('[data-testid^="ol-record-"]').filter({ hasText: '学习二十大精神主题团日' }).first().click();
  await expectText(committee, 'olr-topic', '学习二十大精神主题团日', { timeout: 20000 });
  await byId(committee, 'olr-photo-0').waitFor({ timeout: 15000 });
  await shootC('record');
});
