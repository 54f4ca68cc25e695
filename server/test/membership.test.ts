import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, branchStats, checkins, rosterEntries } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { scheduleAgeOut } from '../src/modules/membership/jobs';
import { rebuildBranchStats } from '../src/modules/stats/counters';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { insertApprovedMember, insertOrg, makeIdNumber, onboardedCadre } from './fixtures';

/** Issue 16 part 3: 团籍状态 [004 FAQ; §10]. Its own database: the daily job is global to its queue. */
describe('团籍状态 (membership status)', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const apps: App[] = [];
  const clock = manualClock(new Date('2026-05-20T02:00:00Z'));
  let app: App;
  const build = async () => {
    const a = await buildTestApp({ databaseUrl: db.databaseUrl, accessTokenTtlSeconds: 400 * 24 * 3600 }, { clock });
    apps.push(a);
    return a;
  };
  beforeAll(async () => {
    db = await privateDatabase('tj_test_membership');
    app = await build();
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
    await db.drop();
  });

  async function tree() {
    const city = await insertOrg(app, null, 'leadingOrgan');
    const committee = await insertOrg(app, city, 'grassrootsCommittee');
    const branch = await insertOrg(app, committee, 'branch');
    return {
      committee,
      branch,
      committeeAdmin: (await onboardedCadre(app, committee.id, { isAdmin: true })).headers,
      branchAdmin: (await onboardedCadre(app, branch.id, { isAdmin: true })).headers,
    };
  }
  const approvedCount = async (branchId: number) =>
    ((await app.db.select().from(branchStats).where(eq(branchStats.branchId, branchId)))[0] as Record<string, unknown> | undefined)?.st_approved as number | undefined;
  const statusOf = async (id: number) => (await app.db.select().from(checkins).where(eq(checkins.id, id)))[0]?.membershipStatus;

  it('自愿退团 / 开除团籍 / 自行脱团 need a reason and the superior’s approval; the member is kept but leaves lists and statistics', async () => {
    const t = await tree();
    const m = await insertApprovedMember(app, t.branch.id, '退团甲');
    expect(await approvedCount(t.branch.id)).toBe(1);
    const ask = (payload: object) => app.inject({ method: 'POST', url: `/api/orgs/${t.branch.id}/membership/members/${m.checkinId}/exit`, headers: t.branchAdmin, payload });
    const noReason = await ask({ kind: 'resigned', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('MEMBERSHIP_REASON_REQUIRED');
    expect((await ask({ kind: 'agedOut', reason: 'x' })).json().code).toBe('OPTION_INVALID');
    expect((await ask({ kind: 'resigned', reason: '本人书面申请' })).statusCode).toBe(204);
    expect((await ask({ kind: 'lapsed', reason: '再次申请' })).json().code).toBe('MEMBERSHIP_REQUEST_PENDING');
    expect(await statusOf(m.checkinId)).toBe('normal');

    const list = (await app.inject({ method: 'GET', url: `/api/orgs/${t.branch.id}/membership/requests`, headers: t.branchAdmin })).json();
    const id = list.items[0].id;
    expect(list.items[0]).toMatchObject({ memberName: '退团甲', kind: 'resigned', status: 'pending', decidable: false });
    // the branch cannot approve its own request
    const self = await app.inject({ method: 'POST', url: `/api/orgs/${t.branch.id}/membership/requests/${id}/decision`, headers: t.branchAdmin, payload: { approve: true } });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('MEMBERSHIP_APPROVER_NOT_SUPERIOR');
    const sup = (await app.inject({ method: 'GET', url: `/api/orgs/${t.committee.id}/membership/requests`, headers: t.committeeAdmin })).json();
    expect(sup.items[0]).toMatchObject({ id, decidable: true });
    const ok = await app.inject({ method: 'POST', url: `/api/orgs/${t.committee.id}/membership/requests/${id}/decision`, headers: t.committeeAdmin, payload: { approve: true } });
    expect(ok.statusCode).toBe(204);
    expect(await statusOf(m.checkinId)).toBe('resigned');
    const again = await app.inject({ method: 'POST', url: `/api/orgs/${t.committee.id}/membership/requests/${id}/decision`, headers: t.committeeAdmin, payload: { approve: true } });
    expect(again.json().code).toBe('MEMBERSHIP_REQUEST_NOT_PENDING');

    // statistics and lists exclude them; the former list keeps them; nothing deleted
    expect(await approvedCount(t.branch.id)).toBe(0);
    const before = await app.db.select().from(branchStats).where(eq(branchStats.branchId, t.branch.id));
    await rebuildBranchStats(app.db, [t.branch.id]); // the live counters agree with a rebuild
    expect(await app.db.select().from(branchStats).where(eq(branchStats.branchId, t.branch.id))).toEqual(before);
    const members = (await app.inject({ method: 'GET', url: `/api/orgs/${t.committee.id}/members`, headers: t.committeeAdmin })).json();
    expect(members.items).toHaveLength(0);
    const former = (await app.inject({ method: 'GET', url: `/api/orgs/${t.committee.id}/membership/former`, headers: t.committeeAdmin })).json();
    expect(former.items).toEqual([expect.objectContaining({ name: '退团甲', membershipStatus: 'resigned' })]);

    // the member sees only 认证资料
    const home = await app.inject({ method: 'GET', url: '/api/me/home', headers: m.headers });
    expect(home.statusCode).toBe(200);
    expect(home.json()).toMatchObject({ membershipStatus: 'resigned', profile: expect.any(Object) });
    const transfer = await app.inject({ method: 'POST', url: '/api/me/transfers', headers: m.headers, payload: {} });
    expect(transfer.statusCode).toBe(403);
    expect(transfer.json().code).toBe('MEMBERSHIP_ENDED');
    expect((await ask({ kind: 'expelled', reason: '违纪' })).json().code).toBe('MEMBERSHIP_NOT_NORMAL');
  });

  it('不同意 needs a reason and leaves the member as they were', async () => {
    const t = await tree();
    const m = await insertApprovedMember(app, t.branch.id);
    await app.inject({ method: 'POST', url: `/api/orgs/${t.branch.id}/membership/members/${m.checkinId}/exit`, headers: t.branchAdmin, payload: { kind: 'expelled', reason: '严重违纪' } });
    const [req] = (await app.inject({ method: 'GET', url: `/api/orgs/${t.committee.id}/membership/requests`, headers: t.committeeAdmin })).json().items;
    const bare = await app.inject({ method: 'POST', url: `/api/orgs/${t.committee.id}/membership/requests/${req.id}/decision`, headers: t.committeeAdmin, payload: { approve: false } });
    expect(bare.json().code).toBe('MEMBERSHIP_REASON_REQUIRED');
    const no = await app.inject({
      method: 'POST',
      url: `/api/orgs/${t.committee.id}/membership/requests/${req.id}/decision`,
      headers: t.committeeAdmin,
      payload: { approve: false, reason: '证据不足' },
    });
    expect(no.statusCode).toBe(204);
    expect(await statusOf(m.checkinId)).toBe('normal');
    const [after] = (await app.inject({ method: 'GET', url: `/api/orgs/${t.committee.id}/membership/requests`, headers: t.committeeAdmin })).json().items;
    expect(after).toMatchObject({ status: 'rejected', decisionReason: '证据不足' });
  });

  /** 004 FAQ: 年满二十八周岁，没有在团内担任职务，不再保留团籍. */
  it('the daily job takes members out on their 28th birthday (UTC+8), not the day before, never one with a position, across a restart', async () => {
    const t = await tree();
    const born = async (name: string, birthDate: string) => {
      const m = await insertApprovedMember(app, t.branch.id, name);
      const [row] = await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId));
      await app.db
        .update(checkins)
        .set({ approvedData: { ...(row.approvedData as object), birthDate } })
        .where(eq(checkins.id, m.checkinId));
      return m;
    };
    const plain = await born('满龄甲', '1998-06-02');
    const cadre = await born('满龄团干', '1998-06-02');
    const young = await born('未满乙', '1998-06-03');
    const idNumber = makeIdNumber('1998-06-02');
    await app.db.insert(rosterEntries).values({
      orgId: t.branch.id,
      name: '满龄团干',
      idEnc: app.pii.encrypt(idNumber),
      idHash: app.pii.lookupHash(idNumber),
      phone: '13700000000',
      position: 'secretary',
      isAdmin: false,
      isOperator: false,
      userId: cadre.userId,
    });
    await rebuildBranchStats(app.db, [t.branch.id]);
    await scheduleAgeOut(app.db, '2026-06-01');

    clock.advance(Date.parse('2026-06-01T12:00:00Z') - clock.now().getTime()); // 20:00 on 6 月 1 日 in China
    await runDueJobs(app);
    expect(await statusOf(plain.checkinId)).toBe('normal');

    await app.close();
    app = await build(); // the next day's occurrence survives the restart
    clock.advance(Date.parse('2026-06-01T16:00:00Z') - clock.now().getTime()); // 00:00 on 6 月 2 日 in China
    await runDueJobs(app);
    expect(await statusOf(plain.checkinId)).toBe('agedOut');
    expect(await statusOf(cadre.checkinId)).toBe('normal');
    expect(await statusOf(young.checkinId)).toBe('normal');
    expect(await approvedCount(t.branch.id)).toBe(2);
    expect(
      await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'membership.ageOut'), eq(auditLogs.targetId, String(plain.checkinId)))),
    ).toHaveLength(1);

    clock.advance(86_400_000);
    await runDueJobs(app);
    expect(await statusOf(young.checkinId)).toBe('agedOut');
    expect(await approvedCount(t.branch.id)).toBe(1);
  });
});
