import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { checkins, orgs } from '../src/db/schema';
import { buildTestApp, privateDatabase } from './helper';
import { certForm, memberUser, orgTree } from './fixtures';

/**
 * Issue 12 item 7: many members saving their first identity step at the same moment (a class
 * scanning the QR code together). A `FOR UPDATE` on the missing row, then an INSERT, deadlocked
 * (14 % answered 500); the first insert is lock-free now and deadlocked transactions run again.
 */
describe('simultaneous first saves', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;

  beforeAll(async () => {
    db = await privateDatabase('tj_test_deadlock');
    // a pool as large as the wave, so all 24 transactions really run at once
    app = await buildTestApp({ databaseUrl: db.databaseUrl, dbPoolSize: 30 });
    tree = await orgTree(app);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const put = (headers: Record<string, string>, payload: object) => app.inject({ method: 'PUT', url: '/api/me/checkin/steps/identity', headers, payload });

  it('24 members saving their first step at once all succeed', async () => {
    const members = await Promise.all(Array.from({ length: 24 }, () => memberUser(app)));
    const results = await Promise.all(members.map((m) => put(m.headers, certForm(tree.branch.id).identity)));
    expect(results.map((r) => r.statusCode)).toEqual(members.map(() => 200));
    for (const m of members) expect(await app.db.select({ id: checkins.id }).from(checkins).where(eq(checkins.userId, m.userId))).toHaveLength(1);
  });

  it('one member saving the first step 24 times at once gets one row and no error', async () => {
    const m = await memberUser(app);
    const form = certForm(tree.branch.id);
    const results = await Promise.all(Array.from({ length: 24 }, () => put(m.headers, form.identity)));
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const rows = await app.db.select().from(checkins).where(eq(checkins.userId, m.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0].savedSteps).toBe(1);
  });

  it('runs a transaction that InnoDB chose as a deadlock victim again (db.transaction)', async () => {
    // Two transactions lock the same two rows in opposite orders: a certain deadlock.
    let arrived = 0;
    let release!: () => void;
    const bothHoldFirst = new Promise<void>((r) => (release = r));
    const attempts = [0, 0];
    const run = (i: number, first: number, second: number) =>
      app.db.transaction(async (tx) => {
        attempts[i]++;
        await tx.select().from(orgs).where(eq(orgs.id, first)).for('update');
        if (attempts[i] === 1) {
          if (++arrived === 2) release();
          await bothHoldFirst;
        }
        await tx.select().from(orgs).where(eq(orgs.id, second)).for('update');
        return i;
      });
    await expect(Promise.all([run(0, tree.city.id, tree.school.id), run(1, tree.school.id, tree.city.id)])).resolves.toEqual([0, 1]);
    expect(attempts[0] + attempts[1]).toBe(3);
  });
});
