import { SizeWarnings } from '@tj/shared';
import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { users } from '../src/db/schema';
import { buildTestApp } from './helper';
import { insertOrg, onboardedCadre, orgTree } from './fixtures';

describe('QR codes, entry progress, audit log', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let cityAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    app = await buildTestApp({ publicBaseUrl: 'https://h5.example.org', enableTestEndpoints: true });
    tree = await orgTree(app);
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  describe('QR codes (simulator: PNG of the H5 URL)', () => {
    it('makes a check-in QR for a branch that resolves back to the branch with its path', async () => {
      const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/qr/checkin`, headers: cityAdmin.headers });
      expect(res.statusCode).toBe(200);
      const qr = res.json();
      expect(qr.scene.length).toBeLessThanOrEqual(32);
      expect(qr.url).toBe(`https://h5.example.org/pages/entry/index?scene=${qr.scene}`);
      const png = Buffer.from(qr.imageDataUrl.replace('data:image/png;base64,', ''), 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // the same scene every time, so printed codes stay valid
      const again = await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/qr/checkin`, headers: cityAdmin.headers });
      expect(again.json().scene).toBe(qr.scene);
      const scanned = await app.inject({ method: 'GET', url: `/api/qr/${qr.scene}` });
      expect(scanned.json()).toEqual({
        kind: 'checkin',
        orgId: String(tree.branch.id),
        shortName: tree.branch.shortName,
        fullName: tree.branch.fullName,
        type: 'branch',
        pathNames: [tree.province.shortName, tree.city.shortName, tree.school.shortName, tree.grade.shortName],
      });
    });

    it('refuses a check-in QR for a non-branch, makes cadre QRs for any org, 404s unknown scenes', async () => {
      const refused = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/qr/checkin`, headers: cityAdmin.headers });
      expect(refused.json().code).toBe('QR_CHECKIN_BRANCH_ONLY');
      const cadre = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/qr/cadre`, headers: cityAdmin.headers });
      expect(cadre.json().kind).toBe('cadre');
      expect((await app.inject({ method: 'GET', url: '/api/qr/nope123' })).statusCode).toBe(404);
      const other = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/qr/checkin`, headers: other.headers })).statusCode).toBe(403);
    });
  });

  describe('entry progress (§3.4, §10)', () => {
    it('reports per direct subordinate and per level', async () => {
      const schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
      await app.db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, schoolAdmin.userId));
      await insertOrg(app, tree.grade, 'branch');
      const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/progress`, headers: cityAdmin.headers });
      expect(res.statusCode).toBe(200);
      const { rows, levels } = res.json();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        org: expect.objectContaining({ id: String(tree.school.id) }),
        adminLoggedIn: true,
        infoComplete: false,
        hasSubOrgs: true,
        cadresEntered: 1,
        cadresOnboarded: 1,
        emptyBranches: 2,
        // 004 "团委、团工委、团总支完成团干部录入的标准：组织内录入的团干部数量至少 2 名" — a warning only
        sizeWarnings: [{ code: 'CADRES_UNDER_2', message: SizeWarnings.CADRES_UNDER_2 }],
      });
      expect(levels).toEqual([
        { level: 1, orgs: 1, adminLoggedIn: 1, infoComplete: 0, hasSubOrgs: 1 },
        { level: 2, orgs: 1, adminLoggedIn: 0, infoComplete: 0, hasSubOrgs: 1 },
        { level: 3, orgs: 2, adminLoggedIn: 0, infoComplete: 0, hasSubOrgs: 0 },
      ]);
    });

    it('counts info complete once the fields are filled and the secretary has an account', async () => {
      const phone = '13912349876';
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/orgs/${tree.school.id}`,
        headers: cityAdmin.headers,
        payload: {
          secretaryName: '王芳',
          secretaryIdNumber: '440106199003070028',
          secretaryPhone: phone,
          contactPhone: '020-1234567',
          email: 'school@example.com',
          adminStaffQuota: 1,
          adminStaffActual: 1,
          institutionStaffQuota: 0,
          institutionStaffActual: 0,
        },
      });
      expect(res.json().missingFields).toEqual([]);
      expect(res.json().infoComplete).toBe(false); // the secretary has no account yet
      // The secretary registers the way anyone does (the kept secretary_registered flag follows).
      await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'register' } });
      const { code } = (await app.inject({ method: 'GET', url: `/api/test/sms/${phone}` })).json();
      const reg = await app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { phone, password: 'abc12345', confirmPassword: 'abc12345', smsCode: code, regionCode: '440106', agreed: true },
      });
      expect(reg.statusCode).toBe(200);
      const progress = await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/progress`, headers: cityAdmin.headers });
      expect(progress.json().rows[0].infoComplete).toBe(true);
    });
  });

  describe('audit log', () => {
    it('lists the subtree’s changes newest first, paginated, and only to its admins', async () => {
      await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.grade.id}`, headers: cityAdmin.headers, payload: { sortOrder: 3 } });
      await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.grade.id}`, headers: cityAdmin.headers, payload: { sortOrder: 4 } });
      const page1 = await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/audit?limit=1`, headers: cityAdmin.headers });
      expect(page1.statusCode).toBe(200);
      const body = page1.json();
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ action: 'org.update', orgName: tree.grade.shortName, after: { sortOrder: 4 } });
      expect(body.nextCursor).not.toBeNull();
      const page2 = await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/audit?limit=1&cursor=${body.nextCursor}`, headers: cityAdmin.headers });
      expect(page2.json().items[0]).toMatchObject({ action: 'org.update', after: { sortOrder: 3 } });
      const other = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
      const outside = await app.inject({ method: 'GET', url: `/api/orgs/${tree.otherCity.id}/audit`, headers: other.headers });
      expect(outside.json().items.some((i: { orgName: string }) => i.orgName === tree.grade.shortName)).toBe(false);
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/audit`, headers: other.headers })).statusCode).toBe(403);
    });
  });
});
