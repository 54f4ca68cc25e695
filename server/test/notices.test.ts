import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { adminChangeRequests, checkins, memberArchives, messages, noticeReads, noticeTargets, notices, rosterEntries, transfers } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { SmsSimulator } from '../src/adapters/sms/simulator';
import { buildTestApp, manualClock } from './helper';
import { PNG_1X1, certForm, fileUpload, insertApprovedMember, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';
import { minimalPdf } from './pdf';

type Who = { headers: Record<string, string>; userId: number };

/** 工作通知 and the inbox (issue 17 part 3) [004 §一 2; 001 操作中心] over HTTP on MariaDB. */
describe('notices and the inbox', () => {
  let app: App;
  const clock = manualClock(new Date('2025-03-02T02:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let school2: Awaited<ReturnType<typeof insertOrg>>;
  let branch2: Awaited<ReturnType<typeof insertOrg>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;
  let provinceAdmin: Who, cityAdmin: Who, cityCadre: Who, schoolAdmin: Who, gradeAdmin: Who, branchAdmin: Who, branchOp: Who, branch2Op: Who, otherAdmin: Who;
  let member: Who, member2: Who, siblingMember: Who;

  const get = (url: string, who: Who) => app.inject({ method: 'GET', url, headers: who.headers });
  const post = (url: string, who: Who, payload?: object) => app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });
  const publish = (orgId: number, who: Who, body: object) =>
    post(`/api/orgs/${orgId}/notices`, who, { title: '关于开展主题团日活动的通知', body: '各级团组织：请于本月底前开展主题团日活动。', audience: 'everyone', scope: 'subtree', ...body });
  const inboxIds = async (who: Who) => (await get('/api/inbox/notices', who)).json().items.map((i: { id: string }) => i.id);
  const unread = async (who: Who) => (await get('/api/inbox/unread', who)).json();
  const uploadFile = (orgId: number, who: Who, data: Buffer, name = 'a.pdf', type = 'application/pdf') => {
    const f = fileUpload(data, name, type);
    return app.inject({ method: 'POST', url: `/api/orgs/${orgId}/notice-files`, headers: { ...who.headers, ...f.headers }, payload: f.payload });
  };
  const messagesOf = async (userId: number) => app.db.select().from(messages).where(eq(messages.userId, userId));

  beforeAll(async () => {
    app = await buildTestApp({ accessTokenTtlSeconds: 365 * 24 * 3600, realNameSimFailRate: 0 }, { clock });
    tree = await orgTree(app); // province → city → school (基层团委) → grade (团总支) → branch; otherCity
    school2 = await insertOrg(app, tree.city, 'grassrootsCommittee');
    branch2 = await insertOrg(app, school2, 'branch');
    otherBranch = await insertOrg(app, tree.otherCity, 'branch');
    provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    cityCadre = await onboardedCadre(app, tree.city.id);
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    branchAdmin = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
    branchOp = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    branch2Op = await onboardedCadre(app, branch2.id, { isOperator: true });
    otherAdmin = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    member = await insertApprovedMember(app, tree.branch.id, '陈通知');
    member2 = await insertApprovedMember(app, branch2.id, '李通知');
    siblingMember = await insertApprovedMember(app, otherBranch.id, '王兄弟');
  });
  afterAll(async () => {
    await app.close();
  });

  it('[004 §一 2] only committees publish, each through its own admins, to its own subtree only', async () => {
    expect((await publish(tree.grade.id, gradeAdmin, {})).json().code).toBe('NOTICE_PUBLISHER_NOT_COMMITTEE');
    expect((await publish(tree.branch.id, branchAdmin, {})).statusCode).toBe(403);
    // an admin above does not sign for the city; a plain cadre does not publish
    expect((await publish(tree.city.id, provinceAdmin, {})).json().code).toBe('NOTICE_PUBLISH_OWN_ORG_ONLY');
    expect((await publish(tree.city.id, cityCadre, {})).statusCode).toBe(403);
    expect((await publish(tree.province.id, cityAdmin, {})).statusCode).toBe(403);
    const outside = await publish(tree.city.id, cityAdmin, { scope: 'chosen', targetOrgIds: [String(otherBranch.id)] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('NOTICE_TARGET_OUTSIDE');
    expect((await publish(tree.city.id, cityAdmin, { scope: 'chosen', targetOrgIds: [] })).json().code).toBe('NOTICE_TARGETS_REQUIRED');
    expect((await publish(tree.city.id, cityAdmin, { title: ' ' })).json().code).toBe('NOTICE_TITLE_REQUIRED');
    expect(await app.db.select().from(notices)).toHaveLength(0);
  });

  it('targets: the subtree reaches members and cadres below it, never a sibling subtree; cadres-only skips members; chosen sub-orgs only', async () => {
    const all = (await publish(tree.city.id, cityAdmin, {})).json();
    expect(all).toMatchObject({ orgName: tree.city.shortName, audience: 'everyone', readCount: 0, targets: [{ id: String(tree.city.id) }] });
    const cadres = (await publish(tree.city.id, cityAdmin, { title: '团干部培训通知', audience: 'cadres' })).json();
    const chosen = (await publish(tree.city.id, cityAdmin, { title: '致二校的通知', scope: 'chosen', targetOrgIds: [String(school2.id)] })).json();

    expect(await inboxIds(member)).toEqual([cadres.id, all.id].filter((id) => id === all.id));
    expect(await inboxIds(member2)).toEqual([chosen.id, all.id]);
    expect(await inboxIds(siblingMember)).toEqual([]);
    expect(await inboxIds(otherAdmin)).toEqual([]);
    expect(await inboxIds(branchOp)).toEqual([cadres.id, all.id]);
    expect(await inboxIds(cityCadre)).toEqual([chosen.id, cadres.id, all.id].filter((id) => id !== chosen.id));
    expect(await inboxIds(branch2Op)).toEqual([chosen.id, cadres.id, all.id]);
    // the province's admin is above the target, not a recipient
    expect(await inboxIds(provinceAdmin)).toEqual([]);
    // nobody reached sees nothing of it
    expect((await get(`/api/inbox/notices/${all.id}`, siblingMember)).statusCode).toBe(404);
    expect((await post(`/api/inbox/notices/${cadres.id}/read`, member)).statusCode).toBe(404);
    // one notice row and one target each: no row per recipient
    expect(await app.db.select().from(noticeTargets)).toHaveLength(3);
  });

  it('unread counts, mark read (idempotent), read counts per sub-org with drill-down', async () => {
    const n = (await publish(tree.city.id, cityAdmin, { title: '阅读统计' })).json();
    const before = await unread(member);
    expect(before.notices).toBeGreaterThanOrEqual(1);
    const detail = (await get(`/api/inbox/notices/${n.id}`, member)).json();
    expect(detail).toMatchObject({ title: '阅读统计', read: false, orgName: tree.city.shortName, audienceLabel: '全体团员和团干部' });
    const r1 = (await post(`/api/inbox/notices/${n.id}/read`, member)).json();
    expect(r1.unread.notices).toBe(before.notices - 1);
    const r2 = (await post(`/api/inbox/notices/${n.id}/read`, member)).json();
    expect(r2.unread).toEqual(r1.unread);
    expect((await get(`/api/inbox/notices/${n.id}`, member)).json().read).toBe(true);
    await post(`/api/inbox/notices/${n.id}/read`, member2);
    await post(`/api/inbox/notices/${n.id}/read`, schoolAdmin);
    await post(`/api/inbox/notices/${n.id}/read`, cityCadre);
    expect(
      await app.db
        .select()
        .from(noticeReads)
        .where(eq(noticeReads.noticeId, Number(n.id))),
    ).toHaveLength(4);

    const reads = await get(`/api/orgs/${tree.city.id}/notices/${n.id}/reads`, cityAdmin);
    expect(reads.statusCode).toBe(200);
    const top = reads.json();
    expect(top.notice.readCount).toBe(4);
    expect(top.selfReadCount).toBe(1); // the city's own cadre
    expect(top.rows).toEqual([
      { orgId: String(tree.school.id), name: tree.school.shortName, readCount: 2, hasChildren: true },
      { orgId: String(school2.id), name: school2.shortName, readCount: 1, hasChildren: true },
    ]);
    const school = (await get(`/api/orgs/${tree.city.id}/notices/${n.id}/reads?parentId=${tree.school.id}`, cityAdmin)).json();
    expect(school.selfReadCount).toBe(1);
    expect(school.rows).toEqual([{ orgId: String(tree.grade.id), name: tree.grade.shortName, readCount: 1, hasChildren: true }]);
    expect(school.parent.parentId).toBe(String(tree.city.id));
    // the publisher's list carries the count; a drill-down outside the subtree is 404; other orgs see nothing
    expect((await get(`/api/orgs/${tree.city.id}/notices`, cityAdmin)).json().items[0]).toMatchObject({ id: n.id, readCount: 4 });
    expect((await get(`/api/orgs/${tree.city.id}/notices/${n.id}/reads?parentId=${tree.otherCity.id}`, cityAdmin)).statusCode).toBe(404);
    expect((await get(`/api/orgs/${tree.otherCity.id}/notices/${n.id}/reads`, otherAdmin)).statusCode).toBe(404);
    expect((await get(`/api/orgs/${tree.city.id}/notices`, otherAdmin)).statusCode).toBe(403);
  });

  it('attachments: PDF and images by content, readable by recipients and the publisher only', async () => {
    const pdf = await uploadFile(tree.city.id, cityAdmin, minimalPdf());
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().mime).toBe('application/pdf');
    const png = (await uploadFile(tree.city.id, cityAdmin, PNG_1X1, 'x.png', 'image/png')).json();
    expect((await uploadFile(tree.city.id, cityAdmin, Buffer.from('<html>hi</html>'), 'x.pdf')).json().code).toBe('NOTICE_ATTACHMENT_TYPE');
    expect((await uploadFile(tree.grade.id, gradeAdmin, minimalPdf())).json().code).toBe('NOTICE_PUBLISHER_NOT_COMMITTEE');
    const foreign = (await uploadFile(tree.otherCity.id, otherAdmin, minimalPdf())).json();
    expect((await publish(tree.city.id, cityAdmin, { attachments: [{ fileId: foreign.fileId, name: 'x.pdf' }] })).json().code).toBe('NOTICE_ATTACHMENT_INVALID');

    const n = (
      await publish(tree.city.id, cityAdmin, {
        title: '附件通知',
        attachments: [
          { fileId: pdf.json().fileId, name: '活动方案.pdf' },
          { fileId: png.fileId, name: '海报.png' },
        ],
      })
    ).json();
    expect(n.attachmentCount).toBe(2);
    // a file goes with one notice only
    expect((await publish(tree.city.id, cityAdmin, { attachments: [{ fileId: png.fileId, name: 'again.png' }] })).json().code).toBe('NOTICE_ATTACHMENT_INVALID');
    const detail = (await get(`/api/inbox/notices/${n.id}`, member)).json();
    expect(detail.attachments.map((a: { name: string }) => a.name)).toEqual(['活动方案.pdf', '海报.png']);
    const file = await get(detail.attachments[0].url, member);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(detail.attachments[0].url, cityAdmin)).statusCode).toBe(200);
    expect((await get(detail.attachments[0].url, siblingMember)).statusCode).toBe(404);
    expect((await get(`/api/notices/${n.id}/files/${foreign.fileId}`, member)).statusCode).toBe(404);
  });

  it('personal messages: check-in real-name result, return with the reason and approval, in the inbox with their page', async () => {
    const u = await memberUser(app);
    const form = certForm(tree.branch.id, { idNumber: makeIdNumber(), name: '赵报到' });
    for (const step of ['identity', 'league', 'contact', 'optional'] as const)
      await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: form[step] });
    expect((await post('/api/me/checkin/submit', u)).statusCode).toBe(200);
    await runDueJobs(app);
    const [c] = await app.db.select().from(checkins).where(eq(checkins.userId, u.userId));
    expect(c.realNameStatus).toBe('passed');
    expect((await post(`/api/orgs/${tree.branch.id}/checkins/${c.id}/review`, branchOp, { action: 'return', reason: '入团年月填写有误' })).statusCode).toBe(200);
    const page = (await get('/api/inbox/messages', u)).json();
    expect(page.items.map((m: { kind: string }) => m.kind)).toEqual(['checkin.returned', 'realName.passed']);
    expect(page.items[0]).toMatchObject({ title: '您的报到被退回', route: '/pages/status/index', read: false, kindLabel: '报到被退回' });
    expect(page.items[0].body).toContain('入团年月填写有误');
    expect((await unread(u)).messages).toBe(2);
    // mark read: idempotent, and only one's own
    expect((await post(`/api/inbox/messages/${page.items[0].id}/read`, u)).json().unread.messages).toBe(1);
    expect((await post(`/api/inbox/messages/${page.items[0].id}/read`, u)).json().unread.messages).toBe(1);
    expect((await post(`/api/inbox/messages/${page.items[0].id}/read`, member)).statusCode).toBe(404);
    expect((await post('/api/inbox/messages/read-all', u)).json().unread.messages).toBe(0);
  });

  it('a message commits or rolls back with its event: a failing review leaves neither', async () => {
    const u = await memberUser(app);
    const form = certForm(tree.branch.id, { idNumber: makeIdNumber(), name: '钱回滚' });
    for (const step of ['identity', 'league', 'contact', 'optional'] as const)
      await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: form[step] });
    await post('/api/me/checkin/submit', u);
    await runDueJobs(app);
    const [c] = await app.db.select().from(checkins).where(eq(checkins.userId, u.userId));
    const before = (await messagesOf(u.userId)).length;
    // the audit row is the review's last statement: make it fail after the message was written
    await app.db.execute(
      sql.raw(
        `create trigger tj_test_fail_audit before insert on audit_logs for each row begin if new.action = 'checkin.approve' and new.target_id = '${c.id}' then signal sqlstate '45000' set message_text = 'forced'; end if; end`,
      ),
    );
    try {
      const res = await post(`/api/orgs/${tree.branch.id}/checkins/${c.id}/review`, branchOp, { action: 'approve' });
      expect(res.statusCode).toBe(500);
    } finally {
      await app.db.execute(sql.raw('drop trigger tj_test_fail_audit'));
    }
    expect((await app.db.select().from(checkins).where(eq(checkins.id, c.id)))[0].status).toBe('submitted');
    expect(await messagesOf(u.userId)).toHaveLength(before);
    // and without the failure both are there
    expect((await post(`/api/orgs/${tree.branch.id}/checkins/${c.id}/review`, branchOp, { action: 'approve' })).statusCode).toBe(200);
    const after = await messagesOf(u.userId);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ kind: 'checkin.approved', route: '/member/pages/home/index' });
  });

  it('transfers: the holder is told it waits, the member learns each step and the result', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '孙转接');
    clock.advance(13 * 60_000);
    await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone: m.phone, purpose: 'transfer' } });
    const f = fileUpload(PNG_1X1);
    const file = (await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...m.headers, ...f.headers }, payload: f.payload })).json();
    const res = await post('/api/me/transfers', m, {
      direction: 'inProvince',
      destinationOrgId: String(branch2.id),
      contact: '13800001111',
      reason: 'employed',
      remarks: '到新单位工作',
      attachments: [{ fileId: file.fileId, mime: file.mime, size: file.size }],
      smsCode: (app.sms as SmsSimulator).lastCode(m.phone)!,
    });
    expect(res.statusCode).toBe(201);
    const [t] = await app.db.select().from(transfers).where(eq(transfers.memberUserId, m.userId));
    const waiting = (await messagesOf(branchOp.userId)).filter((x) => x.kind === 'transfer.waiting' && x.params.transferId === String(t.id));
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ title: '孙转接的组织关系转接待您审批', route: '/cadre/pages/transfer/index', params: { orgId: String(tree.branch.id), transferId: String(t.id) } });
    expect((await post(`/api/orgs/${tree.branch.id}/transfers/${t.id}/review`, branchOp, { action: 'approve' })).statusCode).toBe(200);
    expect((await messagesOf(branch2Op.userId)).some((x) => x.kind === 'transfer.waiting' && x.params.transferId === String(t.id))).toBe(true);
    expect((await post(`/api/orgs/${branch2.id}/transfers/${t.id}/review`, branch2Op, { action: 'approve' })).statusCode).toBe(200);
    const mine = (await messagesOf(m.userId)).map((x) => x.kind);
    expect(mine).toEqual(['transfer.step', 'transfer.completed']);
  });

  it('e-archives and admin changes: the deciding admins are asked, the requester told the decision', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '周档案');
    const [c] = await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId));
    const data = { ...(c.approvedData as object), joinedAt: '2024-05', developmentNumber: '202444000901' };
    await app.db.update(checkins).set({ approvedData: data, draft: data, approvedDevNumber: '202444000901', developmentNumber: '202444000901' }).where(eq(checkins.id, m.checkinId));
    const f = fileUpload(minimalPdf(), '入团志愿书.pdf', 'application/pdf');
    expect(
      (await app.inject({ method: 'POST', url: `/api/orgs/${tree.branch.id}/archives/${m.checkinId}/file`, headers: { ...branchAdmin.headers, ...f.headers }, payload: f.payload }))
        .statusCode,
    ).toBe(200);
    expect((await messagesOf(schoolAdmin.userId)).filter((x) => x.kind === 'archive.waiting')).toHaveLength(1);
    expect((await post(`/api/orgs/${tree.school.id}/archives/${m.checkinId}/decision`, schoolAdmin, { action: 'reject', reason: '扫描件不清晰' })).statusCode).toBe(200);
    const told = (await messagesOf(branchAdmin.userId)).filter((x) => x.kind === 'archive.rejected');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('扫描件不清晰');
    expect((await app.db.select().from(memberArchives).where(eq(memberArchives.checkinId, m.checkinId)))[0].status).toBe('rejected');

    // §3.4 the branch's admin asks to make its operator an admin: the grade's admins are asked
    const [line] = await app.db.select().from(rosterEntries).where(eq(rosterEntries.userId, branchOp.userId));
    expect((await post(`/api/orgs/${tree.branch.id}/roster/${line.id}/admin`, branchAdmin, { isAdmin: true })).statusCode).toBeLessThan(300);
    const asked = (await messagesOf(gradeAdmin.userId)).filter((x) => x.kind === 'adminChange.requested');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ route: '/admin/pages/roster/index', params: { orgId: String(tree.grade.id) } });
    const [req] = await app.db
      .select()
      .from(adminChangeRequests)
      .where(and(eq(adminChangeRequests.rosterEntryId, line.id), eq(adminChangeRequests.status, 'pending')));
    expect(req).toBeDefined();
    expect((await post(`/api/orgs/${tree.grade.id}/admin-requests/${req.id}/decision`, gradeAdmin, { approve: true })).statusCode).toBe(204);
    expect((await messagesOf(branchAdmin.userId)).filter((x) => x.kind === 'adminChange.approved')).toHaveLength(1);
  });
});
