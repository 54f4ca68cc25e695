import type { App } from '../src/app';
import { eq } from 'drizzle-orm';
import { adminChangeRequests, checkins, rosterEntries } from '../src/db/schema';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { insertApprovedMember, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

describe('task center (操作中心)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const clock = manualClock(new Date('2024-11-04T02:00:00Z'));

  beforeAll(async () => {
    db = await privateDatabase('tj_test_tasks');
    app = await buildTestApp({ databaseUrl: db.databaseUrl }, { clock });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('lists check-in reviews, transfer steps and admin changes waiting for the org, oldest first, and counts them', async () => {
    const tree = await orgTree(app);
    // a branch without an operator: its direct superior's admin reviews for it (§2)
    const x = await insertOrg(app, tree.grade, 'branch');
    const y = await insertOrg(app, tree.school, 'branch');
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    const yAdmin = await onboardedCadre(app, y.id, { isAdmin: true });
    const plain = await onboardedCadre(app, tree.grade.id);

    // 1. a check-in waiting for review, submitted first
    const u = await memberUser(app);
    const idNumber = makeIdNumber();
    await app.db.insert(checkins).values({
      userId: u.userId,
      branchId: x.id,
      status: 'submitted',
      savedSteps: 4,
      draft: { name: '任报到' },
      idEnc: app.pii.encrypt(idNumber),
      idHash: app.pii.lookupHash(idNumber),
      realNameStatus: 'passed',
      submittedAt: clock.now(),
    });
    // 2. an hour later, a transfer out of x (办理转入 by y)
    clock.advance(3600_000);
    const m = await insertApprovedMember(app, x.id, '任转接');
    const res = await app.inject({ method: 'POST', url: `/api/orgs/${y.id}/transfers/in`, headers: yAdmin.headers, payload: { name: m.name, idNumber: m.idNumber, reason: 'employed' } });
    expect(res.statusCode).toBe(201);
    // 3. two hours later, an admin change of x waiting for the grade's approval
    clock.advance(3600_000);
    const xCadre = await onboardedCadre(app, x.id);
    const [entry] = await app.db.select().from(rosterEntries).where(eq(rosterEntries.userId, xCadre.userId));
    await app.db.insert(adminChangeRequests).values({ orgId: x.id, rosterEntryId: entry.id, makeAdmin: true, requestedBy: xCadre.userId, createdAt: clock.now() });

    const list = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/tasks`, headers: gradeAdmin.headers })).json();
    expect(list.items.map((i: { kind: string }) => i.kind)).toEqual(['checkinReview', 'transferOut', 'adminChange']);
    expect(list.total).toBe(3);
    expect(list.items[1]).toMatchObject({ title: '任转接的组织关系转出待审批', overdue: false, link: { page: 'transfer-review' } });
    expect(new Date(list.items[1].deadline).getTime() - new Date(list.items[1].since).getTime()).toBe(10 * 86400_000);
    const counts = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/tasks/counts`, headers: gradeAdmin.headers })).json();
    expect(counts).toEqual({ checkinReview: 1, transferOut: 1, transferIn: 0, transferAppeal: 0, adminChange: 1, archiveApproval: 0, total: 3 });

    // a plain cadre has nothing to act on; an org outside the caller's reach is 403
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/tasks/counts`, headers: plain.headers })).json().total).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.otherCity.id}/tasks`, headers: gradeAdmin.headers })).statusCode).toBe(403);
    // limit keeps the oldest
    const one = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/tasks?limit=1`, headers: gradeAdmin.headers })).json();
    expect(one).toMatchObject({ total: 3, items: [{ kind: 'checkinReview' }] });
  });
});
