import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { maskMobile } from '@tj/shared';
import { adminCodes, branchStats, checkins, jobs, memberArchives, membershipHistory, orgs, statsReconcileRuns } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { JOB_STATS_RECONCILE, scheduleReconcile } from '../src/modules/stats/reconcile';
import { trackCheckinChange } from '../src/modules/stats/counters';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { insertApprovedMember, insertOrg, onboardedCadre, orgTree } from './fixtures';

/**
 * Issue 17 part 4: the statistics page (GET /orgs/:orgId/stats/overview, stats.xlsx), the
 * sliding birth-year window, the reconcile job, and 录入进度 (progress/entry, progress.xlsx,
 * progress/summary) — exact figures on a small tree.
 */
describe('statistics page and entry progress', () => {
  const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;
  let emptyBranch: Awaited<ReturnType<typeof insertOrg>>;
  let schoolAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  let branchCadre: Awaited<ReturnType<typeof onboardedCadre>>;

  const get = async (url: string, who: { headers: object } = schoolAdmin) => app.inject({ method: 'GET', url: `/api${url}`, headers: who.headers as Record<string, string> });
  const json = async (url: string, who?: { headers: object }) => {
    const res = await get(url, who);
    expect({ url, code: res.statusCode }).toEqual({ url, code: 200 });
    return res.json();
  };
  const byKey = (list: { key: string; count: number }[]) => Object.fromEntries(list.map((x) => [x.key, x.count]));
  const workbook = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };

  /** An approved member with the data given, through the live counter path. */
  async function member(branchId: number, data: Record<string, unknown>, opts: { certified?: boolean; exit?: 'resigned' } = {}) {
    const m = await insertApprovedMember(app, branchId);
    const [row] = await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId));
    const approvedData = { ...(row.approvedData as Record<string, unknown>), ...data };
    await app.db.update(checkins).set({ approvedData }).where(eq(checkins.id, m.checkinId));
    await trackCheckinChange(app.db, { branchId, status: 'approved', approvedData: row.approvedData as Record<string, unknown> }, { approvedData });
    if (opts.certified) {
      const now = clock.now();
      await app.db.insert(memberArchives).values({ checkinId: m.checkinId, status: 'certified', fileId: 1, uploadedBy: m.userId, uploadedByOrgId: branchId, uploadedAt: now });
    }
    if (opts.exit) {
      await app.db.update(checkins).set({ membershipStatus: opts.exit }).where(eq(checkins.id, m.checkinId));
      await trackCheckinChange(app.db, { branchId, status: 'approved', approvedData }, { membershipStatus: opts.exit });
    }
    return m;
  }

  beforeAll(async () => {
    db = await privateDatabase('tj_test_stats_page');
    app = await buildTestApp({ databaseUrl: db.databaseUrl, accessTokenTtlSeconds: 40 * 365 * 24 * 3600 }, { clock });
    tree = await orgTree(app);
    otherBranch = await insertOrg(app, tree.school, 'branch');
    emptyBranch = await insertOrg(app, tree.grade, 'branch');
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    branchCadre = await onboardedCadre(app, tree.branch.id, { isAdmin: true });

    // tree.branch: m1 (2021 join, certified), m2 (this year's join, certified), m3 (this year, not certified),
    // m4 (certified but left: excluded everywhere); otherBranch: m5 (joined 2019, needs no archive)
    await member(tree.branch.id, { gender: 'male', birthDate: '2004-05-01', ethnicity: '01', highestEducation: 'bachelor', joinedAt: '2021-05' }, { certified: true });
    await member(tree.branch.id, { gender: 'female', birthDate: '2010-02-01', ethnicity: '08', highestEducation: 'juniorHigh', joinedAt: '2026-03' }, { certified: true });
    await member(tree.branch.id, { gender: 'female', birthDate: '2011-02-01', ethnicity: '01', highestEducation: 'juniorHigh', joinedAt: '2026-04' });
    await member(tree.branch.id, { gender: 'male', birthDate: '2001-02-01', ethnicity: '03', highestEducation: 'master', joinedAt: '2021-05' }, { certified: true, exit: 'resigned' });
    await member(otherBranch.id, { gender: 'male', birthDate: '1999-02-01', ethnicity: '01', highestEducation: 'bachelor', joinedAt: '2019-05' });
    // transfers: otherBranch → tree.branch this year (inside the school: neither in nor out there),
    // tree.branch → another League system this year (out), one out of otherBranch last year
    const [c] = await app.db.select().from(checkins).limit(1);
    const at = (iso: string) => new Date(iso);
    await app.db.insert(membershipHistory).values([
      { checkinId: c.id, userId: c.userId, orgId: tree.branch.id, event: 'in', transferId: 1, at: at('2026-02-01T00:00:00Z') },
      { checkinId: c.id, userId: c.userId, orgId: otherBranch.id, event: 'out', transferId: 1, at: at('2026-02-01T00:00:00Z') },
      { checkinId: c.id, userId: c.userId, orgId: otherBranch.id, event: 'out', transferId: 2, at: at('2025-12-31T15:59:00Z') },
      { checkinId: c.id, userId: c.userId, orgId: tree.branch.id, event: 'out', transferId: 3, at: at('2026-06-01T00:00:00Z') },
    ]);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('counts members by every dimension, certified new members and transfers, leavers excluded', async () => {
    const s = await json(`/orgs/${tree.school.id}/stats/overview`);
    expect(s.year).toBe(2026);
    expect(s.members).toBe(4);
    expect(byKey(s.gender)).toEqual({ male: 2, female: 2 });
    expect(byKey(s.ageBands)).toEqual({ under14: 0, '14to17': 2, '18to22': 1, '23to25': 0, '26to28': 1, over28: 0 });
    expect(byKey(s.ethnicity)).toEqual({ '01': 3, '08': 1 });
    expect(byKey(s.education)).toMatchObject({ bachelor: 2, juniorHigh: 2, master: 0 });
    expect(byKey(s.checkins)).toMatchObject({ approved: 4 });
    // 2021: m1; 2026: m2 (m3 is not certified, m4 left, m5 joined before 2020)
    expect(byKey(s.newMembers)).toEqual({ '2021': 1, '2022': 0, '2023': 0, '2024': 0, '2025': 0, '2026': 1 });
    expect(s.newMembersThisYear).toBe(1);
    // 2025-12-31T15:59Z is 23:59 on 31 Dec in China: last year
    expect(byKey(s.transfers)).toEqual({ in: 0, out: 1 });
    expect(s.children.map((c: { org: { id: string }; members: number; branches: number }) => [c.org.id, c.members, c.branches])).toEqual([
      [String(tree.grade.id), 3, 2],
      [String(otherBranch.id), 1, 1],
    ]);
    // drill-down: a sub-org's page; the province (unit rows) agrees with the school
    const grade = await json(`/orgs/${tree.grade.id}/stats/overview`);
    expect(grade.members).toBe(3);
    // the grade holds only tree.branch: the move in from otherBranch crosses its edge
    expect(byKey(grade.transfers)).toEqual({ in: 1, out: 1 });
    expect(byKey((await json(`/orgs/${otherBranch.id}/stats/overview`)).transfers)).toEqual({ in: 0, out: 1 });
    const province = await json(`/orgs/${tree.province.id}/stats/overview`, await onboardedCadre(app, tree.province.id));
    expect({ ...province, orgId: 0, children: 0, progress: 0 }).toEqual({ ...s, orgId: 0, children: 0, progress: 0 });
  });

  it('answers only cadres of the org or above', async () => {
    expect((await get(`/orgs/${tree.school.id}/stats/overview`, branchCadre)).statusCode).toBe(403);
    expect((await get(`/orgs/${tree.otherCity.id}/stats/overview`)).statusCode).toBe(403);
    expect((await get(`/orgs/${tree.school.id}/stats.xlsx`, branchCadre)).statusCode).toBe(403);
    expect((await get(`/orgs/${tree.branch.id}/stats/overview`, branchCadre)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/stats.xlsx` })).statusCode).toBe(401);
  });

  it('exports the tables as Excel', async () => {
    const wb = await workbook(`/orgs/${tree.school.id}/stats.xlsx`);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const main = rows('统计');
    expect(main).toContainEqual(['团员总数', 4]);
    expect(main).toContainEqual(['男', 2]);
    expect(main).toContainEqual(['2026年', 1]);
    expect(main).toContainEqual(['转入', 0]);
    expect(main).toContainEqual(['转出', 1]);
    expect(rows('下级组织').slice(1)).toEqual([
      [tree.grade.shortName, 3, 2],
      [otherBranch.shortName, 1, 1],
    ]);
  });

  it('shows entry progress per sub-org at any depth, with admin, code state and gaps', async () => {
    const future = new Date('2026-06-10T00:00:00Z');
    await app.db.insert(adminCodes).values([
      { orgId: otherBranch.id, codeHash: 'a'.repeat(64), codeEnc: app.pii.encrypt('ABCD1234'), issuedBy: schoolAdmin.userId, expiresAt: future },
      { orgId: tree.grade.id, codeHash: 'b'.repeat(64), codeEnc: app.pii.encrypt('ABCD5678'), issuedBy: schoolAdmin.userId, expiresAt: new Date('2026-05-01T00:00:00Z') },
    ]);
    const p = await json(`/orgs/${tree.school.id}/progress/entry`);
    const pick = (r: Record<string, unknown>) => {
      const { org: _o, infoComplete: _i, ...rest } = r;
      return rest;
    };
    expect(pick(p.total)).toEqual({
      adminName: '测试团干',
      adminPhone: maskMobile(schoolAdmin.phone),
      codeState: 'registered',
      members: 4,
      cadres: 2,
      branches: 3,
      emptyBranches: 1,
      branchesWithoutCadres: 2,
      orgs: 5,
      hasSubOrgs: true,
    });
    expect(p.rows.map((r: { org: { id: string } }) => r.org.id)).toEqual([String(tree.grade.id), String(otherBranch.id)]);
    expect(pick(p.rows[0])).toEqual({
      adminName: null,
      adminPhone: null,
      codeState: 'codeExpired',
      members: 3,
      cadres: 1,
      branches: 2,
      emptyBranches: 1,
      branchesWithoutCadres: 1,
      orgs: 3,
      hasSubOrgs: true,
    });
    expect(pick(p.rows[1])).toEqual({
      adminName: null,
      adminPhone: null,
      codeState: 'codeValid',
      members: 1,
      cadres: 0,
      branches: 1,
      emptyBranches: 0,
      branchesWithoutCadres: 1,
      orgs: 1,
      hasSubOrgs: false,
    });
    expect(p.rows[0].adminPhone ?? '').not.toContain(branchCadre.phone);

    // drill-down two levels below the school admin's org
    const grade = await json(`/orgs/${tree.grade.id}/progress/entry`);
    expect(grade.rows.map((r: { org: { id: string }; members: number; codeState: string; adminPhone: string | null }) => [r.org.id, r.members, r.codeState, r.adminPhone])).toEqual([
      [String(tree.branch.id), 3, 'registered', maskMobile(branchCadre.phone)],
      [String(emptyBranch.id), 0, 'none', null],
    ]);
    // admins only, and only of their subtree
    expect((await get(`/orgs/${tree.grade.id}/progress/entry`, branchCadre)).statusCode).toBe(403);
    expect((await get(`/orgs/${tree.school.id}/progress.xlsx`, branchCadre)).statusCode).toBe(403);
    expect((await get(`/orgs/${tree.school.id}/progress/summary`, branchCadre)).statusCode).toBe(403);

    // 下载录入情况
    const wb = await workbook(`/orgs/${tree.school.id}/progress.xlsx`);
    const rows: unknown[][] = [];
    wb.getWorksheet('录入情况')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['组织', '组织类型', '管理员', '管理员手机', '注册码状态', '团员数', '团干部数', '团支部数', '空团支部', '无团干部的团支部', '信息完整']);
    expect(rows[2].slice(2, 10)).toEqual(['', '', '注册码已过期', 3, 1, 2, 1, 1]);
    expect(rows[1].slice(3, 5)).toEqual([maskMobile(schoolAdmin.phone), '已注册']);
    expect(JSON.stringify(rows)).not.toContain(schoolAdmin.phone);
  });

  it('summarizes what is missing for the daily prompt', async () => {
    const s = await json(`/orgs/${tree.school.id}/progress/summary`);
    expect(s).toMatchObject({ incomplete: true, emptyBranches: 1, branchesWithoutCadres: 2, withoutAdmin: 3 });
    expect(s.message).toContain('无团员的团支部1个');
    await app.db.update(orgs).set({ fieldsComplete: true, secretaryRegistered: true }).where(eq(orgs.id, tree.branch.id));
    expect(await json(`/orgs/${tree.branch.id}/progress/summary`, branchCadre)).toEqual({
      incomplete: false,
      emptyBranches: 0,
      branchesWithoutCadres: 0,
      infoIncomplete: 0,
      withoutAdmin: 0,
      message: null,
    });
  });

  it('slides the birth-year window with the clock: no column ends in 2015', async () => {
    const provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    const branch2040 = await insertOrg(app, tree.otherCity, 'branch');
    await member(branch2040.id, { gender: 'male', birthDate: '2026-01-01', joinedAt: '2040-05' });
    const before = await json(`/orgs/${branch2040.id}/stats/overview`, provinceAdmin);
    // in 2026 the slot of 2026 reads as 1962: a 64-year-old (no member can be born in 2026 yet)
    expect(byKey(before.ageBands)).toMatchObject({ over28: 1 });
    clock.set(new Date('2040-06-01T02:00:00Z'));
    try {
      const after = await json(`/orgs/${branch2040.id}/stats/overview`, provinceAdmin);
      expect(after.year).toBe(2040);
      expect(byKey(after.ageBands)).toMatchObject({ '14to17': 1, over28: 0 });
      // the members born 1999–2011 are now 29–41
      const school = await json(`/orgs/${tree.school.id}/stats/overview`);
      expect(byKey(school.ageBands)).toEqual({ under14: 0, '14to17': 0, '18to22': 0, '23to25': 0, '26to28': 0, over28: 4 });
      const province = await json(`/orgs/${tree.province.id}/stats/overview`, provinceAdmin);
      expect(byKey(province.ageBands)).toEqual({ under14: 0, '14to17': 1, '18to22': 0, '23to25': 0, '26to28': 0, over28: 4 });
    } finally {
      clock.set(new Date('2026-06-01T02:00:00Z'));
    }
  });

  it('reconciles on schedule: drift put into the counters is reported, stored and fixed', async () => {
    const provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    const [row] = await app.db.select().from(branchStats).where(eq(branchStats.branchId, tree.branch.id));
    expect(row).toMatchObject({ st_approved: 3, g_male: 1 });
    await app.db.execute(sql`update branch_stats set st_approved = 8, g_male = 0 where branch_id = ${tree.branch.id}`);
    // the grade (depth 3) reads its branches' rows
    expect((await json(`/orgs/${tree.grade.id}/stats`)).members).toBe(8);

    // 03:30 in China on 1 June = 2026-05-31T19:30Z, due at the clock's 02:00Z; scheduling twice changes nothing
    await scheduleReconcile(app.db, '2026-06-01');
    await scheduleReconcile(app.db, '2026-06-01');
    const pending = await app.db.select().from(jobs).where(eq(jobs.kind, JOB_STATS_RECONCILE));
    expect(pending.map((j) => j.dedupeKey)).toEqual([`${JOB_STATS_RECONCILE}:2026-06-01`]);
    expect(await runDueJobs(app)).toBe(1);

    const runs = await json(`/orgs/${tree.province.id}/stats/reconcile`, provinceAdmin);
    expect(runs.runs).toHaveLength(1);
    expect(runs.runs[0]).toMatchObject({ branchesDrifted: 1, drift: [{ branchId: String(tree.branch.id), columns: { st_approved: [8, 3], g_male: [0, 1] } }] });
    expect(runs.runs[0].branchesChecked).toBeGreaterThanOrEqual(3);
    // fixed: the branch row and its unit's row (what the province reads)
    expect((await json(`/orgs/${tree.grade.id}/stats`)).members).toBe(3);
    expect((await json(`/orgs/${tree.school.id}/stats`)).members).toBe(4);
    expect((await json(`/orgs/${tree.province.id}/stats`, provinceAdmin)).members).toBe(5);
    expect(await app.db.select().from(statsReconcileRuns)).toHaveLength(1);
    // the next day's run is scheduled; a clean run reports no drift
    const next = await app.db.select().from(jobs).where(eq(jobs.kind, JOB_STATS_RECONCILE));
    expect(next.map((j) => [j.dedupeKey, j.status])).toEqual([
      [`${JOB_STATS_RECONCILE}:2026-06-01`, 'done'],
      [`${JOB_STATS_RECONCILE}:2026-06-02`, 'pending'],
    ]);
    clock.set(new Date('2026-06-02T02:00:00Z'));
    expect(await runDueJobs(app)).toBe(1);
    expect((await json(`/orgs/${tree.province.id}/stats/reconcile`, provinceAdmin)).runs[0]).toMatchObject({ branchesDrifted: 0, drift: [] });
    // the province's admins only
    expect((await get(`/orgs/${tree.school.id}/stats/reconcile`)).statusCode).toBe(403);
  });
  // The province and a city read members from unit rows (one per county-level unit) and their
  // own direct branches' rows; every deeper org from branch rows. Both must give the same rows.
  it('gives the province and a city the same entry figures per sub-org as the sub-org’s own page', async () => {
    const provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    // branches directly below the province and the city: their units are the province / city itself
    const underProvince = await insertOrg(app, tree.province, 'branch');
    const underCity = await insertOrg(app, tree.city, 'branch');
    await insertOrg(app, tree.city, 'branch'); // empty, no cadre
    await member(underProvince.id, { gender: 'male', birthDate: '2003-01-01' });
    await member(underProvince.id, { gender: 'female', birthDate: '2004-01-01' });
    await member(underCity.id, { gender: 'female', birthDate: '2005-01-01' });
    await onboardedCadre(app, underCity.id);
    const figures = (r: Record<string, unknown>) => {
      const { org: _o, adminName: _n, adminPhone: _p, codeState: _c, ...rest } = r;
      return rest;
    };
    const definition = async (org: { path: string }) => {
      const [[d]] = (await app.db.execute(sql`select count(*) as orgs, sum(o.type = 'branch') as branches,
          sum(o.type = 'branch' and not exists (select 1 from roster_entries r where r.org_id = o.id)) as bwc,
          (select count(*) from roster_entries r join orgs x on x.id = r.org_id where x.path like ${`${org.path}%`}) as cadres
        from orgs o where o.path like ${`${org.path}%`}`)) as unknown as [Record<string, unknown>[]];
      return { orgs: Number(d.orgs), branches: Number(d.branches), branchesWithoutCadres: Number(d.bwc), cadres: Number(d.cadres) };
    };
    for (const org of [tree.province, tree.city]) {
      const p = await json(`/orgs/${org.id}/progress/entry`, provinceAdmin);
      const stats = await json(`/orgs/${org.id}/stats`, provinceAdmin);
      expect(p.total).toMatchObject({ ...(await definition(org)), members: stats.members, emptyBranches: stats.progress.emptyBranches });
      for (const row of p.rows) {
        const own = await json(`/orgs/${row.org.id}/progress/entry`, provinceAdmin);
        expect({ id: row.org.id, ...figures(row) }).toEqual({ id: row.org.id, ...figures(own.total) });
      }
      const summary = await json(`/orgs/${org.id}/progress/summary`, provinceAdmin);
      expect(summary).toMatchObject({ emptyBranches: p.total.emptyBranches, branchesWithoutCadres: p.total.branchesWithoutCadres, infoIncomplete: p.total.orgs - p.total.infoComplete });
    }
    const province = await json(`/orgs/${tree.province.id}/progress/entry`, provinceAdmin);
    const direct = province.rows.find((r: { org: { id: string } }) => r.org.id === String(underProvince.id));
    expect(figures(direct)).toEqual({ members: 2, cadres: 0, branches: 1, emptyBranches: 0, branchesWithoutCadres: 1, infoComplete: 0, orgs: 1, hasSubOrgs: false });
    const city = await json(`/orgs/${tree.city.id}/progress/entry`, provinceAdmin);
    expect(city.rows.map((r: { org: { id: string }; members: number; cadres: number }) => [r.org.id, r.members, r.cadres])).toEqual(
      expect.arrayContaining([
        [String(underCity.id), 1, 1],
        [String(tree.school.id), 4, 2],
      ]),
    );
  });
});
