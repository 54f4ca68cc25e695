import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { ErrorMessages } from '@tj/shared';
import { api, tokenOf } from './api';
import { baseUrl, launch, phonePage, stepShooter } from './browser';
import { byId, confirmPicker, expectText, fill, id, input, tap } from './page';

/**
 * The admin sub-package against the real server (demo seed): the province admin builds the
 * tree and issues a code; a new admin registers with it, imports sub-orgs from Excel (a bad
 * row first, then fixed) and sees the entry progress. Every admin page is photographed.
 */
const PROVINCE_ADMIN = { phone: '13800000010', password: 'demo1234' };
const NEW_ADMIN = { phone: '13900000077', password: 'abc12345', name: '周管理' };
const NEW_ORG = { shortName: '广东省直机关团工委', fullName: '中国共产主义青年团广东省直机关工作委员会' };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

// The hidden <input type=file> of the import page on top of the stack.
const fileInput = (page: Page) => page.locator('[data-testid="import-file"]').last();

async function loginAsProvinceAdmin(page: Page) {
  await page.goto(`${baseUrl()}/`);
  await fill(page, 'login-phone', PROVINCE_ADMIN.phone);
  await fill(page, 'login-password', PROVINCE_ADMIN.password);
  await tap(page, 'login-submit');
  await byId(page, 'status-org-1').waitFor();
}

async function openProvince(page: Page) {
  // the row is a NutUI Cell: the tap lands on the cell around the test id, as a finger's would
  await byId(page, 'status-org-1').click({ force: true });
  await expectText(page, 'org-header-name', '团广东省委');
}

/** Screenshots taken once Taro's page slide-in animation has finished. */
function shooter(page: Page, flow: string) {
  const shoot = stepShooter(page, flow);
  return async (step: string) => {
    await page.waitForTimeout(600);
    await shoot(step);
  };
}

/** The id of the sub-org row showing `name` on the org home. */
async function subOrgId(page: Page, name: string): Promise<string> {
  const row = page.locator('[data-testid^="sub-org-"]', { hasText: name }).filter({ visible: true }).first();
  await row.waitFor();
  return (await row.getAttribute('data-testid'))!.replace('sub-org-', '');
}

/** A sub-org import file built on the server's own template headers (row 1). */
async function importFile(template: Buffer, rows: string[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  ws.spliceRows(2, ws.rowCount);
  for (const r of rows) {
    const byHeader: Record<string, string> = Object.fromEntries(r.map((v, i) => [COLUMNS[i], v]));
    ws.addRow(headers.map((h) => byHeader[Object.keys(byHeader).find((k) => h.startsWith(k)) ?? ''] ?? ''));
  }
  const file = path.join(os.tmpdir(), `tj-e2e-${Date.now()}-${name}`);
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}
const COLUMNS = ['组织类别', '组织简称', '组织全称', '单位所属行业类别', '团支部类别', '书记姓名', '书记身份证号', '书记手机号'];
const branchRow = (shortName: string, n: number) => ['团支部', shortName, '', '党政机关', '普通团支部', `支书${'甲乙丙'[n]}`, id(`4401061995030${n}123`), `1370000010${n}`];

describe('admin (H5 in Chromium)', () => {
  let code = '';
  let newOrgId = '';

  it('province admin: org home, new sub-org, admin code, and every admin page', async () => {
    const page = await phonePage(browser);
    const shot = shooter(page, 'admin-province');
    await loginAsProvinceAdmin(page);
    await shot('status-with-org');
    await openProvince(page);
    await expectText(page, 'sub-orgs-title', '下级组织（87）');
    await shot('org-home');
    await byId(page, 'sub-orgs').scrollIntoViewIfNeeded();
    await shot('org-home-sub-orgs');

    // a new sub-org: the schema's messages first, then a valid 团工委 with its proposed full name
    await tap(page, 'action-create');
    await byId(page, 'org-form').waitFor();
    await shot('org-create-empty');
    await tap(page, 'org-submit');
    await expectText(page, 'org-shortName-error', ErrorMessages.REQUIRED);
    await byId(page, 'org-type').scrollIntoViewIfNeeded();
    await shot('org-create-errors');

    await tap(page, 'org-type-workingCommittee');
    await fill(page, 'org-shortName', NEW_ORG.shortName);
    expect(await input(page, 'org-fullName').inputValue()).toBe(NEW_ORG.fullName);
    await confirmPicker(page, 'org-industry');
    await expectText(page, 'org-industry', '党政机关');
    await fill(page, 'org-secretaryName', '吴书记');
    await fill(page, 'org-secretaryIdNumber', id('44010619880808123'));
    await fill(page, 'org-secretaryPhone', '13700000088');
    await byId(page, 'org-type').scrollIntoViewIfNeeded();
    await shot('org-create-filled');
    await tap(page, 'org-submit');
    await expectText(page, 'sub-orgs-title', '下级组织（88）');
    newOrgId = await subOrgId(page, NEW_ORG.fullName);

    // the code for it
    await tap(page, 'action-codes');
    await tap(page, `codes-issue-${newOrgId}`);
    await byId(page, `codes-code-${newOrgId}`).waitFor();
    code = (await byId(page, `codes-code-${newOrgId}`).textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Za-z]{8}$/);
    await byId(page, `codes-row-${newOrgId}`).scrollIntoViewIfNeeded();
    await shot('codes-issued');
    await page.goBack();

    // the remaining pages of the province, one screenshot each
    const visit = async (action: string, ready: string, name: string) => {
      await tap(page, `action-${action}`);
      await byId(page, ready).waitFor({ timeout: 15000 });
      await shot(name);
    };
    await visit('roster', 'roster-item-1', 'roster');
    await tap(page, 'roster-add');
    await byId(page, 'roster-form').waitFor();
    await tap(page, 'roster-submit');
    await byId(page, 'roster-name-error').waitFor();
    await shot('roster-form-errors');
    await page.goBack();
    await page.goBack();
    await visit('qr', 'qr-image', 'qr');
    await page.goBack();
    await visit('progress', 'progress-table', 'progress');
    await page.goBack();
    await visit('audit', 'audit-list', 'audit');
    await expectText(page, 'audit-list', '新建下级组织');
    await expectText(page, 'audit-list', '生成管理员注册码');
    await page.goBack();
    await visit('edit', 'org-form', 'org-edit');
    await page.goBack();
    await visit('import', 'excel-import', 'import');
    await page.context().close();
  });

  it('new admin: registers with the code, imports sub-orgs (bad row, then fixed), sees the progress', async () => {
    expect(code).not.toBe('');
    const page = await phonePage(browser);
    const shot = shooter(page, 'admin-register');
    await page.goto(`${baseUrl()}/admin/pages/register/index`);
    await byId(page, 'register-page').waitFor();
    await fill(page, 'register-code', 'abc');
    await tap(page, 'register-lookup');
    await expectText(page, 'register-code-error', ErrorMessages.ADMIN_CODE_INVALID);
    await shot('code-invalid');

    await fill(page, 'register-code', code);
    await tap(page, 'register-lookup');
    await expectText(page, 'register-org-name', NEW_ORG.fullName);
    await shot('code-org');

    await tap(page, 'register-submit');
    await expectText(page, 'register-name-error', ErrorMessages.NAME_INVALID);
    await shot('register-errors');

    await confirmPicker(page, 'register-position');
    await fill(page, 'register-name', NEW_ADMIN.name);
    await fill(page, 'register-idNumber', id('44010619950315123'));
    await confirmPicker(page, 'register-joinedAt');
    await fill(page, 'register-phone', NEW_ADMIN.phone);
    await tap(page, 'register-sms');
    await expectText(page, 'register-sms', '秒后重新获取');
    const sms = await page.request.get(`${baseUrl()}/api/test/sms/${NEW_ADMIN.phone}`);
    expect(sms.ok()).toBe(true);
    await fill(page, 'register-smsCode', ((await sms.json()) as { code: string }).code);
    await fill(page, 'register-password', NEW_ADMIN.password);
    await fill(page, 'register-confirmPassword', NEW_ADMIN.password);
    await shot('register-filled');
    await tap(page, 'register-submit');

    // logged in, on the home of the org the code belongs to
    await expectText(page, 'org-header-name', NEW_ORG.shortName);
    expect(page.url()).toContain(`orgId=${newOrgId}`);
    await shot('new-admin-home');

    // Excel import: the server's template, one bad row → its row number; fixed → imported
    const login = await page.request.post(`${baseUrl()}/api/auth/login`, { data: NEW_ADMIN });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const template = await page.request.get(`${baseUrl()}/api/orgs/${newOrgId}/import/template.xlsx`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(template.ok()).toBe(true);
    const templateBytes = await template.body();
    const bad = await importFile(templateBytes, [branchRow('省直机关第一团支部', 1), branchRow('省直机关第二团支部', 2), branchRow('省直机关第三支部', 3)], 'bad.xlsx');
    const good = await importFile(templateBytes, [branchRow('省直机关第一团支部', 1), branchRow('省直机关第二团支部', 2), branchRow('省直机关第三团支部', 3)], 'good.xlsx');

    await tap(page, 'action-import');
    await byId(page, 'excel-import').waitFor();
    await shot('import-page');
    await fileInput(page).setInputFiles(bad);
    await expectText(page, 'import-row-4', ErrorMessages.SHORT_NAME_SHAPE);
    await expectText(page, 'import-row-4', '第4行');
    expect(await page.locator('[data-testid^="import-row-"]:not([data-testid="import-row-errors"])').filter({ visible: true }).count()).toBe(1);
    await byId(page, 'import-error').scrollIntoViewIfNeeded();
    await shot('import-row-error');

    await fileInput(page).setInputFiles(good);
    await expectText(page, 'import-success', '已成功导入 3 个下级组织');
    await shot('import-done');
    await tap(page, 'import-done');
    await expectText(page, 'sub-orgs-title', '下级组织（3）');
    await byId(page, 'sub-orgs').scrollIntoViewIfNeeded();
    await shot('home-with-imported');

    await tap(page, 'action-progress');
    await expectText(page, 'progress-level-1', '共 3 个');
    await expectText(page, 'progress-table', '省直机关第三团支部');
    await shot('progress');
    await byId(page, 'progress-table').scrollIntoViewIfNeeded();
    await shot('progress-table');
    await page.goBack();

    await tap(page, 'action-audit');
    await expectText(page, 'audit-list', '批量导入下级组织');
    await shot('audit');
    await page.goBack();

    // the roster: enter a cadre, then ask to make them a second admin of the own org
    await tap(page, 'action-roster');
    await byId(page, 'roster-page').waitFor();
    await tap(page, 'roster-add');
    await byId(page, 'roster-form').waitFor();
    await fill(page, 'roster-name', '郑委员');
    await fill(page, 'roster-idNumber', id('44010619960606123'));
    await fill(page, 'roster-phone', '13900000078');
    await confirmPicker(page, 'roster-position');
    await tap(page, 'roster-cadreNature-partTime');
    await shot('roster-form-filled');
    await tap(page, 'roster-submit');
    const cadre = page.locator('[data-testid^="roster-item-"]', { hasText: '郑委员' }).filter({ visible: true }).first();
    await cadre.waitFor();
    const entryId = (await cadre.getAttribute('data-testid'))!.replace('roster-item-', '');
    // §3.4: only an onboarded cadre can be made admin — refused at once, in the server's words
    await tap(page, `roster-admin-${entryId}`);
    await expectText(page, 'roster-error', ErrorMessages.ADMIN_MUST_BE_ONBOARDED);
    await shot('roster-admin-refused');
    await page.goBack();

    // a branch: its own home, then the check-in QR code only a branch has
    const branchId = await subOrgId(page, '省直机关第一团支部');
    await tap(page, `sub-org-${branchId}`);
    await expectText(page, 'org-header-name', '省直机关第一团支部');
    await shot('branch-home');
    await tap(page, 'action-qr');
    await byId(page, 'qr-image').waitFor();
    await shot('branch-qr');
    await page.context().close();
    fs.rmSync(bad, { force: true });
    fs.rmSync(good, { force: true });
  });

  it("province admin approves the subordinate's request for a second admin", async () => {
    expect(newOrgId).not.toBe('');
    // An onboarded cadre of the new org (entered in its roster, registered, position set),
    // whom the org's own admin proposes as second admin: that needs the superior's approval.
    const cadre = { phone: '13900000079', password: 'abc12345', name: '吴委员' };
    const adminToken = await tokenOf(NEW_ADMIN);
    const entry = await api<{ id: string }>(`/orgs/${newOrgId}/roster`, {
      method: 'POST',
      token: adminToken,
      body: { name: cadre.name, idNumber: id('44010619970707123'), phone: cadre.phone, position: 'committeeMember', isOperator: false },
    });
    await api('/auth/sms', { method: 'POST', body: { phone: cadre.phone, purpose: 'register' } });
    const { code } = await api<{ code: string }>(`/test/sms/${cadre.phone}`);
    const { accessToken: cadreToken } = await api<{ accessToken: string }>('/auth/register', {
      method: 'POST',
      body: { phone: cadre.phone, password: cadre.password, confirmPassword: cadre.password, smsCode: code, regionCode: '440106', agreed: true },
    });
    // Issue 12: the roster line binds only once the person confirms it is them.
    const { pending } = await api<{ pending: { entryId: string }[] }>('/cadre/entry', { method: 'POST', token: cadreToken, body: {} });
    for (const p of pending) await api(`/cadre/entries/${p.entryId}/confirm`, { method: 'POST', token: cadreToken });
    await api(`/cadre/orgs/${newOrgId}/position`, { method: 'POST', token: cadreToken, body: { position: 'committeeMember' } });
    const request = await api<{ status: string }>(`/orgs/${newOrgId}/roster/${entry.id}/admin`, { method: 'POST', token: adminToken, body: { isAdmin: true } });
    expect(request.status).toBe('pendingApproval');

    const page = await phonePage(browser);
    const shot = shooter(page, 'admin-approve');
    await loginAsProvinceAdmin(page);
    await openProvince(page);
    const approve = page.locator('[data-testid^="admin-request-approve-"]').filter({ visible: true }).first();
    await approve.waitFor();
    await expectText(page, 'admin-requests', cadre.name);
    await byId(page, 'admin-requests').scrollIntoViewIfNeeded();
    await shot('admin-request');
    await approve.click();
    await page.waitForSelector('[data-testid="admin-requests"]', { state: 'detached' });

    await page.goto(`${baseUrl()}/admin/pages/roster/index?orgId=${newOrgId}`);
    await expectText(page, 'roster-page', '管理员2名');
    await expectText(page, 'roster-page', '吴委员');
    await shot('subordinate-roster');
    await page.context().close();
  });
});
