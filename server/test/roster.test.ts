import { ErrorMessages } from '@tj/shared';
import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, orgs, rosterEntries } from '../src/db/schema';
import { buildTestApp } from './helper';
import { cadreCountDrift, insertApprovedMember, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree, VALID_IDS } from './fixtures';
import { checkins } from '../src/db/schema';
import { multipart, xlsx } from './excel';

describe('cadre roster (§6.1) and admin changes (§3.4)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let cityAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  const entry = (over: Record<string, unknown> = {}) => ({ name: '赵团干', idNumber: VALID_IDS[0], phone: '13911112222', position: 'committeeMember', isOperator: true, ...over });
  const add = (orgId: number, body: object, headers = cityAdmin.headers) => app.inject({ method: 'POST', url: `/api/orgs/${orgId}/roster`, headers, payload: body });

  // 002 §五 "团的领导机关、基层团委、团工委录入本委员会委员及机构工作人员": a 基层团委 enters its 委员.
  it('adds a cadre with a position for the org’s kind, masks personal data, audits it', async () => {
    const res = await add(tree.school.id, entry());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '赵团干', idNumberMasked: '440***********0028', phoneMasked: '139****2222', position: 'committeeMember', isOperator: true, onboarded: false });
    const list = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/roster`, headers: cityAdmin.headers });
    expect(list.body).not.toContain(VALID_IDS[0]);
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.targetType, 'roster'), eq(auditLogs.targetId, res.json().id)));
    expect(logs.map((l) => l.action)).toEqual(['roster.add']);
  });

  it('refuses a position of the other list, a duplicate person, bad data — changing nothing', async () => {
    // 002 §六: committees (a 基层团委 too) offer 书记…工作人员; 组织委员 belongs to the branch list
    const wrong = await add(tree.school.id, entry({ idNumber: VALID_IDS[1], position: 'organizationMember' }));
    expect(wrong.json()).toMatchObject({ code: 'POSITION_NOT_ALLOWED', field: 'position' });
    const wrongBranch = await add(tree.grade.id, entry({ idNumber: VALID_IDS[1], position: 'standingMember' }));
    expect(wrongBranch.json()).toMatchObject({ code: 'POSITION_NOT_ALLOWED', field: 'position' });
    expect((await add(tree.city.id, entry({ idNumber: VALID_IDS[1], position: 'standingMember' }))).statusCode).toBe(201);
    const dup = await add(tree.school.id, entry());
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'ALREADY_IN_ROSTER']);
    const bad = await add(tree.school.id, entry({ idNumber: VALID_IDS[2], phone: '123' }));
    expect(bad.json()).toMatchObject({ code: 'MOBILE_INVALID', field: 'phone', message: ErrorMessages.MOBILE_INVALID });
    const rows = await app.db.select().from(rosterEntries).where(eq(rosterEntries.orgId, tree.school.id));
    expect(rows).toHaveLength(1);
  });

  // 001 annex 2 "组织管理员/组织运营者录入": the operator of an org keeps its roster; admin rights
  // and the subtree stay the admins'.
  it('an operator of the org adds, edits and removes its plain lines; not an admin line, not a sub-org, not admin rights', async () => {
    const org = await insertOrg(app, tree.city, 'grassrootsCommittee');
    const sub = await insertOrg(app, org, 'branch');
    const op = await onboardedCadre(app, org.id, { isOperator: true });
    const orgAdmin = await onboardedCadre(app, org.id, { isAdmin: true });
    const [adminLine] = await app.db.select().from(rosterEntries).where(eq(rosterEntries.userId, orgAdmin.userId));
    const added = await add(org.id, entry({ idNumber: makeIdNumber('1999-02-03'), position: 'staff' }), op.headers);
    expect(added.statusCode).toBe(201);
    const url = (id: string | number) => `/api/orgs/${org.id}/roster/${id}`;
    const edit = await app.inject({ method: 'PATCH', url: url(added.json().id), headers: op.headers, payload: { position: 'committeeMember' } });
    expect(edit.json()).toMatchObject({ position: 'committeeMember' });
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${org.id}/roster`, headers: op.headers })).statusCode).toBe(200);
    const onAdmin = await app.inject({ method: 'PATCH', url: url(adminLine.id), headers: op.headers, payload: { position: 'staff' } });
    expect([onAdmin.statusCode, onAdmin.json().code]).toEqual([403, 'ROSTER_ADMIN_LINE_ADMINS_ONLY']);
    const delAdmin = await app.inject({ method: 'DELETE', url: url(adminLine.id), headers: op.headers });
    expect(delAdmin.statusCode).toBe(403);
    expect((await app.db.select().from(rosterEntries).where(eq(rosterEntries.id, adminLine.id)))[0].position).toBe('secretary');
    const makeAdmin = await app.inject({ method: 'POST', url: `${url(added.json().id)}/admin`, headers: op.headers, payload: { isAdmin: true } });
    expect(makeAdmin.statusCode).toBe(403);
    expect((await add(sub.id, entry({ idNumber: makeIdNumber('1998-03-04'), position: 'secretary' }), op.headers)).statusCode).toBe(403);
    const del = await app.inject({ method: 'DELETE', url: url(added.json().id), headers: op.headers });
    expect(del.statusCode).toBe(204);
  });

  it('edits and removes entries', async () => {
    const { id } = (await add(tree.grade.id, entry({ idNumber: VALID_IDS[3], position: 'organizationMember' }))).json();
    const edit = await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.grade.id}/roster/${id}`, headers: cityAdmin.headers, payload: { position: 'secretary', isOperator: false } });
    expect(edit.json()).toMatchObject({ position: 'secretary', isOperator: false });
    const del = await app.inject({ method: 'DELETE', url: `/api/orgs/${tree.grade.id}/roster/${id}`, headers: cityAdmin.headers });
    expect(del.statusCode).toBe(204);
    expect(
      await app.db
        .select()
        .from(rosterEntries)
        .where(eq(rosterEntries.id, Number(id))),
    ).toEqual([]);
  });

  it('imports a roster from Excel, all or nothing', async () => {
    const headers = ['姓名', '身份证号', '手机号', '职务', '是否运营者（是/否）', '团干部性质'];
    const up = async (rows: string[][]) => {
      const body = multipart(await xlsx(headers, rows));
      return app.inject({ method: 'POST', url: `/api/orgs/${tree.branch.id}/roster/import`, headers: { ...cityAdmin.headers, ...body.headers }, payload: body.payload });
    };
    const bad = await up([
      ['钱一', VALID_IDS[0], '13900000001', '书记', '是', '兼职'],
      ['孙二', VALID_IDS[1], '13900000002', '常委', '否', ''],
    ]);
    expect(bad.json().rows).toEqual([expect.objectContaining({ row: 3, field: 'position', code: 'POSITION_NOT_ALLOWED' })]);
    expect(await app.db.select().from(rosterEntries).where(eq(rosterEntries.orgId, tree.branch.id))).toEqual([]);
    const ok = await up([
      ['钱一', VALID_IDS[0], '13900000001', '书记', '是', '兼职'],
      ['孙二', VALID_IDS[1], '13900000002', '副书记', '否', ''],
    ]);
    expect(ok.json()).toEqual({ imported: 2 });
  });

  it('a superior sets admins at once, at most 2; an own-org admin needs the superior’s approval', async () => {
    const org = tree.otherCity;
    const provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    const a = await onboardedCadre(app, org.id);
    const b = await onboardedCadre(app, org.id);
    const c = await onboardedCadre(app, org.id);
    const entryOf = async (userId: number) => (await app.db.select().from(rosterEntries).where(eq(rosterEntries.userId, userId)))[0].id;
    const setAdmin = (entryId: number, isAdmin: boolean, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: `/api/orgs/${org.id}/roster/${entryId}/admin`, headers, payload: { isAdmin } });

    expect((await setAdmin(await entryOf(a.userId), true, provinceAdmin.headers)).json().status).toBe('applied');
    // a (now admin of its own org) asks to make b an admin: pending until the province approves
    const req = await setAdmin(await entryOf(b.userId), true, a.headers);
    expect(req.json()).toMatchObject({ status: 'pendingApproval', entry: { isAdmin: false } });
    const pending = await app.inject({ method: 'GET', url: `/api/orgs/${tree.province.id}/admin-requests`, headers: provinceAdmin.headers });
    const [request] = pending.json().items;
    expect(request).toMatchObject({ orgId: String(org.id), makeAdmin: true });
    const decide = () =>
      app.inject({ method: 'POST', url: `/api/orgs/${tree.province.id}/admin-requests/${request.id}/decision`, headers: provinceAdmin.headers, payload: { approve: true } });
    const [first, second] = await Promise.all([decide(), decide()]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([204, 400]);
    const admins = await app.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.orgId, org.id), eq(rosterEntries.isAdmin, true)));
    expect(admins).toHaveLength(2);
    const third = await setAdmin(await entryOf(c.userId), true, provinceAdmin.headers);
    expect([third.statusCode, third.json().code]).toEqual([409, 'ADMIN_LIMIT_REACHED']);
  });

  it('issues password reset codes only for people in the subtree (§10)', async () => {
    const inside = await onboardedCadre(app, tree.branch.id);
    const outside = await onboardedCadre(app, tree.otherCity.id);
    const ok = await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/reset-codes`, headers: cityAdmin.headers, payload: { phone: inside.phone } });
    expect(ok.json().code).toMatch(/^\d{6}$/);
    const refused = await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/reset-codes`, headers: cityAdmin.headers, payload: { phone: outside.phone } });
    expect(refused.json()).toMatchObject({ code: 'PERSON_NOT_IN_SUBTREE', field: 'phone' });
  });

  it('issues reset codes for members of the subtree too, not for a draft or an outsider (§10)', async () => {
    const member = await insertApprovedMember(app, tree.branch.id, '陈思远');
    const ok = await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/reset-codes`, headers: cityAdmin.headers, payload: { phone: member.phone } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '陈思远', code: expect.stringMatching(/^\d{6}$/) });
    // The code works on the login side.
    const used = await app.inject({
      method: 'POST',
      url: '/api/auth/reset-by-code',
      payload: { phone: member.phone, code: ok.json().code, password: 'new12345', confirmPassword: 'new12345' },
    });
    expect(used.statusCode).toBe(204);
    const outsideBranch = await insertOrg(app, tree.otherCity, 'branch');
    const elsewhere = await insertApprovedMember(app, outsideBranch.id, '林外人');
    const refused = await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/reset-codes`, headers: cityAdmin.headers, payload: { phone: elsewhere.phone } });
    expect(refused.json()).toMatchObject({ code: 'PERSON_NOT_IN_SUBTREE', field: 'phone' });
    // Someone who only picked the branch (a draft never submitted) is not a member yet.
    const drafter = await memberUser(app, '草稿人');
    await app.db.insert(checkins).values({ userId: drafter.userId, branchId: tree.branch.id, status: null, savedSteps: 1, draft: { name: '草稿人' }, idEnc: 'x', idHash: 'x'.repeat(64) });
    const draft = await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/reset-codes`, headers: cityAdmin.headers, payload: { phone: drafter.phone } });
    expect(draft.json()).toMatchObject({ code: 'PERSON_NOT_IN_SUBTREE', field: 'phone' });
  });

  it('is closed to admins of other subtrees and to plain cadres', async () => {
    const other = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    const plain = await onboardedCadre(app, tree.school.id);
    for (const headers of [other.headers, plain.headers]) {
      for (const ep of [
        { method: 'GET' as const, url: `/api/orgs/${tree.school.id}/roster` },
        { method: 'POST' as const, url: `/api/orgs/${tree.school.id}/roster`, payload: entry({ idNumber: VALID_IDS[4] }) },
        { method: 'GET' as const, url: `/api/orgs/${tree.school.id}/roster/template.xlsx` },
        { method: 'POST' as const, url: `/api/orgs/${tree.city.id}/reset-codes`, payload: { phone: cityAdmin.phone } },
        { method: 'GET' as const, url: `/api/orgs/${tree.city.id}/admin-requests` },
      ]) {
        const res = await app.inject({ ...ep, headers });
        expect([ep.url, res.statusCode]).toEqual([ep.url, 403]);
      }
    }
  });
  // Entry progress reads 团干部数 and 无团干部的团支部 from orgs.cadre_count (roster/lines.ts).
  it('keeps orgs.cadre_count equal to the roster lines through adds, refusals, imports, parallel adds and removals', async () => {
    const org = await insertOrg(app, tree.city, 'grassrootsCommittee');
    const kept = async () => (await app.db.select({ n: orgs.cadreCount }).from(orgs).where(eq(orgs.id, org.id)))[0].n;
    const ids = Array.from({ length: 8 }, () => makeIdNumber('1995-05-05'));
    const one = (await add(org.id, entry({ idNumber: ids[0] }))).json();
    expect((await add(org.id, entry({ idNumber: ids[0] }))).json().code).toBe('ALREADY_IN_ROSTER');
    expect((await add(org.id, entry({ idNumber: ids[1], phone: '123' }))).statusCode).toBe(400);
    expect(await kept()).toBe(1);
    const headers = ['姓名', '身份证号', '手机号', '职务', '是否运营者（是/否）', '团干部性质'];
    const up = async (rows: string[][]) => {
      const body = multipart(await xlsx(headers, rows));
      return app.inject({ method: 'POST', url: `/api/orgs/${org.id}/roster/import`, headers: { ...cityAdmin.headers, ...body.headers }, payload: body.payload });
    };
    expect(
      (
        await up([
          ['钱一', ids[1], '13900000001', '书记', '是', ''],
          ['孙二', ids[2], '13900000002', '组织委员', '否', ''],
        ])
      ).statusCode,
    ).toBe(400);
    expect(await kept()).toBe(1);
    expect(
      (
        await up([
          ['钱一', ids[1], '13900000001', '书记', '是', ''],
          ['孙二', ids[2], '13900000002', '副书记', '否', ''],
        ])
      ).json(),
    ).toEqual({ imported: 2 });
    // parallel adds to one org: none waits on another in a cycle, every one counted
    const parallel = await Promise.all(ids.slice(3, 7).map((idNumber) => add(org.id, entry({ idNumber }))));
    expect(parallel.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(await kept()).toBe(7);
    const edit = await app.inject({ method: 'PATCH', url: `/api/orgs/${org.id}/roster/${one.id}`, headers: cityAdmin.headers, payload: { position: 'deputySecretary' } });
    expect(edit.statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/orgs/${org.id}/roster/${one.id}`, headers: cityAdmin.headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/orgs/${org.id}/roster/${one.id}`, headers: cityAdmin.headers })).statusCode).toBe(404);
    expect(await kept()).toBe(6);
    // and on every org of this file's tree (the tests above added, imported and removed lines too)
    expect(await cadreCountDrift(app, tree.province.path)).toEqual([]);
  });
});
