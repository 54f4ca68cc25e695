import { devNumberTakenMessage } from '@tj/shared';
import { and, eq } from 'drizzle-orm';
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
    const logs = await app.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'member.devNumberCorrect'), eq(auditLogs.targetId, String(member.checkinId))));
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
