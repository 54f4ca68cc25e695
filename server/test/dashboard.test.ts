import { SizeWarnings } from '@tj/shared';
import { maskIdNumber, maskMobile } from '@tj/shared';
import type { App } from '../src/app';
import { runDueJobs } from '../src/jobs/plugin';
import { buildTestApp, privateDatabase } from './helper';
import { certForm, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

describe('cadre dashboard, member search, entry progress with members (§6.6, §3.4)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let op: Awaited<ReturnType<typeof onboardedCadre>>;
  const members: { name: string; idNumber: string; phone: string; branchId: number }[] = [];

  /** A member approved in `branchId` through the real API (steps, submit, real-name, review). */
  async function approvedMember(branchId: number, operator: { headers: Record<string, string> }, name: string) {
    const u = await memberUser(app);
    const idNumber = makeIdNumber('2000-04-05');
    const form = certForm(branchId, { idNumber, name });
    for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
      const res = await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: form[step] });
      expect(res.statusCode).toBe(200);
    }
    expect((await app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: u.headers })).statusCode).toBe(200);
    await runDueJobs(app);
    const queue = (await app.inject({ method: 'GET', url: `/api/orgs/${branchId}/checkins`, headers: operator.headers })).json();
    const item = queue.items.find((i: { name: string }) => i.name === name);
    const res = await app.inject({ method: 'POST', url: `/api/orgs/${branchId}/checkins/${item.id}/review`, headers: operator.headers, payload: { action: 'approve' } });
    expect(res.statusCode).toBe(200);
    members.push({ name, idNumber, phone: u.phone, branchId });
    return u;
  }

  beforeAll(async () => {
    db = await privateDatabase('tj_test_dashboard');
    app = await buildTestApp({ databaseUrl: db.databaseUrl, realNameSimFailRate: 0 });
    tree = await orgTree(app);
    op = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    await approvedMember(tree.branch.id, op, '陈一');
    await approvedMember(tree.branch.id, op, '陈二');
    const otherBranch = await insertOrg(app, tree.otherCity, 'branch');
    await approvedMember(otherBranch.id, await onboardedCadre(app, otherBranch.id, { isOperator: true }), '陈外');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('counts members, cadres, sub-orgs and waiting reviews of the current org', async () => {
    const waiting = await memberUser(app);
    const form = certForm(tree.branch.id, { name: '待审' });
    for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
      await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: waiting.headers, payload: form[step] });
    }
    await app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: waiting.headers });

    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/dashboard`, headers: op.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ members: 2, cadres: 1, subOrgs: 0, waitingReviews: 1, isOperator: true, memberCheckinApproved: false });

    const cityCadre = await onboardedCadre(app, tree.city.id);
    const city = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/dashboard`, headers: cityCadre.headers })).json();
    expect(city).toMatchObject({ members: 2, subOrgs: 3, waitingReviews: null, isOperator: false });
  });

  // 002 §二(五) "团支部：团员人数一般在 3 人以上，30 人以下"; 004 "团委、团工委、团总支…团干部数量至少 2 名":
  // warnings on the org, never refusals
  it('shows the size norms and the entry standard as warnings', async () => {
    const branch = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/dashboard`, headers: op.headers })).json();
    expect(branch.sizeWarnings).toEqual([{ code: 'BRANCH_UNDER_3', message: SizeWarnings.BRANCH_UNDER_3 }]);
    const schoolCadre = await onboardedCadre(app, tree.school.id);
    const school = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/dashboard`, headers: schoolCadre.headers })).json();
    expect(school.sizeWarnings.map((w: { code: string }) => w.code)).toEqual(['CADRES_UNDER_2']);
    await onboardedCadre(app, tree.school.id);
    const after = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/dashboard`, headers: schoolCadre.headers })).json();
    expect(after.sizeWarnings).toEqual([]);
  });

  it('reminds a cadre who is not yet an approved member, and not one who is', async () => {
    const u = await approvedMember(tree.branch.id, op, '陈三');
    const { rosterEntries } = await import('../src/db/schema');
    await app.db
      .insert(rosterEntries)
      .values({ orgId: tree.school.id, name: '陈三', idEnc: 'x', idHash: `h-${u.userId}`, phone: u.phone, position: 'secretary', userId: u.userId, onboardedAt: new Date() });
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/dashboard`, headers: u.headers });
    expect(res.json().memberCheckinApproved).toBe(true);
  });

  it('finds members of the subtree by name, phone and full ID number, masked, never outside', async () => {
    const search = async (orgId: number, q: string) => (await app.inject({ method: 'GET', url: `/api/orgs/${orgId}/members?q=${encodeURIComponent(q)}`, headers: op.headers })).json();
    const byName = await search(tree.branch.id, '陈');
    expect(byName.items.map((m: { name: string }) => m.name).sort()).toEqual(['陈一', '陈三', '陈二']);
    const one = members.find((m) => m.name === '陈一')!;
    const byId = await search(tree.branch.id, one.idNumber);
    expect(byId.items).toEqual([expect.objectContaining({ name: '陈一', idNumberMasked: maskIdNumber(one.idNumber) })]);
    expect(JSON.stringify(byId)).not.toContain(one.idNumber);
    const byPhone = await search(tree.branch.id, one.phone);
    expect(byPhone.items).toEqual([expect.objectContaining({ name: '陈一', phoneMasked: maskMobile(one.phone) })]);
    expect(JSON.stringify(byPhone)).not.toContain(one.phone);
    // issue 12 item 8: no prefix of a phone or an ID number finds anyone (it would unmask them digit by digit)
    for (const prefix of [one.phone.slice(0, 3), one.phone.slice(0, 7), one.phone.slice(0, 10), one.idNumber.slice(0, 6), one.idNumber.slice(0, 17)]) {
      expect({ prefix, items: (await search(tree.branch.id, prefix)).items }).toEqual({ prefix, items: [] });
    }
    expect((await search(tree.branch.id, one.phone.slice(-4))).items).toEqual([]);
    // 陈外 lives in the other city: never found from here, even by exact ID
    const outside = members.find((m) => m.name === '陈外')!;
    expect((await search(tree.branch.id, outside.idNumber)).items).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.otherCity.id}/members`, headers: op.headers })).statusCode).toBe(403);
  });

  it('entry progress counts checked-in members and empty branches', async () => {
    const admin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    await insertOrg(app, tree.grade, 'branch');
    const { rows } = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/progress`, headers: admin.headers })).json();
    expect(rows[0]).toMatchObject({ membersCheckedIn: 3, emptyBranches: 1 });
  });
});
