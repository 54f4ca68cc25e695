import { ErrorMessages, proposeFullName } from '@tj/shared';
import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, orgs } from '../src/db/schema';
import { buildTestApp } from './helper';
import { insertOrg, onboardedCadre, orgTree, VALID_IDS } from './fixtures';

const branchBody = (shortName: string) => ({
  type: 'branch',
  shortName,
  fullName: proposeFullName(shortName, 'branch'),
  industry: 'university',
  branchCategory: 'ordinary',
  secretaryName: '李明',
  secretaryIdNumber: VALID_IDS[0],
  secretaryPhone: '13912345678',
});

describe('org tree', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let cityAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  it('creates a branch under a general branch, with its path and audit entry', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/orgs/${tree.grade.id}/children`, headers: cityAdmin.headers, payload: branchBody('计算机专业2024级1班团支部') });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ type: 'branch', shortName: '计算机专业2024级1班团支部', depth: tree.grade.depth + 1 });
    expect(body.pathNames).toEqual([tree.province.shortName, tree.city.shortName, tree.school.shortName, tree.grade.shortName]);
    const [row] = await app.db
      .select()
      .from(orgs)
      .where(eq(orgs.id, Number(body.id)));
    expect(row.path).toBe(`${tree.grade.path}${body.id}/`);
    // §9: the secretary's ID number is stored encrypted, findable by hash only
    expect(row.secretaryIdEnc).not.toContain(VALID_IDS[0]);
    expect(row.secretaryIdHash).toBe(app.pii.lookupHash(VALID_IDS[0]));
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetType, 'org'), eq(auditLogs.targetId, body.id)));
    expect(logs.map((l) => l.action)).toEqual(['org.create']);
  });

  // 004 §二(一)3 "各级团组织的组织简称和组织类别由上级团组织管理员创建，其他具体组织信息由本级团组织管理员填写"
  it('the superior creates with 组织简称 + 组织类别 only; the org’s own admin completes the rest and 信息待完善 empties', async () => {
    const created = await app.inject({
      method: 'POST',
      url: `/api/orgs/${tree.school.id}/children`,
      headers: cityAdmin.headers,
      payload: { type: 'branch', shortName: '新闻专业2025级1班团支部' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const ownAdmin = await onboardedCadre(app, Number(id), { isAdmin: true });
    const get = () => app.inject({ method: 'GET', url: `/api/orgs/${id}`, headers: ownAdmin.headers });
    expect((await get()).json()).toMatchObject({ industry: null, infoComplete: false, missingFields: ['fullName', 'secretaryName', 'secretaryIdNumber', 'secretaryPhone', 'industry'] });
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/orgs/${id}`, headers: ownAdmin.headers, payload });
    const done = await patch({
      fullName: proposeFullName('新闻专业2025级1班团支部', 'branch'),
      industry: 'university',
      secretaryName: '周书记',
      secretaryIdNumber: VALID_IDS[2],
      secretaryPhone: ownAdmin.phone,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ missingFields: [], infoComplete: true, industry: 'university' });
    // (2.2) "组织简称、组织全称、组织类别、行业类别填写后不可修改": set once, then refused
    const again = await patch({ industry: 'rural' });
    expect(again.json()).toMatchObject({ code: 'ORG_FIELD_IMMUTABLE', field: 'industry' });
    const [row] = await app.db
      .select()
      .from(orgs)
      .where(eq(orgs.id, Number(id)));
    expect([row.industry, row.fieldsComplete]).toEqual(['university', true]);
  });

  // 004 (2.1): "团的领导机关必填项…联系电话、电子邮箱" without 行业类别; "基层团委必填项…" without 联系电话/电子邮箱
  it('required fields follow 004 (2.1) per type', async () => {
    const organ = (
      await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/children`, headers: cityAdmin.headers, payload: { type: 'leadingOrgan', shortName: '团测试区委' } })
    ).json();
    const committee = (
      await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/children`, headers: cityAdmin.headers, payload: { type: 'grassrootsCommittee', shortName: '测试大学团委' } })
    ).json();
    const missing = async (id: string) => (await app.inject({ method: 'GET', url: `/api/orgs/${id}`, headers: cityAdmin.headers })).json().missingFields;
    expect(await missing(organ.id)).not.toContain('industry');
    expect(await missing(organ.id)).toEqual(expect.arrayContaining(['contactPhone', 'email', 'adminStaffQuota']));
    expect(await missing(committee.id)).toEqual(expect.arrayContaining(['industry', 'adminStaffQuota']));
    expect(await missing(committee.id)).not.toContain('email');
  });

  it('refuses a type the parent cannot contain (§3.1) and changes nothing', async () => {
    const before = await app.db.select().from(orgs).where(eq(orgs.parentId, tree.grade.id));
    const res = await app.inject({
      method: 'POST',
      url: `/api/orgs/${tree.grade.id}/children`,
      headers: cityAdmin.headers,
      payload: {
        ...branchBody('某某团委'),
        type: 'grassrootsCommittee',
        branchCategory: null,
        fullName: '中国共产主义青年团某某委员会',
        contactPhone: '020-12345678',
        email: 'tw@example.com',
        adminStaffQuota: 0,
        adminStaffActual: 0,
        institutionStaffQuota: 0,
        institutionStaffActual: 0,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ORG_TYPE_NOT_ALLOWED', field: 'type', message: ErrorMessages.ORG_TYPE_NOT_ALLOWED });
    expect(await app.db.select().from(orgs).where(eq(orgs.parentId, tree.grade.id))).toEqual(before);
  });

  it('20 parallel creations of one short name under one parent: exactly one wins', async () => {
    const parent = await insertOrg(app, tree.school, 'generalBranch');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => app.inject({ method: 'POST', url: `/api/orgs/${parent.id}/children`, headers: cityAdmin.headers, payload: branchBody('数学专业2024级2班团支部') })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.every((r) => r.statusCode === 409 && r.json().code === 'ORG_NAME_TAKEN')).toBe(true);
    expect(await app.db.select().from(orgs).where(eq(orgs.parentId, parent.id))).toHaveLength(1);
  });

  it('keeps immutable fields immutable and audits edits', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.school.id}`, headers: cityAdmin.headers, payload: { shortName: '改名团委' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ORG_FIELD_IMMUTABLE', field: 'shortName' });
    const ok = await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.school.id}`, headers: cityAdmin.headers, payload: { sortOrder: 7, secretaryName: '王芳' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ sortOrder: 7, secretaryName: '王芳', shortName: tree.school.shortName });
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetType, 'org'), eq(auditLogs.targetId, String(tree.school.id))));
    expect(logs.some((l) => l.action === 'org.update')).toBe(true);
  });

  it('deletes only empty orgs', async () => {
    const notEmpty = await app.inject({ method: 'DELETE', url: `/api/orgs/${tree.school.id}/children/${tree.grade.id}`, headers: cityAdmin.headers });
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().code).toBe('ORG_HAS_SUB_ORGS');
    const empty = await insertOrg(app, tree.school, 'branch');
    const ok = await app.inject({ method: 'DELETE', url: `/api/orgs/${tree.school.id}/children/${empty.id}`, headers: cityAdmin.headers });
    expect(ok.statusCode).toBe(204);
    expect(await app.db.select().from(orgs).where(eq(orgs.id, empty.id))).toEqual([]);
  });

  it('lists children with full paths and the caller’s orgs', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/children`, headers: cityAdmin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { id: string }) => o.id)).toContain(String(tree.grade.id));
    const mine = await app.inject({ method: 'GET', url: '/api/me/orgs', headers: cityAdmin.headers });
    expect(mine.json().items).toEqual([expect.objectContaining({ id: String(tree.city.id), isAdmin: true })]);
  });

  describe('permissions: nothing outside the caller’s subtree', () => {
    const endpoints = (id: number, childId: number) => [
      { method: 'GET' as const, url: `/api/orgs/${id}` },
      { method: 'PATCH' as const, url: `/api/orgs/${id}`, payload: { sortOrder: 1 } },
      { method: 'GET' as const, url: `/api/orgs/${id}/children` },
      { method: 'POST' as const, url: `/api/orgs/${id}/children`, payload: branchBody('越权团支部') },
      { method: 'DELETE' as const, url: `/api/orgs/${id}/children/${childId}` },
    ];

    it('an admin of one city gets 403 and no data for the other city and the province', async () => {
      const victim = await insertOrg(app, tree.otherCity, 'branch');
      for (const target of [tree.otherCity.id, tree.province.id]) {
        for (const ep of endpoints(target, victim.id)) {
          const res = await app.inject({ ...ep, headers: cityAdmin.headers });
          expect([ep.url, res.statusCode]).toEqual([ep.url, 403]);
          expect(res.json()).toEqual({ code: 'FORBIDDEN', message: ErrorMessages.FORBIDDEN });
        }
      }
      expect(await app.db.select().from(orgs).where(eq(orgs.id, victim.id))).toHaveLength(1);
    });

    it('a plain cadre may read but not change', async () => {
      const cadre = await onboardedCadre(app, tree.school.id);
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}`, headers: cadre.headers })).statusCode).toBe(200);
      const res = await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.school.id}`, headers: cadre.headers, payload: { sortOrder: 2 } });
      expect(res.statusCode).toBe(403);
    });

    it('requires a login', async () => {
      const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}` });
      expect(res.statusCode).toBe(401);
    });
  });
});
