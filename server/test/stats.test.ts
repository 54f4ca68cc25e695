import { eq, inArray, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { branchStats, checkins, orgs, unitStats } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { STATS_COLUMNS } from '../src/modules/stats/columns';
import { countersDelta, countersOf, rebuildBranchStats, unitPathOf, unitPathSql } from '../src/modules/stats/counters';
import { uniquePhone } from './helper';
import { buildTestApp, privateDatabase } from './helper';
import { certForm, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

type User = Awaited<ReturnType<typeof memberUser>>;
const STEPS = ['identity', 'league', 'contact', 'optional'] as const;

describe('subtree statistics counters (pure)', () => {
  const member = (o: Record<string, unknown> = {}) => ({
    branchId: 7,
    status: 'approved' as const,
    approvedData: { gender: 'female', birthDate: '2003-04-05', ethnicity: '08', highestEducation: 'bachelorStudying', ...o },
  });

  it('counts the state of every check-in and the data in force of members only', () => {
    expect(countersOf({ branchId: 1, status: null, approvedData: null })).toEqual(['st_draft']);
    expect(countersOf({ branchId: 1, status: 'submitted', approvedData: null })).toEqual(['st_submitted']);
    expect(countersOf(member())).toEqual(['st_approved', 'g_female', 'by_19', 'eth_08', 'edu_bachelor_studying']);
    // an edit waiting for review: still a member, counted by the approved data
    expect(countersOf(member({ status: undefined }))).toContain('eth_08');
    expect(countersOf({ ...member(), status: 'editSubmitted' })).toEqual(['st_edit_submitted', 'g_female', 'by_19', 'eth_08', 'edu_bachelor_studying']);
    // birth years keep a slot of the ring (year mod 64) for ever; unknown codes are not counted
    expect(countersOf(member({ birthDate: '1970-01-01', ethnicity: 'xx', highestEducation: 'none' }))).toEqual(['st_approved', 'g_female', 'by_50']);
    expect(countersOf(member({ birthDate: '2020-01-01' }))).toContain('by_36');
    expect(countersOf(member({ birthDate: '2084-01-01' }))).toContain('by_36');
    for (const c of countersOf(member())) expect(STATS_COLUMNS).toContain(c);
  });

  it('turns a change into per-branch deltas, zeros left out', () => {
    const before = { branchId: 7, status: 'submitted' as const, approvedData: null };
    expect(countersDelta(before, member())).toEqual(
      new Map([
        [
          7,
          new Map([
            ['st_submitted', -1],
            ['st_approved', 1],
            ['g_female', 1],
            ['by_19', 1],
            ['eth_08', 1],
            ['edu_bachelor_studying', 1],
          ]),
        ],
      ]),
    );
    expect(countersDelta(member(), { ...member(), status: 'editSubmitted' })).toEqual(
      new Map([
        [
          7,
          new Map([
            ['st_approved', -1],
            ['st_edit_submitted', 1],
          ]),
        ],
      ]),
    );
    expect(countersDelta({ branchId: 1, status: null, approvedData: null }, { branchId: 2, status: null, approvedData: null })).toEqual(
      new Map([
        [1, new Map([['st_draft', -1]])],
        [2, new Map([['st_draft', 1]])],
      ]),
    );
    expect(countersDelta(member(), member()).size).toBe(0);
  });

  it('rolls branches up to their ancestor at depth 2, or their parent when not deeper', () => {
    expect(unitPathOf('/1/2/3/4/5/')).toBe('/1/2/3/');
    expect(unitPathOf('/1/2/3/4/')).toBe('/1/2/3/');
    expect(unitPathOf('/1/2/3/')).toBe('/1/2/');
    expect(unitPathOf('/1/9/')).toBe('/1/');
  });
});

/**
 * GET /orgs/:orgId/stats over HTTP, and the invariant behind it: after any sequence of
 * check-in changes the counters kept in the transactions equal a rebuild from the rows.
 */
describe('GET /orgs/:orgId/stats', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let op: Awaited<ReturnType<typeof onboardedCadre>>;
  let otherBranch: Awaited<ReturnType<typeof insertOrg>>;

  const put = (u: User, step: string, payload: unknown) => app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: payload as object });
  const post = (u: { headers: object }, url: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: u.headers as Record<string, string>, payload });
  const fill = async (u: User, form: ReturnType<typeof certForm>, steps: readonly string[] = STEPS) => {
    for (const s of steps) {
      const res = await put(u, s, form[s as keyof typeof form]);
      expect({ s, code: res.statusCode, body: res.statusCode === 200 ? null : res.json() }).toEqual({ s, code: 200, body: null });
    }
  };
  const idOf = async (u: User) => (await app.db.select().from(checkins).where(eq(checkins.userId, u.userId)))[0].id;
  const stats = async (orgId: number, who: { headers: object } = op) => {
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${orgId}/stats`, headers: who.headers as Record<string, string> });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const byKey = (list: { key: string; count: number }[]) => Object.fromEntries(list.map((x) => [x.key, x.count]));
  const counterRows = async (ids: number[]) => {
    const rows = await app.db.select().from(branchStats).where(inArray(branchStats.branchId, ids));
    return rows.sort((a, b) => a.branchId - b.branchId);
  };
  const unitRow = async (unitId: number) => (await app.db.select().from(unitStats).where(eq(unitStats.unitId, unitId)))[0];

  beforeAll(async () => {
    db = await privateDatabase('tj_test_stats');
    app = await buildTestApp({ databaseUrl: db.databaseUrl, realNameSimFailRate: 0, enableTestEndpoints: true });
    tree = await orgTree(app);
    otherBranch = await insertOrg(app, tree.grade, 'branch');
    op = await onboardedCadre(app, tree.school.id, { isAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('follows drafts, submits, withdrawals, returns, approvals, edits and branch changes', async () => {
    const born = (year: number, i: number) => makeIdNumber(`${year}-03-0${i}`, i % 2 ? 'male' : 'female');
    // a: approved; b: returned; c: withdrawn, then moved to the other branch; d: a draft
    const people = await Promise.all([0, 1, 2, 3].map(() => memberUser(app)));
    const [a, b, c, d] = people;
    await fill(a, certForm(tree.branch.id, { idNumber: born(2003, 1), joinedAt: '2016-09' }));
    await fill(b, certForm(tree.branch.id, { idNumber: born(2004, 2), joinedAt: '2016-09' }));
    await fill(c, certForm(tree.branch.id, { idNumber: born(2002, 3), joinedAt: '2016-09' }));
    await fill(d, certForm(tree.branch.id, { idNumber: born(2001, 4), joinedAt: '2016-09' }), ['identity']);
    for (const u of [a, b, c]) expect((await post(u, '/api/me/checkin/submit')).statusCode).toBe(200);
    await runDueJobs(app);
    const reviewer = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    expect((await post(reviewer, `/api/orgs/${tree.branch.id}/checkins/${await idOf(a)}/review`, { action: 'approve' })).statusCode).toBe(200);
    expect((await post(reviewer, `/api/orgs/${tree.branch.id}/checkins/${await idOf(b)}/review`, { action: 'return', reason: '姓名有误' })).statusCode).toBe(200);
    expect((await post(c, '/api/me/checkin/withdraw')).statusCode).toBe(200);
    const moved = certForm(otherBranch.id, { idNumber: born(2002, 3), joinedAt: '2016-09' });
    expect((await put(c, 'identity', moved.identity)).statusCode).toBe(200);
    // a's free edit after approval changes the data in force (民族 08 壮族, 最高学历 本科)
    const contact = { ...certForm(tree.branch.id).contact, ethnicity: '08', highestEducation: 'bachelor' };
    expect((await put(a, 'contact', contact)).statusCode).toBe(200);

    const school = await stats(tree.school.id);
    expect(school.members).toBe(1);
    expect(byKey(school.checkins)).toMatchObject({ draft: 1, submitted: 0, returned: 1, approved: 1, withdrawn: 1 });
    expect(byKey(school.gender)).toEqual({ male: 1, female: 0 });
    expect(school.ethnicity).toEqual([{ key: '08', label: '壮族', count: 1 }]);
    expect(byKey(school.education)).toMatchObject({ bachelor: 1, bachelorStudying: 0 });
    expect(school.ageBands.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(1);
    expect(school.progress).toMatchObject({ orgsBelow: 3, branches: 2, emptyBranches: 1, hasSubOrgs: 1 });
    const branch = await stats(tree.branch.id);
    expect(byKey(branch.checkins)).toMatchObject({ draft: 1, returned: 1, approved: 1 });
    // c's withdrawn check-in moved with its branch change
    expect(byKey((await stats(otherBranch.id)).checkins)).toMatchObject({ withdrawn: 1, draft: 0 });

    // the invariant: what the transactions kept equals a rebuild from the check-ins
    const ids = [tree.branch.id, otherBranch.id];
    const kept = await counterRows(ids);
    // both branches roll up into the school (depth 2): its unit row is what the city reads
    const keptUnit = await unitRow(tree.school.id);
    expect(keptUnit).toMatchObject({ path: tree.school.path, branchesWithMembers: 1, st_approved: 1, st_withdrawn: 1, st_draft: 1, eth_08: 1 });
    await rebuildBranchStats(app.db, ids);
    expect(await counterRows(ids)).toEqual(kept);
    expect(await unitRow(tree.school.id)).toEqual(keptUnit);
    // the province reads unit rows, the school's own figures equal them
    const province = await stats(tree.province.id, await onboardedCadre(app, tree.province.id));
    expect({ ...province, orgId: school.orgId, progress: null }).toEqual({ ...school, progress: null });
    void d;
  });

  it('counts info complete from the kept secretary_registered flag (§3.3)', async () => {
    const admin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    const flag = async () => (await app.db.select({ r: orgs.secretaryRegistered }).from(orgs).where(eq(orgs.id, tree.grade.id)))[0].r;
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/orgs/${tree.grade.id}`, headers: admin.headers, payload });
    // a phone nobody registered yet, then its registration, then a phone of an existing account
    const phone = uniquePhone();
    expect((await patch({ secretaryName: '李明', secretaryPhone: phone })).statusCode).toBe(200);
    expect(await flag()).toBe(false);
    expect((await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'register' } })).statusCode).toBe(200);
    const code = (await app.inject({ method: 'GET', url: `/api/test/sms/${phone}` })).json().code as string;
    const reg = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { phone, password: 'abc12345', confirmPassword: 'abc12345', smsCode: code, regionCode: '440106', agreed: true },
    });
    expect({ code: reg.statusCode, body: reg.statusCode === 200 ? null : reg.json() }).toEqual({ code: 200, body: null });
    expect(await flag()).toBe(true);
    expect((await patch({ secretaryPhone: uniquePhone() })).statusCode).toBe(200);
    expect(await flag()).toBe(false);
    expect((await patch({ secretaryPhone: admin.phone })).statusCode).toBe(200);
    expect(await flag()).toBe(true);
    // the kept flag equals its definition on every org
    const [rows] = (await app.db.execute(
      sql`select count(*) as n from orgs where secretary_registered <> (secretary_phone is not null and exists (select 1 from users u where u.phone = orgs.secretary_phone))`,
    )) as unknown as [{ n: number }[]];
    expect(Number(rows[0].n)).toBe(0);
  });

  it('defines the unit of a branch the same in SQL as in TypeScript', async () => {
    for (const path of ['/1/2/3/4/5/', '/1/2/3/4/', '/1/2/3/', '/1/9/']) {
      const [rows] = (await app.db.execute(sql.raw(`select ${unitPathSql(`'${path}'`)} as unit`))) as unknown as [{ unit: string }[]];
      expect(rows[0].unit).toBe(unitPathOf(path));
    }
  });

  it('answers only cadres of the org or above (403 elsewhere)', async () => {
    const outsider = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/stats`, headers: outsider.headers });
    expect(res.statusCode).toBe(403);
    const member = await memberUser(app);
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/stats`, headers: member.headers })).statusCode).toBe(403);
    const cityStats = await stats(tree.city.id, await onboardedCadre(app, tree.city.id));
    expect(cityStats.members).toBe(1);
  });
});
