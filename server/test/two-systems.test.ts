import { and, eq, like } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, checkins } from '../src/db/schema';
import { buildTestApp, manualClock } from './helper';
import { insertApprovedMember, insertOrg, onboardedCadre, orgTree } from './fixtures';

/**
 * 两制 (issue 16 part 4) [004 §一 3 "团员教育评议/年度团籍注册"; §二 6 "年度团籍注册审批：…选择处理状态及
 * 时间区间，即可查看并审批"; §二 9 "根据校团委、二级团委下发通知及时完成团员教育评议/年度团籍注册工作"].
 */
describe('两制: 年度团籍注册 / 团员教育评议', () => {
  let app: App;
  // 2026-03-10 10:00 in China
  const clock = manualClock(new Date('2026-03-10T02:00:00Z'));
  const at = (iso: string) => {
    clock.advance(new Date(iso).getTime() - clock.now().getTime());
  };
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let branch2: Awaited<ReturnType<typeof insertOrg>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;
  let schoolAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  let gradeAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  let branchOp: Awaited<ReturnType<typeof onboardedCadre>>;
  let members: Awaited<ReturnType<typeof insertApprovedMember>>[];
  let pendingCheckinId: number;
  let campaignId: string;

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, who: { headers: Record<string, string> }, payload?: unknown) =>
    app.inject({ method, url: `/api${url}`, headers: who.headers, payload: payload as never });
  const work = (orgId: number) => `/orgs/${orgId}/two-systems/campaigns/${campaignId}`;

  beforeAll(async () => {
    app = await buildTestApp({}, { clock });
    tree = await orgTree(app);
    branch2 = await insertOrg(app, tree.grade, 'branch');
    otherBranch = await insertOrg(app, await insertOrg(app, tree.otherCity, 'grassrootsCommittee'), 'branch');
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    branchOp = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    members = [
      await insertApprovedMember(app, tree.branch.id, '甲同学'),
      await insertApprovedMember(app, tree.branch.id, '乙同学'),
      await insertApprovedMember(app, tree.branch.id, '丙同学'),
    ];
    await insertApprovedMember(app, branch2.id, '丁同学');
    // a check-in not approved (waiting for review): not a member yet, not registered
    const waiting = await insertApprovedMember(app, tree.branch.id, '戊同学');
    await app.db.update(checkins).set({ status: 'submitted', approvedIdHash: null }).where(eq(checkins.id, waiting.checkinId));
    pendingCheckinId = waiting.checkinId;
  });
  afterAll(() => app.close());

  describe('opening a year (committee, window in China days)', () => {
    it('refuses a branch, a non-admin, a year far off and a window already over', async () => {
      const branchAdmin = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
      const body = { kind: 'registration', year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-31' };
      expect((await api('POST', `/orgs/${tree.branch.id}/two-systems/campaigns`, branchAdmin, body)).json().code).toBe('REG_OPENER_NOT_COMMITTEE');
      expect((await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, branchOp, body)).statusCode).toBe(403);
      const far = await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, { ...body, year: 2024 });
      expect(far.json()).toMatchObject({ code: 'REG_YEAR_INVALID', field: 'year' });
      const past = await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, { ...body, endsOn: '2026-03-09' });
      expect(past.json()).toMatchObject({ code: 'REG_WINDOW_PAST', field: 'endsOn' });
      const reversed = await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, { ...body, startsOn: '2026-04-01' });
      expect(reversed.json().code).toBe('REG_WINDOW_INVALID');
      expect((await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, { ...body, startsOn: '2026-02-30' })).json().code).toBe('DATE_INVALID');
    });

    it('opens the year for the subtree; the same root twice is refused', async () => {
      const body = { kind: 'registration', year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-31' };
      const res = await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'registration', year: 2026, windowState: 'open', rootOrg: { id: String(tree.school.id) } });
      campaignId = res.json().id;
      const again = await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, body);
      expect([again.statusCode, again.json().code]).toEqual([409, 'REG_CAMPAIGN_EXISTS']);
    });

    it('an ancestor or a descendant of an open root may not open the same kind and year (one campaign per branch)', async () => {
      const cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
      const body = { kind: 'registration', year: 2026, startsOn: '2026-03-01', endsOn: '2026-03-31' };
      expect((await api('POST', `/orgs/${tree.city.id}/two-systems/campaigns`, cityAdmin, body)).json().code).toBe('REG_CAMPAIGN_OVERLAPS');
      expect((await api('POST', `/orgs/${tree.grade.id}/two-systems/campaigns`, gradeAdmin, body)).json().code).toBe('REG_CAMPAIGN_OVERLAPS');
      // another year, another subtree: fine
      expect((await api('POST', `/orgs/${tree.city.id}/two-systems/campaigns`, cityAdmin, { ...body, year: 2025 })).statusCode).toBe(201);
      const otherAdmin = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
      expect((await api('POST', `/orgs/${tree.otherCity.id}/two-systems/campaigns`, otherAdmin, body)).statusCode).toBe(201);
    });

    it('concurrency: the same open twice, and an ancestor with a descendant at once — one winner each', async () => {
      const body = { kind: 'review', year: 2027, startsOn: '2026-12-01', endsOn: '2027-01-31' };
      const twice = await Promise.all([0, 1].map(() => api('POST', `/orgs/${tree.grade.id}/two-systems/campaigns`, gradeAdmin, body)));
      expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const body2 = { ...body, kind: 'registration' };
      const pair = await Promise.all([
        api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, body2),
        api('POST', `/orgs/${tree.grade.id}/two-systems/campaigns`, gradeAdmin, body2),
      ]);
      expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(pair.find((r) => r.statusCode === 409)!.json().code).toBe('REG_CAMPAIGN_OVERLAPS');
    });

    it('a branch sees the campaigns covering it with its own state; other subtrees see none of them', async () => {
      const res = await api('GET', `/orgs/${tree.branch.id}/two-systems/campaigns?kind=registration`, branchOp);
      const mine = res.json().items.find((c: { id: string }) => c.id === campaignId);
      expect(mine).toMatchObject({ branchState: 'draft', windowState: 'open' });
      const otherOp = await onboardedCadre(app, otherBranch.id, { isOperator: true });
      const other = await api('GET', `/orgs/${otherBranch.id}/two-systems/campaigns`, otherOp);
      expect(other.json().items.some((c: { id: string }) => c.id === campaignId)).toBe(false);
      expect((await api('GET', `/orgs/${otherBranch.id}/two-systems/campaigns/${campaignId}/branch`, otherOp)).json().code).toBe('REG_CAMPAIGN_NOT_FOUND');
    });
  });

  describe('the branch registers its members', () => {
    it('lists the approved members only (a check-in waiting for review is not a member)', async () => {
      const res = await api('GET', `${work(tree.branch.id)}/branch`, branchOp);
      expect(res.statusCode).toBe(200);
      expect(res.json().members.map((m: { name: string }) => m.name)).toEqual(['甲同学', '乙同学', '丙同学']);
      expect(res.json().members.every((m: { outcome: null }) => m.outcome === null)).toBe(true);
      expect(res.json().members.some((m: { memberId: string }) => m.memberId === String(pendingCheckinId))).toBe(false);
    });

    it('only at a branch, by its operators or an admin above; plain cadres may not', async () => {
      expect((await api('GET', `${work(tree.grade.id)}/branch`, gradeAdmin)).json().code).toBe('REG_NOT_BRANCH');
      const plain = await onboardedCadre(app, tree.branch.id);
      expect((await api('PUT', `${work(tree.branch.id)}/members/${members[0].checkinId}`, plain, { outcome: 'registered' })).statusCode).toBe(403);
      expect((await api('GET', `${work(tree.branch.id)}/branch`, gradeAdmin)).statusCode).toBe(200);
    });

    it('不予注册 needs a reason; a rating is not a registration outcome; a member elsewhere is refused', async () => {
      const url = `${work(tree.branch.id)}/members/${members[0].checkinId}`;
      expect((await api('PUT', url, branchOp, { outcome: 'refused' })).json()).toMatchObject({ code: 'REG_REASON_REQUIRED', field: 'reason' });
      expect((await api('PUT', url, branchOp, { outcome: 'excellent' })).json().code).toBe('REG_OUTCOME_INVALID');
      expect((await api('PUT', `${work(tree.branch.id)}/members/${pendingCheckinId}`, branchOp, { outcome: 'registered' })).json().code).toBe('REG_MEMBER_NOT_IN_BRANCH');
      expect((await api('POST', `${work(tree.branch.id)}/members/all`, branchOp, { outcome: 'refused' })).json().code).toBe('REG_OUTCOME_INVALID');
    });

    it('outside the window (China days) every branch step is refused with REG_OUTSIDE_WINDOW', async () => {
      const url = `${work(tree.branch.id)}/members/${members[0].checkinId}`;
      at('2026-03-31T16:00:00Z'); // 1 April 00:00 in China
      expect((await api('PUT', url, branchOp, { outcome: 'registered' })).json().code).toBe('REG_OUTSIDE_WINDOW');
      expect((await api('POST', `${work(tree.branch.id)}/members/all`, branchOp, { outcome: 'registered' })).json().code).toBe('REG_OUTSIDE_WINDOW');
      expect((await api('POST', `${work(tree.branch.id)}/submit`, branchOp)).json().code).toBe('REG_OUTSIDE_WINDOW');
      at('2026-02-28T15:59:00Z'); // 28 February 23:59 in China: not started
      expect((await api('PUT', url, branchOp, { outcome: 'registered' })).statusCode).toBe(409);
      at('2026-03-31T15:59:00Z'); // 31 March 23:59 in China: the last day still counts
      expect((await api('PUT', url, branchOp, { outcome: 'refused', reason: '长期失联' })).statusCode).toBe(200);
      at('2026-03-10T02:00:00Z');
    });

    it('one by one, then all at once; submitting needs every member decided', async () => {
      expect((await api('POST', `${work(tree.branch.id)}/submit`, branchOp)).json().code).toBe('REG_MEMBERS_UNDECIDED');
      const all = await api('POST', `${work(tree.branch.id)}/members/all`, branchOp, { outcome: 'registered' });
      expect(all.json().members.map((m: { outcome: string; reason: string | null }) => [m.outcome, m.reason])).toEqual([
        ['refused', '长期失联'],
        ['registered', null],
        ['registered', null],
      ]);
    });

    it('concurrency: a double submit has one winner; afterwards nothing changes', async () => {
      const res = await Promise.all([0, 1].map(() => api('POST', `${work(tree.branch.id)}/submit`, branchOp)));
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(res.find((r) => r.statusCode === 409)!.json().code).toBe('REG_ALREADY_SUBMITTED');
      expect((await api('PUT', `${work(tree.branch.id)}/members/${members[1].checkinId}`, branchOp, { outcome: 'registered' })).json().code).toBe('REG_ALREADY_SUBMITTED');
      const [row] = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'twoSystems.submit'), eq(auditLogs.orgId, tree.branch.id)));
      expect(row).toBeDefined();
    });

    it('a branch without members cannot submit or decide all', async () => {
      const empty = await insertOrg(app, tree.grade, 'branch');
      const op = await onboardedCadre(app, empty.id, { isOperator: true });
      expect((await api('POST', `${work(empty.id)}/submit`, op)).json().code).toBe('REG_NO_MEMBERS');
      expect((await api('POST', `${work(empty.id)}/members/all`, op, { outcome: 'registered' })).json().code).toBe('REG_NO_MEMBERS');
    });
  });

  describe('the superior approves (年度团籍注册审批)', () => {
    let submissionId: string;
    it("lists its direct branches' submissions, filterable by state and the China day submitted", async () => {
      const res = await api('GET', `/orgs/${tree.grade.id}/two-systems/approvals?state=submitted&kind=registration`, gradeAdmin);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(1);
      const item = res.json().items[0];
      expect(item).toMatchObject({ state: 'submitted', members: 3, counts: { registered: 2, refused: 1 }, branch: { id: String(tree.branch.id) } });
      submissionId = item.id;
      const q = (s: string) => api('GET', `/orgs/${tree.grade.id}/two-systems/approvals?${s}`, gradeAdmin).then((r) => r.json().items.length);
      expect(await q('state=approved')).toBe(0);
      expect(await q('from=2026-03-10&to=2026-03-10')).toBe(1);
      expect(await q('from=2026-03-11')).toBe(0);
      expect(await q('to=2026-03-09')).toBe(0);
      expect((await api('GET', `/orgs/${tree.grade.id}/two-systems/approvals?from=2026-03-11&to=2026-03-10`, gradeAdmin)).json().code).toBe('REG_WINDOW_INVALID');
      // not the direct superior: sees nothing, may decide nothing
      expect((await api('GET', `/orgs/${tree.school.id}/two-systems/approvals`, schoolAdmin)).json().items).toHaveLength(0);
      expect((await api('POST', `/orgs/${tree.school.id}/two-systems/submissions/${submissionId}/decide`, schoolAdmin, { decision: 'approve' })).json().code).toBe('REG_NOT_SUPERIOR');
      expect((await api('GET', `/orgs/${tree.grade.id}/two-systems/approvals`, branchOp)).statusCode).toBe(403);
    });

    it('退回 needs a reason; the branch may correct and resubmit after the window closed', async () => {
      const url = `/orgs/${tree.grade.id}/two-systems/submissions/${submissionId}`;
      expect((await api('POST', `${url}/decide`, gradeAdmin, { decision: 'return' })).json()).toMatchObject({ code: 'REG_RETURN_REASON_REQUIRED', field: 'reason' });
      const back = await api('POST', `${url}/decide`, gradeAdmin, { decision: 'return', reason: '甲同学情况请核实' });
      expect(back.json()).toMatchObject({ state: 'returned', returnReason: '甲同学情况请核实' });
      at('2026-04-05T02:00:00Z');
      const fixed = await api('PUT', `${work(tree.branch.id)}/members/${members[0].checkinId}`, branchOp, { outcome: 'registered' });
      expect(fixed.json()).toMatchObject({ state: 'returned', returnReason: '甲同学情况请核实' });
      const again = await api('POST', `${work(tree.branch.id)}/submit`, branchOp);
      expect(again.json()).toMatchObject({ state: 'submitted', returnReason: null });
      const detail = await api('GET', url, gradeAdmin);
      expect(detail.json().memberList.map((m: { outcome: string }) => m.outcome)).toEqual(['registered', 'registered', 'registered']);
    });

    it('concurrency: a double approval has one winner', async () => {
      const url = `/orgs/${tree.grade.id}/two-systems/submissions/${submissionId}/decide`;
      const res = await Promise.all([0, 1].map(() => api('POST', url, gradeAdmin, { decision: 'approve' })));
      expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(res.find((r) => r.statusCode === 409)!.json().code).toBe('REG_NOT_PENDING');
      expect((await api('PUT', `${work(tree.branch.id)}/members/${members[1].checkinId}`, branchOp, { outcome: 'registered' })).json().code).toBe('REG_ALREADY_APPROVED');
      expect((await app.db.select().from(auditLogs).where(eq(auditLogs.action, 'twoSystems.approve'))).length).toBe(1);
    });

    it('progress per sub-org: branches registered / approved, members registered', async () => {
      const res = await api('GET', `/orgs/${tree.school.id}/two-systems/campaigns/${campaignId}/progress`, schoolAdmin);
      expect(res.statusCode).toBe(200);
      expect(res.json().rows).toEqual([
        expect.objectContaining({
          org: expect.objectContaining({ id: String(tree.grade.id) }),
          branches: 3,
          branchesSubmitted: 1,
          branchesApproved: 1,
          members: 4,
          membersDecided: 3,
          approvedOutcomes: { registered: 3 },
        }),
      ]);
      // a plain cadre may not; the branch's own operator is no admin
      expect((await api('GET', `/orgs/${tree.school.id}/two-systems/campaigns/${campaignId}/progress`, branchOp)).statusCode).toBe(403);
    });

    it('a member sees their own records by year; drafts stay with the branch', async () => {
      const mine = await app.inject({ method: 'GET', url: '/api/me/two-systems', headers: members[0].headers });
      expect(mine.json().items).toEqual([{ year: 2026, kind: 'registration', outcome: 'registered', reason: null, state: 'approved', branchName: tree.branch.shortName }]);
    });
  });

  describe('团员教育评议 follows the same shape', () => {
    it('the branch rates each member 优秀 / 合格 / 基本合格 / 不合格 (with reason); the superior approves', async () => {
      at('2026-05-10T02:00:00Z');
      const opened = await api('POST', `/orgs/${tree.school.id}/two-systems/campaigns`, schoolAdmin, { kind: 'review', year: 2026, startsOn: '2026-05-01', endsOn: '2026-05-31' });
      expect(opened.statusCode).toBe(201);
      const base = `/orgs/${tree.branch.id}/two-systems/campaigns/${opened.json().id}`;
      expect((await api('PUT', `${base}/members/${members[0].checkinId}`, branchOp, { outcome: 'unqualified' })).json().code).toBe('REG_REASON_REQUIRED');
      expect((await api('PUT', `${base}/members/${members[0].checkinId}`, branchOp, { outcome: 'registered' })).json().code).toBe('REG_OUTCOME_INVALID');
      await api('PUT', `${base}/members/${members[0].checkinId}`, branchOp, { outcome: 'excellent' });
      await api('PUT', `${base}/members/${members[1].checkinId}`, branchOp, { outcome: 'unqualified', reason: '多次无故缺席组织生活' });
      const all = await api('POST', `${base}/members/all`, branchOp, { outcome: 'qualified' });
      expect(all.json().members.map((m: { outcome: string }) => m.outcome)).toEqual(['excellent', 'unqualified', 'qualified']);
      expect((await api('POST', `${base}/submit`, branchOp)).json().state).toBe('submitted');
      const list = await api('GET', `/orgs/${tree.grade.id}/two-systems/approvals?kind=review`, gradeAdmin);
      const sub = list.json().items[0];
      expect(sub.counts).toEqual({ excellent: 1, unqualified: 1, qualified: 1 });
      expect((await api('POST', `/orgs/${tree.grade.id}/two-systems/submissions/${sub.id}/decide`, gradeAdmin, { decision: 'approve' })).json().state).toBe('approved');
      const mine = await app.inject({ method: 'GET', url: '/api/me/two-systems', headers: members[1].headers });
      expect(mine.json().items).toEqual([
        expect.objectContaining({ year: 2026, kind: 'registration', outcome: 'registered' }),
        expect.objectContaining({ year: 2026, kind: 'review', outcome: 'unqualified', reason: '多次无故缺席组织生活', state: 'approved' }),
      ]);
      const logs = await app.db.select().from(auditLogs).where(like(auditLogs.action, 'twoSystems.%'));
      expect(new Set(logs.map((l) => l.action))).toEqual(
        new Set(['twoSystems.open', 'twoSystems.decide', 'twoSystems.decideAll', 'twoSystems.submit', 'twoSystems.approve', 'twoSystems.return']),
      );
    });
  });
});

describe('E2E clock (ENABLE_TEST_ENDPOINTS only)', () => {
  it('POST /test/clock moves the server time and restores it; absent without test endpoints', async () => {
    const app = await buildTestApp({ enableTestEndpoints: true });
    try {
      const set = await app.inject({ method: 'POST', url: '/api/test/clock', payload: { now: '2030-01-02T03:04:05.000Z' } });
      expect(Math.abs(new Date(set.json().now).getTime() - Date.parse('2030-01-02T03:04:05.000Z'))).toBeLessThan(1000);
      expect(Math.abs(app.clock.now().getTime() - Date.parse('2030-01-02T03:04:05.000Z'))).toBeLessThan(1000);
      await app.inject({ method: 'POST', url: '/api/test/clock', payload: { now: null } });
      expect(Math.abs(app.clock.now().getTime() - Date.now())).toBeLessThan(1000);
    } finally {
      await app.close();
    }
    const plain = await buildTestApp();
    try {
      expect((await plain.inject({ method: 'POST', url: '/api/test/clock', payload: { now: null } })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
