import { eq, inArray } from 'drizzle-orm';
import type { App } from '../src/app';
import { jobs } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { backoffMs, enqueue } from '../src/jobs/queue';
import { buildTestApp, manualClock, privateDatabase } from './helper';

/** Durable jobs on a database of this file's own: any worker polling it would take our jobs. */
describe('durable jobs', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const apps: App[] = [];
  const build = async (opts: Parameters<typeof buildTestApp>[1] = {}, config: Parameters<typeof buildTestApp>[0] = {}) => {
    const app = await buildTestApp({ databaseUrl: db.databaseUrl, ...config }, opts);
    apps.push(app);
    return app;
  };
  const statusOf = async (app: App, id: number) => (await app.db.select().from(jobs).where(eq(jobs.id, id)))[0];

  beforeAll(async () => {
    db = await privateDatabase('tj_test_jobs');
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
    await db.drop();
  });

  it('survives a restart: enqueued by app A, run by app B after A closed', async () => {
    const a = await build();
    const id = await enqueue(a.db, 'test.restart', { n: 1 }, new Date());
    await a.close();
    const b = await build();
    const seen: unknown[] = [];
    b.jobs.register('test.restart', async (p) => {
      seen.push(p);
    });
    expect(await runDueJobs(b)).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await statusOf(b, id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null });
    expect(await runDueJobs(b)).toBe(0); // done jobs never run again
  });

  it('runs each of 50 jobs exactly once with two instances claiming in parallel', async () => {
    const [a, b] = await Promise.all([build(), build()]);
    const ran = new Map<number, string[]>();
    const handler = (who: string) => async (p: Record<string, unknown>) => {
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      const n = Number(p.n);
      ran.set(n, [...(ran.get(n) ?? []), who]);
    };
    a.jobs.register('test.once', handler('a'));
    b.jobs.register('test.once', handler('b'));
    const ids: number[] = [];
    for (let n = 0; n < 50; n++) ids.push(await enqueue(a.db, 'test.once', { n }, new Date()));
    const [ranA, ranB] = await Promise.all([a.jobs.queue.runDue(() => new Date(), 3), b.jobs.queue.runDue(() => new Date(), 3)]);
    expect(ranA + ranB).toBe(50);
    expect(ranA).toBeGreaterThan(0);
    expect(ranB).toBeGreaterThan(0);
    expect(ran.size).toBe(50);
    for (const who of ran.values()) expect(who).toHaveLength(1);
    const rows = await a.db.select().from(jobs).where(inArray(jobs.id, ids));
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('waits for run_at, retries failures with backoff, then marks them failed', async () => {
    const clock = manualClock(new Date('2030-01-01T00:00:00Z'));
    const app = await build({ clock });
    let calls = 0;
    app.jobs.register('test.flaky', async () => {
      calls++;
      throw new Error('provider down');
    });
    const id = await enqueue(app.db, 'test.flaky', {}, new Date(clock.now().getTime() + 60_000), { maxAttempts: 2 });
    expect(await runDueJobs(app)).toBe(0); // not due yet
    clock.advance(60_000);
    expect(await runDueJobs(app)).toBe(1);
    let row = await statusOf(app, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'provider down' });
    expect(row.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    clock.advance(backoffMs(1));
    expect(await runDueJobs(app)).toBe(1);
    row = await statusOf(app, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    clock.advance(3_600_000);
    expect(await runDueJobs(app)).toBe(0);
    expect(calls).toBe(2);
  });

  it('takes back a job whose worker died (lease expired) and runs it once more', async () => {
    const clock = manualClock(new Date('2031-01-01T00:00:00Z'));
    const app = await build({ clock }, { jobsLeaseSeconds: 30 });
    let calls = 0;
    app.jobs.register('test.crash', async () => {
      calls++;
    });
    const id = await enqueue(app.db, 'test.crash', {}, clock.now());
    // a worker claims it and "crashes" before finishing
    const claimed = await app.jobs.queue.claim(clock.now(), 10);
    expect(claimed.map((j) => j.id)).toEqual([id]);
    expect(await runDueJobs(app)).toBe(0); // still leased
    clock.advance(31_000);
    expect(await runDueJobs(app)).toBe(1);
    expect(calls).toBe(1);
    expect(await statusOf(app, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('polls by itself when enabled, and a kick runs new work without waiting for the interval', async () => {
    const app = await build({}, { jobsEnabled: true, jobsPollIntervalMs: 60_000 });
    const done = new Promise<void>((resolve) => app.jobs.register('test.poll', async () => resolve()));
    await new Promise((r) => setTimeout(r, 50)); // the first poll at start found nothing
    await enqueue(app.db, 'test.poll', {}, new Date());
    app.jobs.kick();
    await done;
  });
});
