import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, checkins, orgLifeAttendees, orgLifePhotos, orgLifeRecords, rosterEntries } from '../src/db/schema';
import { buildTestApp, manualClock } from './helper';
import { fileUpload, insertApprovedMember, insertOrg, onboardedCadre, orgTree, PNG_1X1 } from './fixtures';

/**
 * 组织生活 (issue 17 part 2) [004 §一 3–4 "查看团员参与组织会议/活动情况", 7–10 "会议发布 / 团课上传 /
 * 活动发布 … 若因网络卡顿问题重复录入 … 在其基础上修改即可"; §二(五) "团支部每月至少开展1次活动；每次团员参与率50%以上"].
 */
describe('组织生活: 三会、团课、团日活动', () => {
  let app: App;
  // 2026-11-20 10:00 in China
  const clock = manualClock(new Date('2026-11-20T02:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let branch2: Awaited<ReturnType<typeof insertOrg>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;
  type Who = { headers: Record<string, string>; userId: number };
  let branchOp: Who, branchCadre: Who, schoolAdmin: Who, schoolCadre: Who, provinceCadre: Who, otherAdmin: Who, branch2Op: Who;
  let members: Awaited<ReturnType<typeof insertApprovedMember>>[];
  let seq = 0;

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, who: { headers: Record<string, string> }, payload?: unknown) =>
    app.inject({ method, url: `/api${url}`, headers: who.headers, payload: payload as never });
  const body = (o: Record<string, unknown> = {}) => ({
    requestId: `req-${Date.now()}-${++seq}`,
    kind: 'leagueDay',
    heldOn: '2026-11-18',
    topic: '学习团章',
    place: '教学楼101',
    attendeeIds: [String(members[0].checkinId), String(members[1].checkinId)],
    note: '全体团员参加',
    photos: [],
    ...o,
  });
  const create = (who: Who, o: Record<string, unknown> = {}, orgId = tree.branch.id) => api('POST', `/orgs/${orgId}/org-life/records`, who, body(o));
  const upload = async (who: Who) => {
    const f = fileUpload(PNG_1X1);
    const res = await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...who.headers, ...f.headers }, payload: f.payload });
    expect(res.statusCode).toBe(201);
    const { fileId, mime, size } = res.json();
    return { fileId: fileId as string, mime: mime as string, size: size as number };
  };
  const recordsOf = (branchId: number) => app.db.select().from(orgLifeRecords).where(eq(orgLifeRecords.branchId, branchId));

  beforeAll(async () => {
    app = await buildTestApp({}, { clock });
    tree = await orgTree(app);
    branch2 = await insertOrg(app, tree.grade, 'branch');
    otherBranch = await insertOrg(app, await insertOrg(app, tree.otherCity, 'grassrootsCommittee'), 'branch');
    branchOp = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    branchCadre = await onboardedCadre(app, tree.branch.id);
    branch2Op = await onboardedCadre(app, branch2.id, { isOperator: true });
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    schoolCadre = await onboardedCadre(app, tree.school.id);
    provinceCadre = await onboardedCadre(app, tree.province.id);
    otherAdmin = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    members = [
      await insertApprovedMember(app, tree.branch.id, '甲同学'),
      await insertApprovedMember(app, tree.branch.id, '乙同学'),
      await insertApprovedMember(app, tree.branch.id, '丙同学'),
      await insertApprovedMember(app, tree.branch.id, '丁同学'),
    ];
  });
  afterAll(() => app.close());

  it('the picker lists the branch members (approved, 团籍正常) for those who record', async () => {
    const res = await api('GET', `/orgs/${tree.branch.id}/org-life/members`, branchOp);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { name: string }) => m.name)).toEqual(['甲同学', '乙同学', '丙同学', '丁同学']);
    expect((await api('GET', `/orgs/${tree.branch.id}/org-life/members`, branchCadre)).statusCode).toBe(403);
  });

  it('permissions: the branch operators and admins above record; plain cadres, other branches and outsiders may not', async () => {
    expect((await create(branchCadre)).statusCode).toBe(403);
    expect((await create(branch2Op)).statusCode).toBe(403);
    expect((await create(schoolCadre)).statusCode).toBe(403);
    expect((await create(otherAdmin)).statusCode).toBe(403);
    const member = { headers: { authorization: `Bearer ${app.jwt.sign({ sub: String(members[0].userId) })}` }, userId: members[0].userId };
    expect((await create(member)).statusCode).toBe(403);
    expect(await recordsOf(tree.branch.id)).toHaveLength(0);
    // a committee records nothing of its own
    expect((await create(schoolAdmin, {}, tree.school.id)).json().code).toBe('ORG_LIFE_NOT_BRANCH');
    // an admin above may record for the branch (and correct it)
    const res = await create(schoolAdmin, { kind: 'committeeMeeting', attendeeIds: [String(members[0].checkinId)] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'committeeMeeting', attendeeCount: 1, memberCount: 4, countsForRule: false, canEdit: true });
  });

  it('a retried submit (same request id) returns the same record, never a duplicate — also when racing', async () => {
    const b = body({ topic: '重复提交测试' });
    const first = await api('POST', `/orgs/${tree.branch.id}/org-life/records`, branchOp, b);
    expect(first.statusCode).toBe(201);
    const retry = await api('POST', `/orgs/${tree.branch.id}/org-life/records`, branchOp, b);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const raced = body({ topic: '并发提交测试' });
    const both = await Promise.all([1, 2, 3].map(() => api('POST', `/orgs/${tree.branch.id}/org-life/records`, branchOp, raced)));
    expect(new Set(both.map((r) => r.json().id)).size).toBe(1);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const rows = await app.db.select().from(orgLifeRecords).where(eq(orgLifeRecords.requestId, raced.requestId));
    expect(rows).toHaveLength(1);
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'orgLife.create'), eq(auditLogs.targetId, String(rows[0].id))));
    expect(logs).toHaveLength(1);
  });

  it('the date may not be after today (server clock, China day)', async () => {
    const res = await create(branchOp, { heldOn: '2026-11-21' });
    expect([res.statusCode, res.json().code, res.json().field]).toEqual([400, 'DATE_IN_FUTURE', 'heldOn']);
    expect((await create(branchOp, { heldOn: '2026-02-30' })).json().code).toBe('DATE_INVALID');
    expect((await create(branchOp, { heldOn: '2026-11-20', topic: '今天' })).statusCode).toBe(201);
  });

  it('attendees must be members of the branch: approved and 团籍正常', async () => {
    const elsewhere = await insertApprovedMember(app, branch2.id, '别班同学');
    const waiting = await insertApprovedMember(app, tree.branch.id, '待审同学');
    await app.db.update(checkins).set({ status: 'submitted', approvedIdHash: null }).where(eq(checkins.id, waiting.checkinId));
    const left = await insertApprovedMember(app, tree.branch.id, '退团同学');
    await app.db.update(checkins).set({ membershipStatus: 'resigned' }).where(eq(checkins.id, left.checkinId));
    const before = (await recordsOf(tree.branch.id)).length;
    for (const id of [elsewhere.checkinId, waiting.checkinId, left.checkinId, 999999999]) {
      const res = await create(branchOp, { attendeeIds: [String(members[0].checkinId), String(id)] });
      expect([res.statusCode, res.json().code, res.json().field]).toEqual([400, 'ORG_LIFE_ATTENDEE_NOT_MEMBER', 'attendeeIds']);
    }
    expect((await create(branchOp, { attendeeIds: [] })).json().code).toBe('ORG_LIFE_ATTENDEES_REQUIRED');
    expect(await recordsOf(tree.branch.id)).toHaveLength(before);
  });

  it('photos: up to 9, the uploader’s own; seen by the branch cadres and admins of its chain only', async () => {
    const ten = [];
    for (let i = 0; i < 10; i++) ten.push(await upload(branchOp));
    const tooMany = await create(branchOp, { photos: ten });
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([400, 'ORG_LIFE_PHOTOS_TOO_MANY']);
    const someoneElses = await upload(branch2Op);
    expect((await create(branchOp, { photos: [someoneElses] })).json().code).toBe('UPLOAD_INVALID');
    const ok = await create(branchOp, { photos: ten.slice(0, 9), topic: '九张照片' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().photos).toHaveLength(9);
    expect(ok.json().photoCount).toBe(9);
    // a photo belongs to one record
    expect((await create(branchOp, { photos: [ten[0]] })).json().code).toBe('UPLOAD_INVALID');
    const url = `/api/uploads/${ten[0].fileId}`;
    const read = async (who: Who) => (await app.inject({ method: 'GET', url, headers: who.headers })).statusCode;
    expect(await read(branchOp)).toBe(200);
    expect(await read(branchCadre)).toBe(200);
    expect(await read(schoolAdmin)).toBe(200);
    expect(await read(schoolCadre)).toBe(404);
    expect(await read(branch2Op)).toBe(404);
    expect(await read(otherAdmin)).toBe(404);
  });

  it('correcting edits the record (audited); another branch’s record or a plain cadre cannot', async () => {
    const created = (await create(branchOp, { topic: '原主题' })).json();
    const photo = await upload(branchOp);
    const edit = { ...body({ topic: '更正后的主题', kind: 'lecture', attendeeIds: [String(members[2].checkinId)], photos: [photo] }) } as Record<string, unknown>;
    delete edit.requestId;
    const url = `/orgs/${tree.branch.id}/org-life/records/${created.id}`;
    expect((await api('PUT', url, branchCadre, edit)).statusCode).toBe(403);
    expect((await api('PUT', `/orgs/${branch2.id}/org-life/records/${created.id}`, branch2Op, edit)).json().code).toBe('ORG_LIFE_NOT_FOUND');
    expect((await api('PUT', url, branchOp, { ...edit, heldOn: '2026-12-01' })).json().code).toBe('DATE_IN_FUTURE');
    const res = await api('PUT', url, branchOp, edit);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: created.id, topic: '更正后的主题', kind: 'lecture', attendeeCount: 1, attendees: [{ name: '丙同学' }], photoCount: 1 });
    const [log] = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'orgLife.update'), eq(auditLogs.targetId, String(created.id))));
    expect(log).toMatchObject({ actorUserId: branchOp.userId, before: expect.objectContaining({ topic: '原主题' }), after: expect.objectContaining({ topic: '更正后的主题' }) });
    // the admin above corrects it too, keeping the photo another person uploaded
    const again = await api('PUT', url, schoolAdmin, { ...edit, topic: '上级更正' });
    expect(again.json()).toMatchObject({ topic: '上级更正', photoCount: 1 });
    expect(
      await app.db
        .select()
        .from(orgLifeAttendees)
        .where(eq(orgLifeAttendees.recordId, Number(created.id))),
    ).toHaveLength(1);
    expect(
      await app.db
        .select()
        .from(orgLifePhotos)
        .where(eq(orgLifePhotos.recordId, Number(created.id))),
    ).toHaveLength(1);
  });

  it('committees open any record of their subtree; others cannot', async () => {
    const rec = (await create(branchOp, { topic: '上级查看' })).json();
    const get = (orgId: number, who: Who) => api('GET', `/orgs/${orgId}/org-life/records/${rec.id}`, who);
    expect((await get(tree.school.id, schoolCadre)).json()).toMatchObject({ topic: '上级查看', canEdit: false, attendees: [{ name: '甲同学' }, { name: '乙同学' }] });
    expect((await get(tree.school.id, schoolAdmin)).json().canEdit).toBe(true);
    expect((await get(tree.branch.id, branchCadre)).json().canEdit).toBe(false);
    expect((await get(tree.province.id, provinceCadre)).statusCode).toBe(200);
    expect((await get(tree.otherCity.id, otherAdmin)).json().code).toBe('ORG_LIFE_NOT_FOUND');
    expect((await get(tree.branch.id, otherAdmin)).statusCode).toBe(403);
    expect((await get(branch2.id, branch2Op)).json().code).toBe('ORG_LIFE_NOT_FOUND');
  });

  it('an emptied branch is deleted with its records (issue 16: an emptied 毕业生团组织 may be deleted)', async () => {
    const gone = await insertOrg(app, tree.grade, 'branch');
    const op = await onboardedCadre(app, gone.id, { isOperator: true });
    const m = await insertApprovedMember(app, gone.id, '将转走同学');
    const rec = (await create(op, { attendeeIds: [String(m.checkinId)], photos: [await upload(op)] }, gone.id)).json();
    // the member moved on, the cadre left: the branch is empty
    await app.db.update(checkins).set({ branchId: branch2.id }).where(eq(checkins.id, m.checkinId));
    await app.db.delete(rosterEntries).where(eq(rosterEntries.orgId, gone.id));
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    const res = await app.inject({ method: 'DELETE', url: `/api/orgs/${tree.grade.id}/children/${gone.id}`, headers: gradeAdmin.headers });
    expect(res.statusCode).toBe(204);
    expect(
      await app.db
        .select()
        .from(orgLifeRecords)
        .where(eq(orgLifeRecords.id, Number(rec.id))),
    ).toHaveLength(0);
    expect(
      await app.db
        .select()
        .from(orgLifePhotos)
        .where(eq(orgLifePhotos.recordId, Number(rec.id))),
    ).toHaveLength(0);
  });

  describe('the monthly rule and the committee counts', () => {
    // a fresh branch under the school's general branch, 4 members
    let b: Awaited<ReturnType<typeof insertOrg>>;
    let op: Who;
    let ms: Awaited<ReturnType<typeof insertApprovedMember>>[];
    beforeAll(async () => {
      b = await insertOrg(app, tree.grade, 'branch');
      op = await onboardedCadre(app, b.id, { isOperator: true });
      ms = [];
      for (const n of ['一', '二', '三', '四']) ms.push(await insertApprovedMember(app, b.id, `${n}号团员`));
    });
    const ids = (n: number) => ms.slice(0, n).map((m) => String(m.checkinId));
    const month = async (m: string) => (await api('GET', `/orgs/${b.id}/org-life?month=${m}`, op)).json();

    it('每月至少开展1次活动；每次团员参与率50%以上: met / not met per month', async () => {
      expect((await create(op, { heldOn: '2026-10-10', attendeeIds: ids(2) }, b.id)).json()).toMatchObject({ ratePercent: 50, rateMet: true });
      // a committee meeting of 1 does not spoil the month
      await create(op, { kind: 'committeeMeeting', heldOn: '2026-10-11', attendeeIds: ids(1) }, b.id);
      await create(op, { kind: 'memberMeeting', heldOn: '2026-11-02', attendeeIds: ids(4) }, b.id);
      await create(op, { kind: 'lecture', heldOn: '2026-11-05', attendeeIds: ids(1) }, b.id);
      const nov = await month('2026-11');
      expect(nov.records.map((r: { kind: string; ratePercent: number }) => [r.kind, r.ratePercent])).toEqual([
        ['lecture', 25],
        ['memberMeeting', 100],
      ]);
      expect(nov.months.slice(0, 3)).toEqual([
        { month: '2026-11', records: 2, counted: 2, verdict: 'lowParticipation' },
        { month: '2026-10', records: 2, counted: 1, verdict: 'met' },
        { month: '2026-09', records: 0, counted: 0, verdict: 'noActivity' },
      ]);
      expect(nov.months).toHaveLength(12);
      expect(nov.canRecord).toBe(true);
      // correcting the lecture's attendance makes November met
      const lecture = nov.records[0];
      const detail = (await api('GET', `/orgs/${b.id}/org-life/records/${lecture.id}`, op)).json();
      const { kind, heldOn, topic, place, note } = detail;
      await api('PUT', `/orgs/${b.id}/org-life/records/${lecture.id}`, op, { kind, heldOn, topic, place, note, attendeeIds: ids(3), photos: [] });
      expect((await month('2026-11')).months[0].verdict).toBe('met');
      // the committee sees the branch's month too (read only)
      expect((await api('GET', `/orgs/${b.id}/org-life?month=2026-11`, schoolCadre)).json().canRecord).toBe(false);
    });

    it('committees see counts per sub-org for a period, at any depth', async () => {
      const school = (await api('GET', `/orgs/${tree.school.id}/org-life/overview?from=2026-10&to=2026-11`, schoolCadre)).json();
      expect(school.rows.map((r: { org: { id: string } }) => r.org.id)).toEqual([String(tree.grade.id)]);
      const grade = school.rows[0];
      expect(grade.counts.memberMeeting).toBe(1);
      expect(grade.counts.leagueDay).toBeGreaterThan(5);
      // b met both months; tree.branch did not (its corrected 团课 had 1 of 4); branch2 recorded nothing
      expect(grade).toMatchObject({ branches: 3, branchMonths: 6 });
      expect(school.total).toMatchObject({ total: grade.total, branchMonthsMet: grade.branchMonthsMet });
      const byBranch = (await api('GET', `/orgs/${tree.grade.id}/org-life/overview?from=2026-10&to=2026-11`, schoolCadre)).json();
      const row = (id: number) => byBranch.rows.find((r: { org: { id: string } }) => r.org.id === String(id));
      expect(row(b.id)).toMatchObject({
        total: 4,
        branches: 1,
        branchMonths: 2,
        branchMonthsMet: 2,
        counts: { memberMeeting: 1, committeeMeeting: 1, groupMeeting: 0, lecture: 1, leagueDay: 1 },
      });
      expect(row(branch2.id)).toMatchObject({ total: 0, branchMonthsMet: 0, branchMonths: 2 });
      expect(row(tree.branch.id)).toMatchObject({ branchMonthsMet: 0, branchMonths: 2 });
      expect(grade.branchMonthsMet).toBe(2);
      // from the province, two levels up: the city carries it all, the other city nothing
      const prov = (await api('GET', `/orgs/${tree.province.id}/org-life/overview?from=2026-10&to=2026-11`, provinceCadre)).json();
      expect(prov.rows.find((r: { org: { id: string } }) => r.org.id === String(tree.city.id))).toMatchObject({ total: grade.total, branchMonthsMet: 2 });
      expect(prov.rows.find((r: { org: { id: string } }) => r.org.id === String(tree.otherCity.id))).toMatchObject({ total: 0, branches: 1 });
      // only October
      const oct = (await api('GET', `/orgs/${tree.grade.id}/org-life/overview?from=2026-10&to=2026-10`, schoolCadre)).json();
      expect(oct.total.total).toBe(2);
      // periods: ordered, ≤ 12 months, not in the future; outsiders refused
      const bad = async (q: string) => (await api('GET', `/orgs/${tree.school.id}/org-life/overview?${q}`, schoolCadre)).json().code;
      expect(await bad('from=2026-11&to=2026-10')).toBe('ORG_LIFE_PERIOD_INVALID');
      expect(await bad('from=2025-11&to=2026-11')).toBe('ORG_LIFE_PERIOD_TOO_LONG');
      expect(await bad('from=2026-11&to=2026-12')).toBe('MONTH_IN_FUTURE');
      expect((await api('GET', `/orgs/${tree.school.id}/org-life/overview?from=2026-10&to=2026-11`, otherAdmin)).statusCode).toBe(403);
      expect(otherBranch.id).toBeGreaterThan(0);
    });

    it('a branch sees its members’ participation', async () => {
      const res = (await api('GET', `/orgs/${b.id}/org-life/participation?from=2026-10&to=2026-11`, op)).json();
      expect(res.records).toBe(4);
      expect(res.members.map((m: { name: string; attended: number; ratePercent: number }) => [m.name, m.attended, m.ratePercent])).toEqual([
        ['一号团员', 4, 100],
        ['二号团员', 3, 75],
        ['三号团员', 2, 50],
        ['四号团员', 1, 25],
      ]);
      expect((await api('GET', `/orgs/${tree.school.id}/org-life/participation?from=2026-10&to=2026-11`, schoolCadre)).json().code).toBe('ORG_LIFE_NOT_BRANCH');
    });
  });
});
