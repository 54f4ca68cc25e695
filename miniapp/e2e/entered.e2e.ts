import type { Browser } from 'playwright-core';
import { api, newIdNumber, orgIdByName, tokenOf } from './api';
import { launch, loggedInPage, openPath } from './browser';
import { byId, expectText, fill, stepShooter, tap } from './page';

/**
 * Issue 16 part 5 against the real server (demo seed, [004 §二(一)]): 刘思远, admin of
 * 计算机学院2024级团总支, enters 2班's member 孔令辉 (a 2021 join → 尚未认证 at once); 孔令辉 registers,
 * proves his ID with the real-name check on 认领团员信息 and 确认 — the org's record is his, no second
 * check-in. Plus issue 16 B1: 陈志强 (团广东省委, a leading organ) has 毕业时间更正. 375×812 shots.
 */
const GENERAL_ADMIN = { phone: '13800000015', password: 'demo1234' };
const PROVINCE_ADMIN = { phone: '13800000010', password: 'demo1234' };

let browser: Browser;
const ids = { general: '', br2: '', province: '' };

const loggedIn = (who: { phone: string; password: string }) => loggedInPage(browser, who);
const open = openPath;

beforeAll(async () => {
  browser = await launch();
  ids.general = await orgIdByName('计算机学院2024级团总支');
  ids.br2 = await orgIdByName('软件工程专业2024级2班团支部');
  ids.province = await orgIdByName('团广东省委');
}, 60000);
afterAll(() => browser?.close());

it('an admin enters a member; the person registers, proves the ID and claims the record', async () => {
  const idNumber = newIdNumber();
  const name = '孔令辉';
  const admin = await loggedIn(GENERAL_ADMIN);
  const shot = stepShooter(admin, 'entered');
  await open(admin, `/admin/pages/member-entry/index?orgId=${ids.br2}`);
  await byId(admin, 'member-entry-identity').waitFor();
  await shot('entry-form');
  // the form's 20 fields are the check-in's (covered by checkin.e2e); the admin's request is the same body
  const token = await tokenOf(GENERAL_ADMIN);
  await api(`/orgs/${ids.br2}/entered-members`, {
    method: 'POST',
    token,
    body: {
      name,
      idType: 'residentId',
      idNumber,
      joinedAt: '2021-05',
      income: 'studentNoIncome',
      holdsPosition: false,
      developmentNumber: '202100000777',
      joinUnit: '广州市第一中学',
      phone: '13800138000',
      ethnicity: '01',
      politicalStatus: 'leagueMember',
      fullTimeEducation: 'bachelorStudying',
      highestEducation: 'bachelorStudying',
      isVolunteer: false,
    },
  });
  await open(admin, `/admin/pages/entered-members/index?orgId=${ids.br2}`);
  await expectText(admin, 'entered-list', name);
  await expectText(admin, 'entered-list', '待本人认领');
  await shot('entered-list');
  await open(admin, `/admin/pages/archives/index?orgId=${ids.br2}&state=uncertified`);
  await expectText(admin, 'archives-list', name);

  // the person registers (API: the registration page is checkin.e2e's), then claims in the app
  const phone = `1370000${String(Date.now()).slice(-4)}`;
  const password = 'abc12345';
  await api('/auth/sms', { method: 'POST', body: { phone, purpose: 'register' } });
  const { code } = await api<{ code: string }>(`/test/sms/${phone}`);
  await api('/auth/register', { method: 'POST', body: { phone, password, confirmPassword: password, smsCode: code, regionCode: '440106', agreed: true } });
  const member = await loggedIn({ phone, password });
  const shot2 = stepShooter(member, 'entered');
  await tap(member, 'status-claim');
  await byId(member, 'claim-name').waitFor();
  await shot2('claim-form');
  await fill(member, 'claim-name', name);
  await fill(member, 'claim-id', idNumber);
  await tap(member, 'claim-verify');
  for (let i = 0; i < 30; i++) {
    if (await byId(member, 'claim-offer').isVisible()) break;
    if (await byId(member, 'claim-refresh').isVisible()) await tap(member, 'claim-refresh');
    await member.waitForTimeout(1000);
  }
  await expectText(member, 'claim-offer', '是否确认');
  await expectText(member, 'claim-offer', name);
  await shot2('claim-offer');
  await tap(member, 'claim-confirm');
  await byId(member, 'claim-done').waitFor();
  await shot2('claim-done');
  await tap(member, 'claim-go-home');
  await expectText(member, 'member-home-name', name);
  await shot2('member-home');

  await open(admin, `/admin/pages/entered-members/index?orgId=${ids.br2}`);
  await expectText(admin, 'entered-list', '本人已认领');
  await Promise.all([admin.close(), member.close()]);
});

it('B1: a leading organ opens 毕业时间更正 from its home', async () => {
  const admin = await loggedIn(PROVINCE_ADMIN);
  const shot = stepShooter(admin, 'entered');
  await open(admin, `/admin/pages/home/index?orgId=${ids.province}`);
  await tap(admin, 'action-graduationCorrect');
  await byId(admin, 'graduation-page').waitFor();
  await shot('graduation-correct');
  await admin.close();
});
