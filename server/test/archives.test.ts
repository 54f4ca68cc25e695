import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, checkins, memberArchives, uploads } from '../src/db/schema';
import { buildTestApp, manualClock } from './helper';
import { PNG_1X1, fileUpload, insertApprovedMember, insertOrg, onboardedCadre, orgTree } from './fixtures';
import { minimalPdf } from './pdf';

type Who = { headers: Record<string, string> };
type Member = Awaited<ReturnType<typeof insertApprovedMember>>;

/** 团员电子档案 / 团员身份认证 (issue 16 part 2): every rule of [004 §二(四)] over HTTP. */
describe('e-archives [004 §二(四)]', () => {
  let app: App;
  const clock = manualClock(new Date('2025-03-02T02:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let schoolBranch: Awaited<ReturnType<typeof insertOrg>>;
  let branch2: Awaited<ReturnType<typeof insertOrg>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;
  let branchAdmin: Who, branchOperator: Who, gradeAdmin: Who, schoolAdmin: Who, cityAdmin: Who, outsider: Who;
  let devSeq = 1;

  /** A member approved in `branchId` who joined in `joinedAt` (2024 by default, with a development number). */
  async function member(branchId: number, name: string, joinedAt = '2024-05'): Promise<Member & { devNumber: string }> {
    const m = await insertApprovedMember(app, branchId, name);
    const devNumber = `${joinedAt.slice(0, 4)}44${String(devSeq++).padStart(6, '0')}`;
    const [c] = await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId));
    const data = { ...(c.approvedData as object), joinedAt, developmentNumber: devNumber };
    await app.db.update(checkins).set({ approvedData: data, draft: data, approvedDevNumber: devNumber, developmentNumber: devNumber }).where(eq(checkins.id, m.checkinId));
    return { ...m, devNumber };
  }
  const upload = (orgId: number, m: { checkinId: number }, who: Who, data: Buffer = minimalPdf(), query = '') => {
    const f = fileUpload(data, '入团志愿书.pdf', 'application/pdf');
    return app.inject({ method: 'POST', url: `/api/orgs/${orgId}/archives/${m.checkinId}/file${query}`, headers: { ...who.headers, ...f.headers }, payload: f.payload });
  };
  const decide = (orgId: number, m: { checkinId: number }, who: Who, body: object) =>
    app.inject({ method: 'POST', url: `/api/orgs/${orgId}/archives/${m.checkinId}/decision`, headers: who.headers, payload: body });
  const get = (url: string, who: Who) => app.inject({ method: 'GET', url, headers: who.headers });
  const archiveOf = async (m: { checkinId: number }) => (await app.db.select().from(memberArchives).where(eq(memberArchives.checkinId, m.checkinId)))[0];
  const uploadCount = async () => Number((await app.db.select({ n: sql<number>`count(*)` }).from(uploads))[0].n);

  beforeAll(async () => {
    app = await buildTestApp({}, { clock });
    tree = await orgTree(app); // province → city → school (团委) → grade (团总支) → branch
    schoolBranch = await insertOrg(app, tree.school, 'branch');
    branch2 = await insertOrg(app, tree.grade, 'branch');
    otherBranch = await insertOrg(app, tree.otherCity, 'branch');
    branchAdmin = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
    branchOperator = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    outsider = await onboardedCadre(app, otherBranch.id, { isAdmin: true });
  });
  afterAll(async () => {
    await app.close();
  });

  it('[004 §二(四)4(2)(i)] a branch upload waits for the superior committee; 尚未认证 → 待审批 on the member, the list and the prompt', async () => {
    const m = await member(tree.branch.id, '陈待审');
    let summary = (await get(`/api/orgs/${tree.grade.id}/archives/summary`, gradeAdmin)).json();
    expect(summary.prompt).toMatch(/^组织内有团员身份尚未认证/);
    expect((await get('/api/me/archive', m)).json().archive).toMatchObject({ state: 'uncertified', stateLabel: '尚未认证', file: null });

    const res = await upload(tree.branch.id, m, branchAdmin);
    expect(res.statusCode).toBe(200);
    // 团总支 is not a committee: the school (团委) decides
    expect(res.json().archive).toMatchObject({ state: 'pending', stateLabel: '待审批', approverOrgName: tree.school.shortName });
    expect((await get('/api/me/archive', m)).json().archive.state).toBe('pending');
    const list = (await get(`/api/orgs/${tree.branch.id}/archives?q=${encodeURIComponent('陈待审')}`, branchAdmin)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ name: '陈待审', state: 'pending', developmentNumber: m.devNumber, canUpload: true });
    // the school is not the branch's direct superior: it sees the member but cannot upload
    const fromSchool = (await get(`/api/orgs/${tree.school.id}/archives?q=${encodeURIComponent('陈待审')}`, schoolAdmin)).json();
    expect(fromSchool.items[0].canUpload).toBe(false);
    expect(list.items[0].idNumberMasked).not.toContain(m.idNumber.slice(6, 14));
    summary = (await get(`/api/orgs/${tree.school.id}/archives/summary`, schoolAdmin)).json();
    expect(summary.toApprove).toBeGreaterThanOrEqual(1);
    const approvals = (await get(`/api/orgs/${tree.school.id}/archive-approvals`, schoolAdmin)).json();
    expect(approvals.items.map((i: { checkinId: string }) => i.checkinId)).toContain(String(m.checkinId));
    // [004 §二(四)4(3)(i)] 操作中心 › 团员电子档案审批
    const tasks = (await get(`/api/orgs/${tree.school.id}/tasks`, schoolAdmin)).json();
    expect(tasks.items.find((t: { kind: string; id: string }) => t.kind === 'archiveApproval' && t.id === String(m.checkinId))).toMatchObject({ title: '陈待审的团员电子档案待审批' });
    expect((await get(`/api/orgs/${tree.school.id}/tasks/counts`, schoolAdmin)).json().archiveApproval).toBeGreaterThanOrEqual(1);
    // the 团总支 is not the approver: nothing waits for it
    expect((await get(`/api/orgs/${tree.grade.id}/archive-approvals`, gradeAdmin)).json().items).toHaveLength(0);
  });

  it('[004 §二(四)4(3)] 不同意 needs a reason → 认证不通过 → 替换档案 → 同意 → 团员身份已认证; only the superior decides', async () => {
    const m = await member(tree.branch.id, '林替换');
    expect((await upload(tree.branch.id, m, branchAdmin)).statusCode).toBe(200);
    // [004 §二(四)4(2)(i)] one waiting file at a time
    const again = await upload(tree.branch.id, m, branchAdmin);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ARCHIVE_PENDING');
    // the uploader's side never decides its own upload
    expect((await decide(tree.branch.id, m, branchAdmin, { action: 'approve' })).statusCode).toBe(403);
    expect((await decide(tree.grade.id, m, gradeAdmin, { action: 'approve' })).statusCode).toBe(403);
    // outside the caller's subtree the member is not even found
    expect((await decide(otherBranch.id, m, outsider, { action: 'approve' })).statusCode).toBe(404);
    const noReason = await decide(tree.school.id, m, schoolAdmin, { action: 'reject', reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('ARCHIVE_REJECT_REASON_REQUIRED');
    expect((await archiveOf(m)).status).toBe('pending');

    const rejected = await decide(tree.school.id, m, schoolAdmin, { action: 'reject', reason: '第3页缺失' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().archive).toMatchObject({ state: 'rejected', stateLabel: '认证不通过', rejectReason: '第3页缺失' });
    expect((await decide(tree.school.id, m, schoolAdmin, { action: 'approve' })).json().code).toBe('ARCHIVE_NOT_PENDING');

    const replaced = await upload(tree.branch.id, m, branchAdmin, minimalPdf('replacement'));
    expect(replaced.json().archive).toMatchObject({ state: 'pending', rejectReason: null });
    // an admin above the approver decides too (admin reach covers the subtree)
    const ok = await decide(tree.city.id, m, cityAdmin, { action: 'approve' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().archive).toMatchObject({ state: 'certified', stateLabel: '团员身份已认证' });
    const log = await app.db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.targetType, 'checkin'), eq(auditLogs.targetId, String(m.checkinId))))
      .orderBy(auditLogs.id);
    const actions = log.map((r) => r.action);
    expect(actions).toEqual(['archive.upload', 'archive.reject', 'archive.upload', 'archive.approve']);
  });

  it('[004 §二(四)4(2)(ii)] an upload by a 团委 needs no approval; [FAQ (v)] the branch or its direct superior only', async () => {
    const m = await member(schoolBranch.id, '赵团委');
    const res = await upload(tree.school.id, m, schoolAdmin);
    expect(res.statusCode).toBe(200);
    expect(res.json().archive).toMatchObject({ state: 'certified', approverOrgName: null });

    const n = await member(tree.branch.id, '钱上级');
    // the school is two levels above this branch, the city further: not the direct superior
    for (const [orgId, who] of [
      [tree.school.id, schoolAdmin],
      [tree.city.id, cityAdmin],
      [tree.branch.id, branchOperator],
    ] as const) {
      const r = await upload(orgId, n, who);
      expect(r.statusCode).toBe(403);
    }
    expect((await upload(tree.school.id, n, schoolAdmin)).json().code).toBe('ARCHIVE_UPLOAD_NOT_ALLOWED');
    // outside the caller's subtree: not even found
    expect((await upload(otherBranch.id, n, outsider)).statusCode).toBe(404);
    // the 团总支 (direct superior) may, and still waits for the 团委
    expect((await upload(tree.grade.id, n, gradeAdmin)).json().archive.state).toBe('pending');
  });

  it('[004 FAQ (vi)] members who joined before 2020 need no archive', async () => {
    const m = await member(tree.branch.id, '孙老团员', '2018-05');
    const res = await upload(tree.branch.id, m, branchAdmin);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('ARCHIVE_NOT_REQUIRED');
    expect((await get('/api/me/archive', m)).json().archive.state).toBe('notRequired');
  });

  it('[004 §二(四)4(2) 1份PDF，≤ 20M] the file is judged by content, and nothing is kept of a refused one', async () => {
    const m = await member(tree.branch.id, '周文件');
    const before = await uploadCount();
    const png = await upload(tree.branch.id, m, branchAdmin, PNG_1X1);
    expect(png.statusCode).toBe(400);
    expect(png.json().code).toBe('ARCHIVE_NOT_PDF');
    // a PDF header on a broken file: the trailer does not point at a cross-reference section
    const broken = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('startxref\n100\n%%EOF\n')]);
    expect((await upload(tree.branch.id, m, branchAdmin, broken)).json().code).toBe('ARCHIVE_NOT_PDF');
    const truncated = minimalPdf().subarray(0, 200);
    expect((await upload(tree.branch.id, m, branchAdmin, truncated)).json().code).toBe('ARCHIVE_NOT_PDF');
    // 20 MB + 1 byte of a real PDF (padding in a comment before the trailer keeps it valid)
    const big = minimalPdf('', 20 * 1024 * 1024 + 1 - minimalPdf().length);
    expect(big.length).toBe(20 * 1024 * 1024 + 1);
    const tooBig = await upload(tree.branch.id, m, branchAdmin, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('ARCHIVE_TOO_LARGE');
    expect(await uploadCount()).toBe(before);
    expect(await archiveOf(m)).toBeUndefined();
    // exactly 20 MB passes
    const max = minimalPdf('', 20 * 1024 * 1024 - minimalPdf().length);
    const ok = await upload(tree.branch.id, m, branchAdmin, max);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().archive.file.size).toBe(20 * 1024 * 1024);
  }, 60_000);

  it('[004 §二(四)4(5)(v)] changing a certified archive needs a reason and the superior; the old file stays in force until then', async () => {
    const m = await member(tree.branch.id, '吴变更');
    await upload(tree.branch.id, m, branchAdmin, minimalPdf('first'));
    await decide(tree.school.id, m, schoolAdmin, { action: 'approve' });
    const noReason = await upload(tree.branch.id, m, branchAdmin, minimalPdf('second'));
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('ARCHIVE_CHANGE_REASON_REQUIRED');
    const change = await upload(tree.branch.id, m, branchAdmin, minimalPdf('second'), `?changeReason=${encodeURIComponent('发展编号有误')}`);
    expect(change.statusCode).toBe(200);
    expect(change.json().archive).toMatchObject({ state: 'certified', pendingChange: { reason: '发展编号有误' } });
    expect((await get(`/api/archives/${m.checkinId}/file`, m)).body).toContain('first');
    expect((await get(`/api/archives/${m.checkinId}/file?version=pending`, schoolAdmin)).body).toContain('second');
    // refused: the certified file stays
    const refused = await decide(tree.school.id, m, schoolAdmin, { action: 'reject', reason: '无需变更' });
    expect(refused.json().archive).toMatchObject({ state: 'certified', pendingChange: null, rejectReason: '无需变更' });
    expect((await get(`/api/archives/${m.checkinId}/file`, m)).body).toContain('first');
    // a committee's own change goes to the committee above it (the city)
    const mine = await upload(tree.school.id, await member(schoolBranch.id, '郑委员'), schoolAdmin);
    const schoolMember = { checkinId: Number(mine.json().archive.checkinId) };
    const schoolChange = await upload(tree.school.id, schoolMember, schoolAdmin, minimalPdf('v2'), '?changeReason=%E9%94%99%E9%A1%B5');
    expect(schoolChange.json().archive.approverOrgName).toBe(tree.city.shortName);
    expect((await decide(tree.school.id, schoolMember, schoolAdmin, { action: 'approve' })).statusCode).toBe(403);
    // approved: the new file replaces the old one
    await upload(tree.branch.id, m, branchAdmin, minimalPdf('third'), '?changeReason=%E9%94%99%E9%A1%B5');
    expect((await decide(tree.school.id, m, schoolAdmin, { action: 'approve' })).json().archive).toMatchObject({ state: 'certified', pendingChange: null });
    expect((await get(`/api/archives/${m.checkinId}/file`, m)).body).toContain('third');
  });

  it('[004 §二(四)4(5)(vi)] the PDF goes to the member and the chain admins only, never by URL alone', async () => {
    const m = await member(tree.branch.id, '冯下载');
    const other = await member(tree.branch.id, '王旁人');
    await upload(tree.branch.id, m, branchAdmin, minimalPdf('secret'));
    for (const who of [m, branchAdmin, gradeAdmin, schoolAdmin, cityAdmin]) {
      const res = await get(`/api/archives/${m.checkinId}/file`, who);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body.startsWith('%PDF-')).toBe(true);
    }
    for (const who of [branchOperator, outsider, other]) expect((await get(`/api/archives/${m.checkinId}/file`, who)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/archives/${m.checkinId}/file` })).statusCode).toBe(401);
    // the generic image route never serves an archive, not even to its uploader
    const a = await archiveOf(m);
    expect((await get(`/api/uploads/${a.fileId}`, branchAdmin)).statusCode).toBe(404);
  });

  it('[004 §二(四)4(5)(vi)] admins search by name, ID number or development number, and filter by state', async () => {
    const m = await member(branch2.id, '卫检索');
    await member(branch2.id, '卫另一');
    const q = (term: string, extra = '') => get(`/api/orgs/${tree.grade.id}/archives?q=${encodeURIComponent(term)}${extra}`, gradeAdmin);
    expect(
      (await q('卫'))
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort(),
    ).toEqual(['卫另一', '卫检索']);
    expect((await q(m.idNumber)).json().items.map((i: { name: string }) => i.name)).toEqual(['卫检索']);
    expect((await q(m.devNumber)).json().items.map((i: { name: string }) => i.name)).toEqual(['卫检索']);
    // an ID prefix finds nothing (it would unmask the ID digit by digit)
    expect((await q(m.idNumber.slice(0, 10))).json().items).toHaveLength(0);
    const uncertified = (await get(`/api/orgs/${branch2.id}/archives?state=uncertified`, gradeAdmin)).json().items;
    expect(uncertified.map((i: { name: string }) => i.name).sort()).toEqual(['卫另一', '卫检索']);
    expect((await get(`/api/orgs/${branch2.id}/archives?state=certified`, gradeAdmin)).json().items).toHaveLength(0);
    // the cadre member query shows the state too [004 §二(四)4(5)(iii)]
    const members = (await get(`/api/orgs/${branch2.id}/members?q=${encodeURIComponent('卫检索')}`, gradeAdmin)).json();
    expect(members.items[0].archiveState).toBe('uncertified');
    // a sibling's members are outside a branch admin's reach
    expect((await get(`/api/orgs/${branch2.id}/archives`, branchAdmin)).statusCode).toBe(403);
  });

  it('[004 FAQ (iii)(iv)] uncertified members are not new members in the statistics; the prompt goes when all are certified', async () => {
    const leaf = await insertOrg(app, tree.school, 'branch');
    const leafAdmin = await onboardedCadre(app, leaf.id, { isAdmin: true });
    const a = await member(leaf.id, '新一');
    const b = await member(leaf.id, '新二');
    await member(leaf.id, '老三', '2019-09');
    let s = (await get(`/api/orgs/${leaf.id}/archives/summary`, leafAdmin)).json();
    expect(s).toMatchObject({ uncertified: 2, pending: 0, certified: 0, newMembers: 0 });
    expect(s.prompt).toContain('组织内有团员身份尚未认证（2人）');
    await upload(leaf.id, a, leafAdmin);
    await decide(tree.school.id, a, schoolAdmin, { action: 'approve' });
    s = (await get(`/api/orgs/${leaf.id}/archives/summary`, leafAdmin)).json();
    expect(s).toMatchObject({ uncertified: 1, certified: 1, newMembers: 1 });
    await upload(tree.school.id, b, schoolAdmin);
    s = (await get(`/api/orgs/${leaf.id}/archives/summary`, leafAdmin)).json();
    expect(s).toMatchObject({ uncertified: 0, certified: 2, newMembers: 2, prompt: null });
  });

  it('[004 FAQ (iv)] an uncertified member cannot be transferred; once certified, they can', async () => {
    const m = await member(tree.branch.id, '褚转接');
    const pre2020 = await member(tree.branch.id, '卫旧团员', '2016-03');
    const body = (ids: number[]) => ({ fromBranchId: String(tree.branch.id), toBranchId: String(branch2.id), memberIds: ids.map(String), reason: 'furtherStudy' });
    const refused = await app.inject({ method: 'POST', url: `/api/orgs/${tree.grade.id}/transfers/batch`, headers: gradeAdmin.headers, payload: body([m.checkinId, pre2020.checkinId]) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('TRANSFER_MEMBER_UNCERTIFIED');
    expect(refused.json().message).toContain('褚转接的团员身份尚未认证');
    // all or nothing: the pre-2020 member did not move either
    expect((await app.db.select().from(checkins).where(eq(checkins.id, pre2020.checkinId)))[0].branchId).toBe(tree.branch.id);
    // waiting for approval is not certified yet
    await upload(tree.branch.id, m, branchAdmin);
    const out = { memberIds: [String(m.checkinId)], destinationOrgId: String(schoolBranch.id), reason: 'furtherStudy' };
    expect((await app.inject({ method: 'POST', url: `/api/orgs/${tree.grade.id}/transfers/out`, headers: gradeAdmin.headers, payload: out })).json().code).toBe(
      'TRANSFER_MEMBER_UNCERTIFIED',
    );
    await decide(tree.school.id, m, schoolAdmin, { action: 'approve' });
    const moved = await app.inject({ method: 'POST', url: `/api/orgs/${tree.grade.id}/transfers/batch`, headers: gradeAdmin.headers, payload: body([m.checkinId, pre2020.checkinId]) });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().moved).toBe(2);
  });
});
