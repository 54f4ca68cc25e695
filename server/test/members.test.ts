import { devNumberTakenMessage } from '@tj/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, checkins } from '../src/db/schema';
import { buildTestApp } from './helper';
import { insertApprovedMember, insertOrg, onboardedCadre, orgTree } from './fixtures';

/**
 * 004 FAQ (3) "发展团员编号填写错误，如何修改？…(ii) 管理员（本组织或者直属上级管理员皆可）修改" — and
 * 004 FAQ "团员本人、团员所在团组织及其直属上级团组织管理员都有权限修改".
 */
describe('development number corrected by the branch’s or its direct superior’s admins', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  const correct = (orgId: number, checkinId: number, developmentNumber: string, headers: Record<string, string>) =>
    app.inject({ method: 'PUT', url: `/api/orgs/${orgId}/members/${checkinId}/development-number`, headers, payload: { developmentNumber } });
  const stored = async (id: number) => (await app.db.select().from(checkins).where(eq(checkins.id, id)))[0];

  it('the direct superior’s admin and the branch’s admin correct it at once, audited; further up asks them', async () => {
    const member = await insertApprovedMember(app, tree.branch.id, '郑编号');
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    const branchAdmin = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
    const schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });

    const bySuperior = await correct(tree.grade.id, member.checkinId, '201400000011', gradeAdmin.headers);
    expect(bySuperior.json()).toEqual({ developmentNumber: '201400000011' });
    const row = await stored(member.checkinId);
    expect([row.approvedDevNumber, row.developmentNumber, (row.approvedData as { developmentNumber: string }).developmentNumber]).toEqual(['201400000011', '201400000011', '201400000011']);
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'member.devNumberCorrect'), eq(auditLogs.targetId, String(member.checkinId))));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ actorUserId: gradeAdmin.userId, before: { developmentNumber: null }, after: { developmentNumber: '201400000011' } });

    expect((await correct(tree.branch.id, member.checkinId, '201400000012', branchAdmin.headers)).statusCode).toBe(200);
    // two levels up: not among those 004 names
    const far = await correct(tree.school.id, member.checkinId, '201400000013', schoolAdmin.headers);
    expect(far.statusCode).toBe(403);
    const plain = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    expect((await correct(tree.branch.id, member.checkinId, '201400000013', plain.headers)).statusCode).toBe(403);
    expect((await stored(member.checkinId)).approvedDevNumber).toBe('201400000012');
  });

  it('checks the number like the form does, and a taken one names the branch using it, not the person', async () => {
    const other = await insertOrg(app, tree.grade, 'branch');
    const a = await insertApprovedMember(app, tree.branch.id, '冯甲');
    const b = await insertApprovedMember(app, other.id, '冯乙');
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    expect((await correct(tree.grade.id, a.checkinId, '201400000021', gradeAdmin.headers)).statusCode).toBe(200);
    const year = await correct(tree.grade.id, b.checkinId, '201500000021', gradeAdmin.headers);
    expect(year.json()).toMatchObject({ code: 'DEVELOPMENT_NUMBER_YEAR_MISMATCH', field: 'developmentNumber' });
    const taken = await correct(tree.grade.id, b.checkinId, '201400000021', gradeAdmin.headers);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ code: 'DEVELOPMENT_NUMBER_TAKEN', field: 'developmentNumber', message: devNumberTakenMessage(tree.branch.shortName) });
    expect(taken.body).not.toContain('冯甲');
    expect((await stored(b.checkinId)).approvedDevNumber).toBeNull();
  });

  it('a member outside the org’s subtree answers as not found', async () => {
    const outside = await insertOrg(app, tree.otherCity, 'branch');
    const m = await insertApprovedMember(app, outside.id, '外人');
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    expect((await correct(tree.grade.id, m.checkinId, '201400000031', gradeAdmin.headers)).statusCode).toBe(404);
  });
});

// 001 annex 2 "“我的团员”即可查看、审核" — the real client filters by 审核状态 and 学历
describe('finding members: filters and the detail page', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  it('filters the member list by check-in state, real-name state, 学历 and branch; opens a masked detail', async () => {
    const other = await insertOrg(app, tree.grade, 'branch');
    const a = await insertApprovedMember(app, tree.branch.id, '卫一');
    const b = await insertApprovedMember(app, other.id, '卫二');
    await app.db
      .update(checkins)
      .set({ realNameStatus: 'offlinePassed', approvedData: sql`json_set(approved_data, '$.highestEducation', 'master')` })
      .where(eq(checkins.id, b.checkinId));
    const cadre = await onboardedCadre(app, tree.school.id);
    const list = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/members?${query}`, headers: cadre.headers }))
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort();
    expect(await list('')).toEqual(['卫一', '卫二']);
    expect(await list(`branchId=${other.id}`)).toEqual(['卫二']);
    expect(await list('realName=offlinePassed')).toEqual(['卫二']);
    expect(await list('realName=passed')).toEqual(['卫一']);
    expect(await list('education=master')).toEqual(['卫二']);
    expect(await list('status=editSubmitted')).toEqual([]);
    expect(await list('status=approved&education=bachelorStudying')).toEqual(['卫一']);
    const bad = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/members?education=phd`, headers: cadre.headers });
    expect(bad.json()).toMatchObject({ code: 'OPTION_INVALID' });

    // §9: the detail page shows the data in force, masked
    const detail = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/members/${a.checkinId}`, headers: cadre.headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ name: '卫一', branchId: String(tree.branch.id), realNameStatus: 'passed', highestEducation: 'bachelorStudying' });
    // the last four stay visible; an ID number’s check digit may be X (the generated IDs are random)
    expect(detail.json().idNumberMasked).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(detail.body).not.toContain(a.idNumber);
    const outsider = await onboardedCadre(app, tree.otherCity.id);
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.otherCity.id}/members/${a.checkinId}`, headers: outsider.headers })).statusCode).toBe(404);
  });

  it('filters the review list by real-name state, 学历 and branch, within what the caller reviews', async () => {
    const branch2 = await insertOrg(app, tree.grade, 'branch');
    const waiting = async (branchId: number, name: string, realName: 'pending' | 'failed', education: string) => {
      const m = await insertApprovedMember(app, branchId, name);
      await app.db
        .update(checkins)
        .set({ status: 'submitted', approvedIdHash: null, realNameStatus: realName, draft: sql`json_set(draft, '$.highestEducation', ${education})` })
        .where(eq(checkins.id, m.checkinId));
    };
    await waiting(branch2.id, '审一', 'pending', 'master');
    await waiting(branch2.id, '审二', 'failed', 'bachelorStudying');
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    const queue = async (query: string) => (await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/checkins?${query}`, headers: gradeAdmin.headers })).json();
    expect((await queue('')).items.map((i: { name: string }) => i.name).sort()).toEqual(['审一', '审二']);
    expect((await queue('realName=failed')).items.map((i: { name: string }) => i.name)).toEqual(['审二']);
    expect((await queue('education=master')).items.map((i: { name: string }) => i.name)).toEqual(['审一']);
    expect((await queue(`branchId=${branch2.id}&status=editSubmitted`)).items).toEqual([]);
    // a branch outside what the caller reviews gives nothing, not someone else's queue
    const outside = await insertOrg(app, tree.otherCity, 'branch');
    await waiting(outside.id, '审外', 'pending', 'master');
    expect((await queue(`branchId=${outside.id}`)).items).toEqual([]);
  });
});
