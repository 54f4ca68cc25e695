import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { App } from '../src/app';
import type { ExternalSystemSimulator } from '../src/adapters/external-system/simulator';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { checkins, inboundTransfers, orgs, transfers, uploads } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { trackCheckinChange } from '../src/modules/stats/counters';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { PNG_1X1, certForm, fileUpload, insertApprovedMember, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

/** Issue 15 items 8–15: transfers as seeds 003 and 004 §二(三) describe them. */
const DAY = 24 * 3600 * 1000;
const SECRET = 'fujian-test-secret';
type Headers = { headers: Record<string, string> };
type Member = Awaited<ReturnType<typeof insertApprovedMember>>;

describe('transfers per seeds 003 / 004 (issue 15 items 8–15)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const clock = manualClock(new Date('2026-10-08T01:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let branch2: Awaited<ReturnType<typeof insertOrg>>;
  let pool: Awaited<ReturnType<typeof insertOrg>>;
  let transit: Awaited<ReturnType<typeof insertOrg>>;
  let op1: Headers & { userId: number };
  let gradeAdmin: Headers & { userId: number };
  let provinceAdmin: Headers & { userId: number };

  const inject = (method: 'GET' | 'POST', url: string, who: Headers, payload?: object) => app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const sim = () => app.externalSystem as ExternalSystemSimulator;
  const transferRow = async (id: string | number) =>
    (
      await app.db
        .select()
        .from(transfers)
        .where(eq(transfers.id, Number(id)))
    )[0];
  const checkinOf = async (m: { checkinId: number }) => (await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId)))[0];

  async function smsCode(phone: string) {
    clock.advance(13 * 60_000);
    const res = await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'transfer' } });
    expect(res.statusCode).toBe(200);
    return (app.sms as SmsSimulator).lastCode(phone)!;
  }
  async function upload(who: Headers, data: Buffer = PNG_1X1) {
    const f = fileUpload(data);
    const res = await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...who.headers, ...f.headers }, payload: f.payload });
    expect(res.statusCode).toBe(201);
    return res.json<{ fileId: string; mime: string; size: number }>();
  }
  async function apply(m: Member, over: object = {}, data?: Buffer) {
    const file = await upload(m, data);
    return inject('POST', '/api/me/transfers', m, {
      direction: 'inProvince',
      destinationOrgId: String(branch2.id),
      contact: '13800001111',
      reason: 'employed',
      remarks: '到新单位工作',
      attachments: [{ fileId: file.fileId, mime: file.mime, size: file.size }],
      smsCode: await smsCode(m.phone),
      ...over,
    });
  }
  const out = (region: string, orgId: string, name?: string) => ({ direction: 'outOfProvince', destinationRegion: region, destinationOrgId: orgId, destinationOrgName: name });

  beforeAll(async () => {
    db = await privateDatabase('tj_test_xfer15');
    app = await buildTestApp(
      {
        databaseUrl: db.databaseUrl,
        // the test moves the clock by months: tokens must outlive it
        accessTokenTtlSeconds: 400 * 24 * 3600,
        rateLimitLoginPerMinute: 10_000,
        externalSimMode: 'confirm',
        externalSimDelaySeconds: 3600,
        externalPollIntervalSeconds: 3600,
        externalInboundSecrets: { fujian: SECRET },
      },
      { clock },
    );
    tree = await orgTree(app);
    branch2 = await insertOrg(app, tree.grade, 'branch');
    pool = await insertOrg(app, tree.province, 'branch', '特殊单位专属库');
    transit = await insertOrg(app, tree.province, 'branch', '广东省临时中转团组织');
    await app.db.update(orgs).set({ transferRole: 'specialUnitPool' }).where(eq(orgs.id, pool.id));
    await app.db.update(orgs).set({ transferRole: 'transit' }).where(eq(orgs.id, transit.id));
    op1 = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    await onboardedCadre(app, branch2.id, { isOperator: true });
    gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    await onboardedCadre(app, tree.school.id, { isAdmin: true });
    provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  // Completes an out-of-province transfer through the simulator (approve → submit → confirm).
  async function completeOut(m: Member, region = '35', orgName = '福州大学计算机学院团支部') {
    const res = await apply(m, out(region, 'FJ-1', orgName));
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await inject('POST', `/api/orgs/${tree.branch.id}/transfers/${id}/review`, op1, { action: 'approve' })).statusCode).toBe(200);
    await runDueJobs(app);
    clock.advance(3600_000 + 1000);
    await runDueJobs(app);
    expect((await transferRow(id)).status).toBe('completed');
    return id as string;
  }

  it('item 8 — 已转出 is a state of its own, shown with the destination; no re-check-in (003 一5 跨省转出流程结束)', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '林转出');
    const id = await completeOut(m);
    const c = await checkinOf(m);
    expect(c.status).toBe('transferredOut');
    expect(c.approvedIdHash).toBeNull();
    const me = (await inject('GET', '/api/me/checkin', m)).json();
    expect(me.status).toBe('transferredOut');
    expect(me.transferredOut).toMatchObject({
      state: 'transferredOut',
      destinationRegion: '35',
      destinationRegionLabel: '福建',
      destinationOrgName: '福州大学计算机学院团支部',
      transferId: id,
    });
    const again = await inject('POST', '/api/me/checkin/submit', m);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CHECKIN_TRANSFERRED_OUT');
    expect((await checkinOf(m)).status).toBe('transferredOut');
  });

  it('item 9 — the org that started a transfer may withdraw it (004 §二(三)3 (2.2)(i) 发起方可随时撤销)', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '周撤销');
    const res = await inject('POST', `/api/orgs/${tree.grade.id}/transfers/out`, gradeAdmin, { memberIds: [String(m.checkinId)], destinationOrgId: String(branch2.id), reason: 'employed' });
    expect(res.statusCode).toBe(201);
    const id = res.json().items[0].id;
    const detail = (await inject('GET', `/api/orgs/${tree.grade.id}/transfers/${id}`, gradeAdmin)).json();
    expect(detail.canWithdrawAsInitiator).toBe(true);
    // Not the initiator: the receiving branch may only approve or return it.
    const otherAdmin = await onboardedCadre(app, branch2.id, { isAdmin: true });
    let w = await inject('POST', `/api/orgs/${branch2.id}/transfers/${id}/withdraw`, otherAdmin, { reason: '不是我发起的' });
    expect(w.json().code).toBe('TRANSFER_NOT_INITIATOR');
    w = await inject('POST', `/api/orgs/${tree.grade.id}/transfers/${id}/withdraw`, gradeAdmin, { reason: '' });
    expect(w.statusCode).toBe(400);
    // pendingIn (past the member's own withdrawal window): the initiator still may.
    expect((await transferRow(id)).status).toBe('pendingIn');
    w = await inject('POST', `/api/orgs/${tree.grade.id}/transfers/${id}/withdraw`, gradeAdmin, { reason: '去向有变' });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', returnReason: '去向有变', canWithdrawAsInitiator: false });
    expect((await transferRow(id)).openUserId).toBeNull();
    w = await inject('POST', `/api/orgs/${tree.grade.id}/transfers/${id}/withdraw`, gradeAdmin, { reason: '再撤一次' });
    expect(w.json().code).toBe('TRANSFER_ORG_NOT_WITHDRAWABLE');
    // A member's own application has no initiating org to withdraw it.
    const own = (await apply(m)).json().id;
    w = await inject('POST', `/api/orgs/${tree.branch.id}/transfers/${own}/withdraw`, await onboardedCadre(app, tree.branch.id, { isAdmin: true }), { reason: 'x' });
    expect(w.json().code).toBe('TRANSFER_NOT_INITIATOR');
    await inject('POST', `/api/me/transfers/${own}/withdraw`, m, { reason: '不转了' });
  });

  it('item 10 — 学社衔接 season: not returned before 9月1日, then 10 days (004 §二(三)3 (2.2)(i) 暂不作强制性处理)', async () => {
    // Outside the season (2027-04-30 23:53 in China): the plain 10 days.
    clock.set(new Date('2027-04-30T15:40:00Z')); // +13 min for the SMS code: still 04-30 in China
    const m2 = await insertApprovedMember(app, tree.branch.id, '郑春季');
    const id2 = (await apply(m2)).json().id;
    const r2 = await transferRow(id2);
    expect(r2.stepDeadline!.getTime() - r2.stepSince!.getTime()).toBe(10 * DAY);
    await inject('POST', `/api/me/transfers/${id2}/withdraw`, m2, { reason: '不转了' });

    clock.set(new Date('2027-08-31T15:40:00Z')); // applied 2027-08-31 23:53 in China: still the season
    const m = await insertApprovedMember(app, tree.branch.id, '吴衔接');
    const id = (await apply(m)).json().id;
    const row = await transferRow(id);
    expect(row.stepDeadline).toEqual(new Date('2027-09-10T16:00:00Z')); // 9月1日 00:00 +10 days, China time
    clock.set(new Date('2027-09-10T15:59:00Z'));
    await runDueJobs(app);
    expect((await transferRow(id)).status).toBe('pendingOut');
    clock.set(new Date('2027-09-10T16:00:01Z'));
    await runDueJobs(app);
    expect((await transferRow(id)).status).toBe('expired');
  });

  it('item 11 — enlisted: the special-unit pool, approved by the provincial committee in 15 days (004 §二(三)6(4))', async () => {
    clock.set(new Date('2027-10-08T01:00:00Z'));
    const m = await insertApprovedMember(app, tree.branch.id, '陈入伍');
    const wrong = await apply(m, { destinationOrgId: String(pool.id), reason: 'employed' });
    expect(wrong.json()).toMatchObject({ code: 'TRANSFER_SPECIAL_POOL_REASON', field: 'reason' });
    const res = await apply(m, { destinationOrgId: String(pool.id), reason: 'enlisted' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect((await inject('POST', `/api/orgs/${tree.branch.id}/transfers/${id}/review`, op1, { action: 'approve' })).statusCode).toBe(200);
    const row = await transferRow(id);
    expect(row.status).toBe('pendingIn');
    expect(row.stepOrgId).toBe(pool.id);
    expect(row.stepDeadline!.getTime() - row.stepSince!.getTime()).toBe(15 * DAY);
    // Day 11: a 10-day step would be gone, this one waits for the province.
    clock.advance(11 * DAY);
    await runDueJobs(app);
    expect((await transferRow(id)).status).toBe('pendingIn');
    const list = (await inject('GET', `/api/orgs/${tree.province.id}/transfers?box=waiting`, provinceAdmin)).json();
    expect(list.items.find((t: { id: string }) => t.id === id)).toMatchObject({ actionable: 'in' });
    const ok = await inject('POST', `/api/orgs/${tree.province.id}/transfers/${id}/review`, provinceAdmin, { action: 'approve' });
    expect(ok.json()).toMatchObject({ status: 'completed' });
    expect((await checkinOf(m)).branchId).toBe(pool.id);
  });

  it('item 12 — a member who does not know the branch transfers to the destination’s 临时中转团组织 (003 五2)', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '黄中转');
    const res = await apply(m, out('35', 'transit'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ destinationSystem: 'fujian', destinationOrgName: '福建临时中转团组织' });
    expect((await transferRow(res.json().id)).destinationOrgRef).toBe('TRANSIT-35');
    await inject('POST', `/api/me/transfers/${res.json().id}/withdraw`, m, { reason: '已知道团支部' });
  });

  it('item 13 — attachments: 福建 5M, 北京 10M, the rest 2M; stored images carry the watermark (003)', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '何附件');
    const big = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const three = Buffer.concat([big, Buffer.alloc(3 * 1024 * 1024 - big.length)]); // a PNG of ~3 MB (trailing bytes)
    let res = await apply(m, out('12', 'TJ-1', '天津某团支部'), three);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', field: 'attachments.0.size', message: '图片大小限定为2M' });
    // The size the client claims is checked again against the stored upload.
    const lying = await apply(m, { ...out('12', 'TJ-1', '天津某团支部'), attachments: [{ ...(await upload(m, three)), size: 1000 }] });
    expect(lying.json()).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', field: 'attachments.0' });
    res = await apply(m, out('35', 'FJ-2', '福州某团支部'), three);
    expect(res.statusCode).toBe(201);
    const t = res.json();
    const [u] = await app.db
      .select()
      .from(uploads)
      .where(eq(uploads.id, Number(t.attachmentIds[0])));
    expect(u.watermarked).toBe(true);
    const stored = await app.storage.get(u.storageKey);
    const meta = await sharp(stored!).metadata();
    expect([meta.width, meta.height]).toEqual([600, 400]);
    // Once white, now stamped: some pixels are no longer white.
    const { data } = await sharp(stored!).raw().toBuffer({ resolveWithObject: true });
    expect(data.some((v) => v < 200)).toBe(true);
    // item 14 — what to do next: 福建 "需要十天内在福建系统上报道" (003 二6)
    expect(t.nextSteps).toMatchObject({ system: 'fujian', days: 10 });
    expect(t.nextSteps.headline).toContain('10天内');
    expect(t.nextSteps.steps.join()).toContain('福建共青团');
    await inject('POST', `/api/me/transfers/${t.id}/withdraw`, m, { reason: '不转了' });
  });

  it('item 14 — 北京: 须在9日内完成注册登录 (003 三6), shown in the progress too', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '刘北京');
    const t = (await apply(m, out('11', 'BJ-1', '北京某公司团支部'))).json();
    expect(t.nextSteps).toMatchObject({ system: 'beijing', days: 9 });
    const cur = (await inject('GET', '/api/me/transfers/current', m)).json().transfer;
    expect(cur.nextSteps.headline).toContain('9日内');
    const inProvince = (await apply(await insertApprovedMember(app, tree.branch.id, '省内'), {})).json();
    expect(inProvince.nextSteps).toBeNull();
    await inject('POST', `/api/me/transfers/${t.id}/withdraw`, m, { reason: '不转了' });
  });

  describe('item 15 — into Guangdong from other systems (003 §四 广东系统将在十天内将“报到成功”的结果反馈省外系统)', () => {
    const send = (body: object, secret = SECRET, system: 'fujian' | 'beijing' = 'fujian') => {
      const r = sim().inboundRequest(system, secret, body);
      return app.inject({ method: 'POST', url: '/api/inbound/transfers', headers: r.headers, payload: r.payload });
    };

    it('signed, idempotent by their transfer id; 报到成功 is reported back once the check-in is approved', async () => {
      const idNumber = makeIdNumber('2003-05-06');
      const body = { transferId: 'FJ-T-1001', member: { name: '郭回粤', idNumber }, toBranchId: String(tree.branch.id), fromOrgName: '福州大学团委', reason: 'employed' };
      expect((await send(body, 'wrong-secret')).json().code).toBe('TRANSFER_INBOUND_SIGNATURE');
      expect((await send(body, SECRET, 'beijing')).statusCode).toBe(401); // no secret configured for beijing
      const tampered = sim().inboundRequest('fujian', SECRET, body);
      const bad = await app.inject({ method: 'POST', url: '/api/inbound/transfers', headers: tampered.headers, payload: tampered.payload.replace('郭回粤', '郭冒名') });
      expect(bad.statusCode).toBe(401);

      let res = await send(body);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'awaitingCheckin', duplicate: false });
      res = await send(body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ duplicate: true });
      expect((await send({ ...body, toBranchId: String(branch2.id) })).json().code).toBe('TRANSFER_INBOUND_CONFLICT');
      expect(await app.db.select().from(inboundTransfers).where(eq(inboundTransfers.externalTransferId, 'FJ-T-1001'))).toHaveLength(1);

      // The member checks in at the branch (003 §四 3: 十个自然日内…进行团员报到); the operator approves.
      const u = await memberUser(app, '郭回粤');
      const form = certForm(tree.branch.id, { idNumber, name: '郭回粤' });
      const { idNumber: _x, ...identity } = form.identity;
      const data = { ...identity, ...form.league, ...form.contact, ...form.optional, gender: 'female', birthDate: '2003-05-06' };
      const [ins] = await app.db.insert(checkins).values({
        userId: u.userId,
        branchId: tree.branch.id,
        status: 'submitted',
        savedSteps: 4,
        draft: data,
        idEnc: app.pii.encrypt(idNumber),
        idHash: app.pii.lookupHash(idNumber),
        realNameStatus: 'passed',
        submittedAt: clock.now(),
      });
      await trackCheckinChange(app.db, undefined, { branchId: tree.branch.id, status: 'submitted', approvedData: null });
      const approve = await inject('POST', `/api/orgs/${tree.branch.id}/checkins/${Number(ins.insertId)}/review`, op1, { action: 'approve' });
      expect(approve.statusCode).toBe(200);
      expect(sim().reports).toHaveLength(0);
      await runDueJobs(app);
      expect(sim().reports).toEqual([expect.objectContaining({ system: 'fujian', transferId: 'FJ-T-1001' })]);
      const [row] = await app.db.select().from(inboundTransfers).where(eq(inboundTransfers.externalTransferId, 'FJ-T-1001'));
      expect(row.status).toBe('reported');
      expect((await send(body)).json()).toMatchObject({ status: 'reported', duplicate: true });
    });

    it('without a branch the member goes to the province’s 临时中转团组织 (003 五2); a 已转出 member returns by this transfer in (item 8)', async () => {
      const m = await insertApprovedMember(app, tree.branch.id, '罗往返');
      await completeOut(m);
      const res = await send({ transferId: 'FJ-T-2002', member: { name: '罗往返', idNumber: m.idNumber }, reason: 'jobTransfer' });
      expect(res.statusCode).toBe(201);
      expect(res.json().toBranchName).toBe(transit.fullName);
      const c = await checkinOf(m);
      expect(c).toMatchObject({ status: 'submitted', branchId: transit.id });
      const transitOp = await onboardedCadre(app, transit.id, { isOperator: true });
      expect((await inject('POST', `/api/orgs/${transit.id}/checkins/${m.checkinId}/review`, transitOp, { action: 'approve' })).statusCode).toBe(200);
      expect((await checkinOf(m)).status).toBe('approved');
      await runDueJobs(app);
      expect(sim().reports.map((r) => r.transferId)).toContain('FJ-T-2002');
    });

    it('refuses a destination that is not a branch, and bad bodies with a code', async () => {
      let res = await send({ transferId: 'FJ-T-3003', member: { name: '赵某某', idNumber: makeIdNumber() }, toBranchId: String(tree.grade.id), reason: 'employed' });
      expect(res.json()).toMatchObject({ code: 'TRANSFER_DESTINATION_NOT_BRANCH', field: 'toBranchId' });
      res = await send({ transferId: '', member: { name: '赵某某', idNumber: '123' }, reason: 'nope' });
      expect(res.statusCode).toBe(400);
    });
  });
});
