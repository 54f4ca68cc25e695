import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, checkins, orgs } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { branchMembers } from '../src/modules/registration/population';
import { buildTestApp, privateDatabase } from './helper';
import { certForm, insertApprovedMember, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';
import { multipart, xlsx } from './excel';

type Headers = { authorization: string };

/** The whole certification form as one body (an admin enters every step at once). */
const entryBody = (o: Parameters<typeof certForm>[1] = {}) => {
  const f = certForm(1, o);
  const { branchId: _b, ...identity } = f.identity;
  return { ...identity, ...f.league, ...f.contact, ...f.optional };
};

/**
 * 团员录入与认领 (issue 16 part 5, [004 §二(一)]): admins enter members singly or by Excel with the
 * check-in's rules; 2020+ joins are 尚未认证 at once; the person claims the record after a real-name
 * check proves their ID, never before, and a record is claimed once. Plus the review fixes B2–B5.
 */
describe('members entered by admins', () => {
  const alwaysFails = makeIdNumber('2000-03-03');
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let branchAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  let schoolAdmin: Awaited<ReturnType<typeof onboardedCadre>>;

  const enter = (body: object, headers: Headers = branchAdmin.headers, orgId = tree.branch.id) =>
    app.inject({ method: 'POST', url: `/api/orgs/${orgId}/entered-members`, headers, payload: body });
  const countEntered = async () => (await app.db.select({ id: checkins.id }).from(checkins).where(eq(checkins.branchId, tree.branch.id))).length;
  const claimState = async (headers: Headers) => (await app.inject({ method: 'GET', url: '/api/me/member-claim', headers })).json();

  beforeAll(async () => {
    db = await privateDatabase('tj_test_entered');
    app = await buildTestApp({ databaseUrl: db.databaseUrl, realNameSimFailRate: 0, realNameSimAlwaysFail: [alwaysFails] });
    tree = await orgTree(app);
    branchAdmin = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('enters one member as an approved, uncertified (2020+) member; the org above may too; audited', async () => {
    const res = await enter(entryBody({ name: '录入甲', joinedAt: '2021-05', developmentNumber: '202100000001', idNumber: makeIdNumber('2006-02-03') }));
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ name: '录入甲', claimed: false, branchId: String(tree.branch.id), joinedAt: '2021-05', membershipStatus: 'normal' });
    const [row] = await app.db
      .select()
      .from(checkins)
      .where(eq(checkins.id, Number(m.id)));
    expect(row).toMatchObject({ status: 'approved', approvedJoinedAt: '2021-05', approvedBirthDate: '2006-02-03' });
    expect(row.enteredAt).not.toBeNull();
    // 004 FAQ (i): straight into the e-archive list, 尚未认证
    const archives = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/archives?state=uncertified`, headers: branchAdmin.headers })).json();
    expect(archives.items.map((i: { name: string }) => i.name)).toContain('录入甲');
    const summary = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/archives/summary`, headers: branchAdmin.headers })).json();
    expect(summary.uncertified).toBeGreaterThanOrEqual(1);
    // the cadre's member detail shows the form's phone (the placeholder account's is no phone)
    const seen = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/members/${m.id}`, headers: branchAdmin.headers })).json();
    expect(seen.phoneMasked).toBe('138****8000');
    // an admin of the school enters into the branch through the branch's chain
    expect((await enter(entryBody({ name: '录入乙', idNumber: makeIdNumber('2001-01-01') }), schoolAdmin.headers)).statusCode).toBe(201);
    const audits = await app.db.select().from(auditLogs).where(eq(auditLogs.action, 'member.enter'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    const list = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/entered-members?q=录入`, headers: schoolAdmin.headers })).json();
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['录入甲', '录入乙']));
  });

  it('refuses with the check-in rules (join age, development number, one ID one branch) and changes nothing', async () => {
    const before = await countEntered();
    const tooYoung = await enter(entryBody({ idNumber: makeIdNumber('2010-06-01'), joinedAt: '2022-01' }));
    expect(tooYoung.statusCode).toBe(400);
    expect(tooYoung.json().field).toBe('joinedAt');
    const noDev = await enter(entryBody({ idNumber: makeIdNumber('2004-01-01'), joinedAt: '2019-05', developmentNumber: null }));
    expect(noDev.json().field).toBe('developmentNumber');
    const taken = await enter(entryBody({ idNumber: makeIdNumber('2006-03-03'), joinedAt: '2021-05', developmentNumber: '202100000001' }));
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'DEVELOPMENT_NUMBER_TAKEN']);
    const existing = await insertApprovedMember(app, tree.branch.id, '已报到');
    const [approved] = await app.db.select().from(checkins).where(eq(checkins.id, existing.checkinId));
    const sameId = await enter(entryBody({ idNumber: app.pii.decrypt(approved.idEnc) }));
    expect([sameId.statusCode, sameId.json().code]).toEqual([409, 'CHECKIN_ID_APPROVED_ELSEWHERE']);
    expect(await countEntered()).toBe(before + 1); // only insertApprovedMember's row
    // only into a 团支部; only admins of its chain
    expect((await enter(entryBody(), schoolAdmin.headers, tree.school.id)).json().code).toBe('ENTERED_NOT_BRANCH');
    const operator = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    expect((await enter(entryBody(), operator.headers)).statusCode).toBe(403);
    const elsewhere = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    expect((await enter(entryBody(), elsewhere.headers)).statusCode).toBe(403);
  });

  it('edits an entered member (audited); a member who left or a claimed record is refused', async () => {
    const m = (await enter(entryBody({ name: '待修改', idNumber: makeIdNumber('2000-05-05') }))).json();
    const body = { ...m.data, joinUnit: '某某大学', name: '已修改' };
    const res = await app.inject({ method: 'PUT', url: `/api/orgs/${tree.branch.id}/entered-members/${m.id}`, headers: branchAdmin.headers, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '已修改', data: expect.objectContaining({ joinUnit: '某某大学' }) });
    const [log] = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'member.edit'), eq(auditLogs.targetId, m.id)));
    expect(JSON.stringify(log.after)).toContain('某某大学');
    await app.db
      .update(checkins)
      .set({ membershipStatus: 'resigned' })
      .where(eq(checkins.id, Number(m.id)));
    const left = await app.inject({ method: 'PUT', url: `/api/orgs/${tree.branch.id}/entered-members/${m.id}`, headers: branchAdmin.headers, payload: body });
    expect(left.json().code).toBe('MEMBERSHIP_NOT_NORMAL');
  });

  it('Excel: template, all-or-nothing with per-row errors in Chinese, then imports every row', async () => {
    const tpl = await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/entered-members-import/template.xlsx`, headers: branchAdmin.headers });
    expect(tpl.statusCode).toBe(200);
    const headers = [
      '姓名',
      '证件号码',
      '入团年月',
      '收入',
      '是否在本支部担任团干职务',
      '发展团员编号',
      '入团时所在单位',
      '手机号码',
      '民族',
      '政治面貌',
      '全日制学历',
      '最高学历',
      '是否志愿者',
      '户籍所在地',
    ];
    const row = (name: string, id: string, joined = '2015-05', dev = '') => [
      name,
      id,
      joined,
      '学生无收入',
      '否',
      dev,
      '某中学',
      '13800138000',
      '汉族',
      '共青团员',
      '本科在读',
      '本科在读',
      '否',
      '广东省广州市',
    ];
    const id1 = makeIdNumber('2001-07-07');
    const bad = await xlsx(headers, [row('导入甲', id1), row('导入乙', '123'), row('导入丙', id1)]);
    const before = await countEntered();
    const badBody = multipart(bad);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/orgs/${tree.branch.id}/entered-members-import`,
      headers: { ...branchAdmin.headers, ...badBody.headers },
      payload: badBody.payload,
    });
    // a multipart body cut short (a flaky upload) is the client's: 400, never a 500
    const broken = await app.inject({
      method: 'POST',
      url: `/api/orgs/${tree.branch.id}/entered-members-import`,
      headers: { ...branchAdmin.headers, ...badBody.headers },
      payload: badBody.payload.subarray(0, badBody.payload.length - 40),
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('VALIDATION_FAILED');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('IMPORT_ROWS_INVALID');
    const rows = refused.json().rows as { row: number; field?: string; message: string }[];
    expect(rows.map((r) => r.row)).toEqual([3, 4]);
    expect(rows[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countEntered()).toBe(before);
    const file = await xlsx(headers, [row('导入甲', id1), row('导入乙', makeIdNumber('2001-08-08'))]);
    const body = multipart(file);
    const ok = await app.inject({ method: 'POST', url: `/api/orgs/${tree.branch.id}/entered-members-import`, headers: { ...branchAdmin.headers, ...body.headers }, payload: body.payload });
    expect(ok.json()).toEqual({ imported: 2 });
    expect(await countEntered()).toBe(before + 2);
  });

  it('claim: nothing bound before the real-name check passes; then 确认 binds the record, no duplicate; once only', async () => {
    const idNumber = makeIdNumber('2002-02-02');
    const m = (await enter(entryBody({ name: '认领人', idNumber }))).json();
    const person = await memberUser(app);
    // the person's own check-in of that ID is sent to claiming instead
    const step = await app.inject({ method: 'PUT', url: '/api/me/checkin/steps/identity', headers: person.headers, payload: { ...certForm(tree.branch.id, { idNumber }).identity } });
    expect(step.json().code).toBe('CHECKIN_ENTERED_BY_ORG');
    expect(await claimState(person.headers)).toEqual({ state: 'none', offer: null });
    const asked = await app.inject({ method: 'POST', url: '/api/me/member-claim/verify', headers: person.headers, payload: { name: '认领人', idNumber } });
    expect(asked.json().state).toBe('verifying');
    // before the check passed: not offered, not bindable
    const early = await app.inject({ method: 'POST', url: `/api/me/member-claim/${m.id}/confirm`, headers: person.headers });
    expect(early.json().code).toBe('CLAIM_NOT_AVAILABLE');
    await runDueJobs(app);
    const offered = await claimState(person.headers);
    expect(offered).toMatchObject({ state: 'offer', offer: { id: m.id, name: '认领人' } });
    const ok = await app.inject({ method: 'POST', url: `/api/me/member-claim/${m.id}/confirm`, headers: person.headers });
    expect(ok.json().state).toBe('claimed');
    const mine = (await app.inject({ method: 'GET', url: '/api/me/checkin', headers: person.headers })).json();
    expect(mine.status).toBe('approved');
    const rows = await app.db
      .select()
      .from(checkins)
      .where(eq(checkins.approvedIdHash, app.pii.lookupHash(idNumber)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: person.userId });
    // the admin no longer edits a claimed record
    const edit = await app.inject({ method: 'PUT', url: `/api/orgs/${tree.branch.id}/entered-members/${m.id}`, headers: branchAdmin.headers, payload: entryBody({ idNumber }) });
    expect(edit.json().code).toBe('ENTERED_MEMBER_CLAIMED');
    // a second account proving the same ID finds nothing to claim
    const second = await memberUser(app);
    await app.inject({ method: 'POST', url: '/api/me/member-claim/verify', headers: second.headers, payload: { name: '认领人', idNumber } });
    await runDueJobs(app);
    expect((await claimState(second.headers)).state).toBe('noRecord');
    expect((await app.inject({ method: 'POST', url: `/api/me/member-claim/${m.id}/confirm`, headers: second.headers })).json().code).toBe('CLAIM_NOT_AVAILABLE');
  });

  it('claim: a failed real-name check binds nothing; 不是我 hides the record from this account', async () => {
    const m = (await enter(entryBody({ name: '失败者', idNumber: alwaysFails }))).json();
    const person = await memberUser(app);
    await app.inject({ method: 'POST', url: '/api/me/member-claim/verify', headers: person.headers, payload: { name: '失败者', idNumber: alwaysFails } });
    await runDueJobs(app);
    expect((await claimState(person.headers)).state).toBe('failed');
    expect((await app.inject({ method: 'POST', url: `/api/me/member-claim/${m.id}/confirm`, headers: person.headers })).json().code).toBe('CLAIM_NOT_AVAILABLE');
    // a few checks per account, no probing of IDs
    for (let i = 0; i < 4; i++) {
      await app.inject({ method: 'POST', url: '/api/me/member-claim/verify', headers: person.headers, payload: { name: '失败者', idNumber: alwaysFails } });
      await runDueJobs(app);
    }
    const sixth = await app.inject({ method: 'POST', url: '/api/me/member-claim/verify', headers: person.headers, payload: { name: '失败者', idNumber: alwaysFails } });
    expect(sixth.statusCode).toBe(429);
    const idNumber = makeIdNumber('2002-04-04');
    const other = (await enter(entryBody({ name: '不是我', idNumber }))).json();
    const p2 = await memberUser(app);
    await app.inject({ method: 'POST', url: '/api/me/member-claim/verify', headers: p2.headers, payload: { name: '不是我', idNumber } });
    await runDueJobs(app);
    const declined = await app.inject({ method: 'POST', url: `/api/me/member-claim/${other.id}/decline`, headers: p2.headers });
    expect(declined.json().state).toBe('noRecord');
    const [row] = await app.db
      .select()
      .from(checkins)
      .where(eq(checkins.id, Number(other.id)));
    expect(row.claimedAt).toBeNull();
  });

  it('B2/B4: members who left are not offered to transfer or registration, and cannot edit their check-in', async () => {
    const stays = await insertApprovedMember(app, tree.branch.id, '仍在团');
    const leaves = await insertApprovedMember(app, tree.branch.id, '已离团');
    await app.db.update(checkins).set({ membershipStatus: 'agedOut' }).where(eq(checkins.id, leaves.checkinId));
    const picker = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/transfers/members?branchId=${tree.branch.id}`, headers: branchAdmin.headers })).json();
    const ids = picker.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(String(stays.checkinId));
    expect(ids).not.toContain(String(leaves.checkinId));
    const population = (await branchMembers(app.db, tree.branch.id)).map((r) => r.checkinId);
    expect(population).toContain(stays.checkinId);
    expect(population).not.toContain(leaves.checkinId);
    const headers = { authorization: `Bearer ${app.jwt.sign({ sub: String(leaves.userId) })}` };
    const edit = await app.inject({ method: 'PUT', url: '/api/me/checkin/steps/contact', headers, payload: certForm(tree.branch.id).contact });
    expect([edit.statusCode, edit.json().code]).toEqual([403, 'MEMBERSHIP_ENDED']);
  });

  it('B3: an emptied 毕业生团组织 whose members all left is deleted; their rows stay as history', async () => {
    const grad = await insertOrg(app, tree.grade, 'branch');
    await app.db.update(orgs).set({ branchCategory: 'graduate', graduationConvertedAt: new Date(), graduationMonth: '2024-06' }).where(eq(orgs.id, grad.id));
    const gone = await insertApprovedMember(app, grad.id, '已离开');
    await app.db.update(checkins).set({ membershipStatus: 'agedOut' }).where(eq(checkins.id, gone.checkinId));
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    const res = await app.inject({ method: 'DELETE', url: `/api/orgs/${tree.grade.id}/graduation/branches/${grad.id}`, headers: gradeAdmin.headers });
    expect(res.statusCode).toBe(204);
    expect(await app.db.select().from(orgs).where(eq(orgs.id, grad.id))).toHaveLength(0);
    const [kept] = await app.db.select().from(checkins).where(eq(checkins.id, gone.checkinId));
    expect(kept).toMatchObject({ branchId: grad.id, membershipStatus: 'agedOut' });
  });

  it('B5: the 入团年月 and birth date the counts and the 28-year job read are indexed generated columns', async () => {
    const [idx] = (await app.db.execute(`show index from checkins where Key_name in ('checkins_joined_at_idx', 'checkins_age_out_idx')`)) as unknown as [unknown[]];
    expect(idx.length).toBe(3);
    const [plan] = (await app.db.execute(`explain select count(*) from checkins force index (checkins_joined_at_idx) where approved_joined_at >= '2020-01'`)) as unknown as [
      { key: string | null }[],
    ];
    expect(plan[0]?.key).toBe('checkins_joined_at_idx');
  });
});
