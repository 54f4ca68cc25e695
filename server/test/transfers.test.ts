import { eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { NotifySimulator } from '../src/adapters/notify/simulator';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { checkins, membershipHistory, transfers } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { PNG_1X1, fileUpload, insertApprovedMember, insertOrg, memberUser, onboardedCadre, orgTree } from './fixtures';

const DAY = 24 * 3600 * 1000;
type Headers = { headers: Record<string, string> };
type Member = Awaited<ReturnType<typeof insertApprovedMember>>;

describe('org-relation transfers (§7)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const clock = manualClock(new Date('2024-09-02T01:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let branch2: Awaited<ReturnType<typeof insertOrg>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;
  let op1: Headers & { userId: number };
  let op2: Headers & { userId: number };
  let gradeAdmin: Headers & { userId: number };
  let schoolAdmin: Headers & { userId: number };
  let outsider: Headers & { userId: number };

  const inject = (method: 'GET' | 'POST', url: string, who: Headers, payload?: object) => app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const notes = () => (app.notifier as NotifySimulator).sent;

  async function smsCode(phone: string) {
    clock.advance(13 * 60_000); // at most one code a minute and five an hour per phone
    const res = await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'transfer' } });
    expect(res.statusCode).toBe(200);
    return (app.sms as SmsSimulator).lastCode(phone)!;
  }
  async function upload(who: Headers) {
    const f = fileUpload(PNG_1X1);
    const res = await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...who.headers, ...f.headers }, payload: f.payload });
    expect(res.statusCode).toBe(201);
    return res.json<{ fileId: string; mime: string; size: number }>();
  }
  async function application(m: Member, over: object = {}) {
    const file = await upload(m);
    return {
      direction: 'inProvince',
      destinationOrgId: String(branch2.id),
      contact: '13800001111',
      reason: 'employed',
      remarks: '到新单位工作',
      attachments: [{ fileId: file.fileId, mime: file.mime, size: file.size }],
      smsCode: await smsCode(m.phone),
      ...over,
    };
  }
  async function apply(m: Member, over: object = {}) {
    return inject('POST', '/api/me/transfers', m, await application(m, over));
  }
  const review = (orgId: number, id: string | number, who: Headers, body: object = { action: 'approve' }) => inject('POST', `/api/orgs/${orgId}/transfers/${id}/review`, who, body);
  const branchOf = async (m: Member) => (await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId)))[0];
  const transferRow = async (id: string | number) =>
    (
      await app.db
        .select()
        .from(transfers)
        .where(eq(transfers.id, Number(id)))
    )[0];

  beforeAll(async () => {
    db = await privateDatabase('tj_test_transfers');
    app = await buildTestApp(
      {
        databaseUrl: db.databaseUrl,
        rateLimitLoginPerMinute: 10_000,
        enableTestEndpoints: true,
        externalSimMode: 'confirm',
        externalSimDelaySeconds: 3600,
        externalPollIntervalSeconds: 3600,
      },
      { clock },
    );
    tree = await orgTree(app);
    branch2 = await insertOrg(app, tree.grade, 'branch');
    otherBranch = await insertOrg(app, tree.otherCity, 'branch');
    op1 = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    op2 = await onboardedCadre(app, branch2.id, { isOperator: true });
    gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    outsider = await onboardedCadre(app, otherBranch.id, { isAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('member applies (§7.1)', () => {
    it('refuses a member whose check-in is not approved', async () => {
      const u = await memberUser(app);
      const res = await inject('POST', '/api/me/transfers', u, {});
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CHECKIN_REQUIRED');
    });

    it('shows the 证明材料 to both sides of the transfer and to nobody else', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '钱证明');
      const res = await apply(m);
      expect(res.statusCode).toBe(201);
      const [fileId] = (await transferRow(res.json().id)).attachmentIds;
      const read = (who: Headers) => inject('GET', `/api/uploads/${fileId}`, who);
      for (const who of [m, op1, op2, gradeAdmin]) expect((await read(who)).statusCode).toBe(200);
      const refused = await read(outsider);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('NOT_FOUND');
      // tidy: withdraw so later tests start clean
      expect((await inject('POST', `/api/me/transfers/${res.json().id}/withdraw`, m, { reason: '填错了' })).json().status).toBe('withdrawn');
    });

    it('refuses the same branch, a leading organ, a foreign upload, a wrong SMS code — and keeps one open transfer per member', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '赵同');
      let res = await apply(m, { destinationOrgId: String(tree.branch.id) });
      expect(res.json()).toMatchObject({ code: 'TRANSFER_SAME_BRANCH', field: 'destinationOrgId' });
      res = await apply(m, { destinationOrgId: String(tree.city.id) });
      expect(res.json().code).toBe('TRANSFER_DESTINATION_INVALID');
      const foreign = await upload(op1);
      res = await apply(m, { attachments: [{ fileId: foreign.fileId, mime: 'image/png', size: foreign.size }] });
      expect(res.json()).toMatchObject({ code: 'UPLOAD_INVALID', field: 'attachments.0' });
      res = await inject('POST', '/api/me/transfers', m, { ...(await application(m)), smsCode: '000000' === (await smsCode(m.phone)) ? '111111' : '000000' });
      expect(res.json().code).toBe('SMS_CODE_WRONG');
      res = await inject('POST', '/api/me/transfers', m, { ...(await application(m)), remarks: '长'.repeat(101) });
      expect(res.json()).toMatchObject({ code: 'TRANSFER_REMARKS_TOO_LONG', field: 'remarks' });

      res = await apply(m);
      expect(res.statusCode).toBe(201);
      const t = res.json();
      expect(t).toMatchObject({ status: 'pendingOut', statusLabel: '待转出组织审核', kind: 'memberApplied', canWithdraw: true });
      expect(t.steps).toHaveLength(1);
      expect(t.currentStep).toMatchObject({ kind: 'out', outcome: 'pending', org: { id: String(tree.branch.id) } });
      expect(new Date(t.currentStep.deadline).getTime() - new Date(t.currentStep.since).getTime()).toBe(10 * DAY);

      res = await apply(m);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('TRANSFER_OPEN_EXISTS');

      const cur = (await inject('GET', '/api/me/transfers/current', m)).json();
      expect(cur.transfer.id).toBe(t.id);
      const contacts = (await inject('GET', `/api/me/transfers/${t.id}/contacts`, m)).json();
      expect(contacts).toMatchObject({
        outBranch: { id: String(tree.branch.id) },
        outSuperior: { id: String(tree.grade.id) },
        inBranch: { id: String(branch2.id) },
        inSuperior: { id: String(tree.grade.id) },
      });
      expect((await inject('GET', `/api/me/transfers/${t.id}/contacts`, op1)).statusCode).toBe(404);
      // tidy: withdraw so later tests start clean
      expect((await inject('POST', `/api/me/transfers/${t.id}/withdraw`, m, { reason: '填错了' })).json().status).toBe('withdrawn');
    });

    it('two org-initiated transfers of the same member at once: exactly one opens', async () => {
      const m = await insertApprovedMember(app, otherBranch.id, '钱并');
      const body = { name: m.name, idNumber: m.idNumber, reason: 'employed' };
      const [a, b] = await Promise.all([
        inject('POST', `/api/orgs/${tree.branch.id}/transfers/in`, op1Admin(), body),
        inject('POST', `/api/orgs/${branch2.id}/transfers/in`, op2Admin(), body),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect(await app.db.select().from(transfers).where(eq(transfers.memberUserId, m.userId))).toHaveLength(1);
    });
  });

  // Admins of the two branches (办理转入 needs an admin).
  let admin1: Headers & { userId: number };
  let admin2: Headers & { userId: number };
  const op1Admin = () => admin1;
  const op2Admin = () => admin2;
  beforeAll(async () => {
    admin1 = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
    admin2 = await onboardedCadre(app, branch2.id, { isAdmin: true });
  });

  describe('approval chain (§7.2)', () => {
    it('an unrelated org is refused with 403 and no data; double approval has one effect; completion moves the member atomically', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '孙完');
      const t = (await apply(m)).json();

      const denied = await review(otherBranch.id, t.id, outsider);
      expect(denied.statusCode).toBe(403);
      expect(Object.keys(denied.json()).sort()).toEqual(['code', 'message']);
      expect((await inject('GET', `/api/orgs/${otherBranch.id}/transfers/${t.id}`, outsider)).statusCode).toBe(403);
      // the in-branch may not approve the out step
      expect((await review(branch2.id, t.id, op2)).json().code).toBe('TRANSFER_NOT_PENDING');

      const both = await Promise.all([review(tree.branch.id, t.id, op1), review(tree.branch.id, t.id, op1)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const after = await transferRow(t.id);
      expect(after.status).toBe('pendingIn');
      expect(after.stepGeneration).toBe(2);

      const statsBefore = await stats([tree.branch.id, branch2.id]);
      const res = await review(branch2.id, t.id, op2);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'completed', toBranch: { id: String(branch2.id) } });
      expect((await branchOf(m)).branchId).toBe(branch2.id);
      const statsAfter = await stats([tree.branch.id, branch2.id]);
      expect(statsAfter.get(tree.branch.id)).toBe(statsBefore.get(tree.branch.id)! - 1);
      expect(statsAfter.get(branch2.id)).toBe((statsBefore.get(branch2.id) ?? 0) + 1);
      const hist = await app.db
        .select()
        .from(membershipHistory)
        .where(eq(membershipHistory.transferId, Number(t.id)));
      expect(hist.map((h) => [h.event, h.orgId]).sort()).toEqual([
        ['in', branch2.id],
        ['out', tree.branch.id],
      ]);

      // history visible on both sides, and to the member with both steps
      const outList = (await inject('GET', `/api/orgs/${tree.branch.id}/transfers?box=out`, op1)).json();
      expect(outList.items.map((i: { id: string }) => i.id)).toContain(t.id);
      const inList = (await inject('GET', `/api/orgs/${branch2.id}/transfers?box=in`, op2)).json();
      expect(inList.items.map((i: { id: string }) => i.id)).toContain(t.id);
      const mine = (await inject('GET', '/api/me/transfers', m)).json();
      expect(mine.items[0].steps.map((s: { kind: string; outcome: string }) => `${s.kind}:${s.outcome}`)).toEqual(['out:approved', 'in:approved']);
      // the old branch's members no longer include them
      const search = (await inject('GET', `/api/orgs/${tree.branch.id}/transfers/members?branchId=${tree.branch.id}`, admin1)).json();
      expect(search.items.map((i: { id: string }) => i.id)).not.toContain(String(m.checkinId));
    });

    async function stats(ids: number[]) {
      const [rows] = (await app.db.execute(
        sql`select branch_id, st_approved from branch_stats where branch_id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )) as unknown as [{ branch_id: number; st_approved: number }[]];
      return new Map(rows.map((r) => [Number(r.branch_id), Number(r.st_approved)]));
    }

    it('concurrent approve and withdraw: exactly one outcome', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '周竞');
      const t = (await apply(m)).json();
      const [a, w] = await Promise.all([review(tree.branch.id, t.id, op1), inject('POST', `/api/me/transfers/${t.id}/withdraw`, m, { reason: '不转了' })]);
      expect([a.statusCode, w.statusCode].filter((s) => s === 200)).toHaveLength(1);
      const row = await transferRow(t.id);
      expect(row.status).toBe(a.statusCode === 200 ? 'pendingIn' : 'withdrawn');
      if (row.status === 'pendingIn') await review(branch2.id, t.id, op2, { action: 'reject', reason: '清理' });
    });

    it("the out-branch's direct superior may act for it; a committee destination must assign a branch in its subtree", async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '吴分');
      const t = (await apply(m, { destinationOrgId: String(tree.school.id) })).json();
      expect(t.toBranch).toBeNull();
      // the grade (general branch) is the out-branch's direct superior
      const out = await review(tree.grade.id, t.id, gradeAdmin);
      expect(out.statusCode).toBe(200);
      expect(out.json().steps[0]).toMatchObject({ outcome: 'approved', handledByOrgName: expect.any(String) });
      const inStep = out.json().currentStep;
      expect(inStep).toMatchObject({ kind: 'in', needsBranchAssignment: true, org: { id: String(tree.school.id) } });

      let res = await review(tree.school.id, t.id, schoolAdmin);
      expect(res.json()).toMatchObject({ code: 'TRANSFER_BRANCH_REQUIRED', field: 'assignBranchId' });
      res = await review(tree.school.id, t.id, schoolAdmin, { action: 'approve', assignBranchId: String(otherBranch.id) });
      expect(res.json().code).toBe('TRANSFER_BRANCH_NOT_IN_SUBTREE');
      res = await review(tree.school.id, t.id, schoolAdmin, { action: 'approve', assignBranchId: String(tree.grade.id) });
      expect(res.json().code).toBe('TRANSFER_BRANCH_NOT_IN_SUBTREE');
      res = await review(tree.school.id, t.id, schoolAdmin, { action: 'approve', assignBranchId: String(tree.branch.id) });
      expect(res.json().code).toBe('TRANSFER_SAME_BRANCH');
      res = await review(tree.school.id, t.id, schoolAdmin, { action: 'approve', assignBranchId: String(branch2.id) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'completed', toBranch: { id: String(branch2.id) } });
      expect((await branchOf(m)).branchId).toBe(branch2.id);
    });

    it('a return needs a reason; the member may apply again', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '郑退');
      const t = (await apply(m)).json();
      expect((await review(tree.branch.id, t.id, op1, { action: 'reject', reason: '' })).json().code).toBe('TRANSFER_REJECT_REASON_REQUIRED');
      const res = await review(tree.branch.id, t.id, op1, { action: 'reject', reason: '材料不全' });
      expect(res.json()).toMatchObject({ status: 'rejected', returnReason: '材料不全' });
      expect((await apply(m)).statusCode).toBe(201);
    });
  });

  describe('deadlines and reminders (§7.4)', () => {
    it('reminds the holder on day 3 and (with its superior) on day 7, then returns the transfer on day 10', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '冯期');
      const t = (await apply(m)).json();
      const start = clock.now().getTime();
      const mark = notes().length;
      clock.advance(3 * DAY + 1000);
      await runDueJobs(app);
      const day3 = notes()
        .slice(mark)
        .filter((n) => n.kind === 'transfer.remind.day3' && n.message.includes('冯期'));
      expect(day3).toHaveLength(1);
      expect(day3[0].userIds).toEqual(expect.arrayContaining([op1.userId, admin1.userId]));
      expect(day3[0].userIds).not.toContain(gradeAdmin.userId);
      const exposed = (await app.inject({ method: 'GET', url: '/api/test/notifications' })).json();
      expect(exposed.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'transfer.remind.day3', orgId: String(tree.branch.id), userIds: expect.arrayContaining([String(op1.userId)]) })]),
      );

      clock.advance(4 * DAY);
      await runDueJobs(app);
      const day7 = notes()
        .slice(mark)
        .filter((n) => n.kind === 'transfer.remind.day7' && n.message.includes('冯期'));
      expect(day7).toHaveLength(1);
      expect(day7[0].userIds).toEqual(expect.arrayContaining([op1.userId, gradeAdmin.userId]));

      // escalation list of the superior
      const overdue = (await inject('GET', `/api/orgs/${tree.school.id}/transfers/overdue?minDays=7`, schoolAdmin)).json();
      expect(overdue.items.find((i: { id: string }) => i.id === t.id)).toMatchObject({ daysWaiting: 7, heldBy: { id: String(tree.branch.id) } });

      clock.advance(start + 10 * DAY + 1000 - clock.now().getTime());
      await runDueJobs(app);
      const row = await transferRow(t.id);
      expect(row.status).toBe('expired');
      expect(row.openUserId).toBeNull();
      expect((await branchOf(m)).branchId).toBe(tree.branch.id);
      // the applicant may start again
      expect((await apply(m)).statusCode).toBe(201);
    });

    it('a handled step is neither reminded nor returned by its old jobs', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '陈快');
      const t = (await apply(m)).json();
      clock.advance(DAY);
      await review(tree.branch.id, t.id, op1);
      const mark = notes().length;
      clock.advance(2 * DAY + 1000); // out-step day 3 passed; in-step is on day 2
      await runDueJobs(app);
      expect(
        notes()
          .slice(mark)
          .filter((n) => n.message.includes('陈快') && n.kind.startsWith('transfer.remind')),
      ).toHaveLength(0);
      clock.advance(7 * DAY + 1000); // out-step deadline (day 10) passed, in-step at day 9+
      await runDueJobs(app);
      expect((await transferRow(t.id)).status).toBe('pendingIn');
      clock.advance(2 * DAY);
      await runDueJobs(app);
      expect((await transferRow(t.id)).status).toBe('expired');
    });
  });

  describe('appeal (§10)', () => {
    it('goes to the returning org’s direct superior; approve resumes at the returning step, reject keeps it returned', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '褚诉');
      const t = (await apply(m)).json();
      await review(tree.branch.id, t.id, op1);
      await review(branch2.id, t.id, op2, { action: 'reject', reason: '不认识此人' });
      const file = await upload(m);
      const attachments = [{ fileId: file.fileId, mime: file.mime, size: file.size }];
      let res = await inject('POST', `/api/me/transfers/${t.id}/appeal`, m, { reason: '我已入职该单位', attachments });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'appealing', appeal: { status: 'pending', decidingOrg: { id: String(tree.grade.id) } } });

      // only the deciding org's admin sees and decides it
      const tasks = (await inject('GET', `/api/orgs/${tree.grade.id}/tasks`, gradeAdmin)).json();
      const task = tasks.items.find((i: { kind: string }) => i.kind === 'transferAppeal');
      expect(task).toMatchObject({ link: { page: 'transfer-appeal' } });
      expect((await inject('POST', `/api/orgs/${otherBranch.id}/transfer-appeals/${task.id}/decide`, outsider, { action: 'approve' })).statusCode).toBe(403);

      res = await inject('POST', `/api/orgs/${tree.grade.id}/transfer-appeals/${task.id}/decide`, gradeAdmin, { action: 'approve' });
      expect(res.json()).toMatchObject({ status: 'pendingIn', appeal: { status: 'approved' }, currentStep: { org: { id: String(branch2.id) } } });
      expect((await inject('POST', `/api/orgs/${tree.grade.id}/transfer-appeals/${task.id}/decide`, gradeAdmin, { action: 'approve' })).json().code).toBe('TRANSFER_APPEAL_NOT_PENDING');

      await review(branch2.id, t.id, op2, { action: 'reject', reason: '仍不同意' });
      await inject('POST', `/api/me/transfers/${t.id}/appeal`, m, { reason: '再申诉', attachments });
      const again = (await inject('GET', `/api/orgs/${tree.grade.id}/transfer-appeals`, gradeAdmin)).json();
      res = await inject('POST', `/api/orgs/${tree.grade.id}/transfer-appeals/${again.items[0].id}/decide`, gradeAdmin, { action: 'reject', reason: '情况属实' });
      expect(res.json()).toMatchObject({ status: 'rejected', appeal: { status: 'rejected', decisionComment: '情况属实' } });

      // an automatic return is not appealable
      const n = await insertApprovedMember(app, tree.branch.id, '卫时');
      const u = (await apply(n)).json();
      clock.advance(10 * DAY + 1000);
      await runDueJobs(app);
      expect((await inject('POST', `/api/me/transfers/${u.id}/appeal`, n, { reason: '太慢了', attachments: [{ ...(await upload(n)), name: 'x.png' }] })).json().code).toBe(
        'TRANSFER_NOT_APPEALABLE',
      );
    });
  });

  describe('org-initiated (§7.3)', () => {
    it('办理转入: the in-org finds the person by name + ID; the out-org approves and it completes', async () => {
      const m = await insertApprovedMember(app, otherBranch.id, '蒋入');
      expect((await inject('POST', `/api/orgs/${branch2.id}/transfers/lookup`, admin2, { name: '别人', idNumber: m.idNumber })).json().code).toBe('TRANSFER_MEMBER_NOT_FOUND');
      const found = (await inject('POST', `/api/orgs/${branch2.id}/transfers/lookup`, admin2, { name: m.name, idNumber: m.idNumber })).json();
      expect(found).toMatchObject({ member: { id: String(m.checkinId) }, branch: { id: String(otherBranch.id) }, hasOpenTransfer: false });
      expect(found.member.idNumberMasked).not.toContain(m.idNumber.slice(6, 14));
      // a leading organ may not
      const cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
      expect((await inject('POST', `/api/orgs/${tree.city.id}/transfers/in`, cityAdmin, { name: m.name, idNumber: m.idNumber, reason: 'employed' })).json().code).toBe(
        'ORG_TRANSFER_NOT_ALLOWED',
      );

      const res = await inject('POST', `/api/orgs/${branch2.id}/transfers/in`, admin2, { name: m.name, idNumber: m.idNumber, reason: 'employed' });
      expect(res.statusCode).toBe(201);
      const t = res.json().transfer;
      expect(t).toMatchObject({ kind: 'orgTransferIn', status: 'pendingOut', toBranch: { id: String(branch2.id) } });
      expect((await review(otherBranch.id, t.id, outsider)).json()).toMatchObject({ status: 'completed' });
      expect((await branchOf(m)).branchId).toBe(branch2.id);
    });

    it('办理转出: the out-org picks members and a destination; the in-org approves', async () => {
      const a = await insertApprovedMember(app, tree.branch.id, '沈出');
      const b = await insertApprovedMember(app, tree.branch.id, '韩出');
      const res = await inject('POST', `/api/orgs/${tree.grade.id}/transfers/out`, gradeAdmin, {
        memberIds: [String(a.checkinId), String(b.checkinId)],
        destinationOrgId: String(otherBranch.id),
        reason: 'jobTransfer',
      });
      expect(res.statusCode).toBe(201);
      const items = res.json().items;
      expect(items.map((i: { status: string }) => i.status)).toEqual(['pendingIn', 'pendingIn']);
      expect(items[0].steps[0]).toMatchObject({ kind: 'out', outcome: 'approved' });
      const waiting = (await inject('GET', `/api/orgs/${otherBranch.id}/transfers?box=waiting`, outsider)).json();
      expect(waiting.items.filter((i: { actionable: string }) => i.actionable === 'in').map((i: { id: string }) => i.id)).toEqual(
        expect.arrayContaining(items.map((i: { id: string }) => i.id)),
      );
      for (const i of items) expect((await review(otherBranch.id, i.id, outsider)).json().status).toBe('completed');
      expect((await branchOf(a)).branchId).toBe(otherBranch.id);
      // members outside the org's subtree cannot be picked
      const c = await insertApprovedMember(app, otherBranch.id, '杨外');
      expect(
        (await inject('POST', `/api/orgs/${tree.grade.id}/transfers/out`, gradeAdmin, { memberIds: [String(c.checkinId)], destinationOrgId: String(branch2.id), reason: 'other' })).json()
          .code,
      ).toBe('TRANSFER_MEMBER_NOT_IN_BRANCH');
    });

    it('batch: only a 基层团委/团工委/团总支, two different branches of its subtree, ≤ 30, no approval, immediate', async () => {
      const members = await Promise.all(
        Array.from({ length: 31 }, (_, i) => insertApprovedMember(app, tree.branch.id, `批量${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰'[Math.floor(i / 10)]}`)),
      );
      const ids = members.map((m) => String(m.checkinId));
      const body = (n: number, over: object = {}) => ({ fromBranchId: String(tree.branch.id), toBranchId: String(branch2.id), memberIds: ids.slice(0, n), reason: 'furtherStudy', ...over });

      let res = await inject('POST', `/api/orgs/${tree.branch.id}/transfers/batch`, admin1, body(3));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('BATCH_TRANSFER_NOT_ALLOWED');
      const cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
      expect((await inject('POST', `/api/orgs/${tree.city.id}/transfers/batch`, cityAdmin, body(3))).json().code).toBe('BATCH_TRANSFER_NOT_ALLOWED');
      res = await inject('POST', `/api/orgs/${tree.school.id}/transfers/batch`, schoolAdmin, body(31));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('BATCH_TRANSFER_TOO_MANY');
      expect((await inject('POST', `/api/orgs/${tree.school.id}/transfers/batch`, schoolAdmin, body(3, { toBranchId: String(tree.branch.id) }))).json().code).toBe('TRANSFER_SAME_BRANCH');
      expect((await inject('POST', `/api/orgs/${tree.school.id}/transfers/batch`, schoolAdmin, body(3, { toBranchId: String(otherBranch.id) }))).json().code).toBe(
        'BATCH_BRANCH_NOT_IN_SUBTREE',
      );

      res = await inject('POST', `/api/orgs/${tree.school.id}/transfers/batch`, schoolAdmin, body(30));
      expect(res.statusCode).toBe(200);
      expect(res.json().moved).toBe(30);
      for (const m of members.slice(0, 30)) expect((await branchOf(m)).branchId).toBe(branch2.id);
      expect((await branchOf(members[30])).branchId).toBe(tree.branch.id);
      // the same members again: they are no longer in the from-branch (all or nothing)
      expect((await inject('POST', `/api/orgs/${tree.school.id}/transfers/batch`, schoolAdmin, body(2))).json().code).toBe('TRANSFER_MEMBER_NOT_IN_BRANCH');
    });
  });

  describe('task center (操作中心)', () => {
    it('lists what waits for the org, oldest first, with counts', async () => {
      const leaf = await insertOrg(app, tree.grade, 'branch');
      const leafOp = await onboardedCadre(app, leaf.id, { isOperator: true });
      const a = await insertApprovedMember(app, leaf.id, '甲待');
      const b = await insertApprovedMember(app, leaf.id, '乙待');
      const ta = (await apply(a)).json();
      clock.advance(3600_000);
      const tb = (await apply(b)).json();
      const list = (await inject('GET', `/api/orgs/${leaf.id}/tasks`, leafOp)).json();
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([ta.id, tb.id]);
      expect(list.items[0]).toMatchObject({ kind: 'transferOut', kindLabel: '转出审批', link: { page: 'transfer-review', params: { orgId: String(leaf.id), transferId: ta.id } } });
      const sinces = list.items.map((i: { since: string }) => i.since);
      expect([...sinces].sort()).toEqual(sinces);
      expect((await inject('GET', `/api/orgs/${leaf.id}/tasks/counts`, leafOp)).json()).toMatchObject({ transferOut: 2, total: 2 });
      // the superior's admin sees its children's steps too
      const g = (await inject('GET', `/api/orgs/${tree.grade.id}/tasks/counts`, gradeAdmin)).json();
      expect(g.transferOut).toBeGreaterThanOrEqual(2);
      expect((await inject('GET', `/api/orgs/${leaf.id}/tasks`, outsider)).statusCode).toBe(403);
    });
  });
});

describe('cross-system transfers (§7.4, simulator)', () => {
  for (const mode of ['confirm', 'reject'] as const) {
    it(`the other system ${mode}s`, async () => {
      const db = await privateDatabase('tj_test_transfers_ext');
      const clock = manualClock(new Date('2024-10-01T00:00:00Z'));
      const app = await buildTestApp(
        { databaseUrl: db.databaseUrl, rateLimitLoginPerMinute: 10_000, externalSimMode: mode, externalSimDelaySeconds: 2 * 86400, externalPollIntervalSeconds: 86400 },
        { clock },
      );
      try {
        const tree = await orgTree(app);
        const op = await onboardedCadre(app, tree.branch.id, { isOperator: true });
        const m = await insertApprovedMember(app, tree.branch.id, '林外');
        const f = fileUpload(PNG_1X1);
        const file = (await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...m.headers, ...f.headers }, payload: f.payload })).json();
        const send = async () => {
          clock.advance(61_000);
          await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone: m.phone, purpose: 'transfer' } });
          return (app.sms as SmsSimulator).lastCode(m.phone)!;
        };
        const body = async (over: object) => ({
          direction: 'outOfProvince',
          destinationRegion: '11',
          destinationOrgId: 'BJ-001',
          destinationOrgName: '北京某公司团委',
          contact: '13800002222',
          reason: 'employed',
          remarks: '赴京工作',
          attachments: [{ fileId: file.fileId, mime: file.mime, size: file.size }],
          smsCode: await send(),
          ...over,
        });
        let res = await app.inject({ method: 'POST', url: '/api/me/transfers', headers: m.headers, payload: await body({}) });
        expect(res.json()).toMatchObject({ code: 'TRANSFER_DESTINATION_NOT_BRANCH', field: 'destinationOrgId' });
        res = await app.inject({ method: 'POST', url: '/api/me/transfers', headers: m.headers, payload: await body({ destinationRegion: 'railway', destinationOrgName: '太原铁路局团委' }) });
        expect(res.statusCode).toBe(201);
        const t = res.json();
        expect(t).toMatchObject({ destinationSystem: 'central', destinationRegionLabel: '全国铁道', destinationOrgName: '太原铁路局团委' });

        res = await app.inject({ method: 'POST', url: `/api/orgs/${tree.branch.id}/transfers/${t.id}/review`, headers: op.headers, payload: { action: 'approve' } });
        expect(res.json()).toMatchObject({ status: 'awaitingExternal', statusLabel: '等待转入系统确认', currentStep: { kind: 'external', externalName: '太原铁路局团委' } });
        await runDueJobs(app);
        const [row] = await app.db
          .select()
          .from(transfers)
          .where(eq(transfers.id, Number(t.id)));
        expect(row.externalId).toMatch(/^SIM-/);
        clock.advance(86400_000 + 1000);
        await runDueJobs(app);
        expect(
          (
            await app.db
              .select()
              .from(transfers)
              .where(eq(transfers.id, Number(t.id)))
          )[0].status,
        ).toBe('awaitingExternal');
        clock.advance(86400_000 + 1000);
        await runDueJobs(app);
        const cur = (await app.inject({ method: 'GET', url: '/api/me/transfers/current', headers: m.headers })).json().transfer;
        const [c] = await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId));
        if (mode === 'confirm') {
          expect(cur.status).toBe('completed');
          expect(c.approvedIdHash).toBeNull(); // left our system
          expect(c.status).toBe('transferredOut'); // 已转出 [issue 15 item 8], not withdrawn
        } else {
          expect(cur).toMatchObject({ status: 'rejected', canAppeal: false });
          expect(cur.returnReason).toContain('转入系统');
          expect(c.branchId).toBe(tree.branch.id);
          expect(c.approvedIdHash).not.toBeNull();
        }
      } finally {
        await app.close();
        await db.drop();
      }
    });
  }
});
