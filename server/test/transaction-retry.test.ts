import { eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { TRANSACTION_ATTEMPTS } from '../src/db/client';
import { orgs } from '../src/db/schema';
import { AppError } from '../src/errors';
import { buildTestApp } from './helper';
import { orgTree } from './fixtures';

/**
 * Issue 19 item 2/4: the one retry of whole transactions (db/client.ts) on real MariaDB —
 * Galera's certification failures arrive as the same 1213 as InnoDB deadlocks (those are
 * proven in deadlock.test.ts) — and the failover pool.
 */
describe('transaction retry (db/client.ts)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  const rename = (tx: Parameters<Parameters<App['db']['transaction']>[0]>[0], name: string) => tx.update(orgs).set({ shortName: name }).where(eq(orgs.id, tree.school.id));
  const nameNow = async () => (await app.db.select({ n: orgs.shortName }).from(orgs).where(eq(orgs.id, tree.school.id)))[0]?.n;

  it('a 1213 (deadlock / certification failure) runs the whole transaction again; its first writes are rolled back', async () => {
    let attempts = 0;
    const result = await app.db.transaction(async (tx) => {
      attempts++;
      await rename(tx, `重试学校${attempts}`);
      if (attempts < 3) throw Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { errno: 1213, code: 'ER_LOCK_DEADLOCK' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(await nameNow()).toBe('重试学校3');
  });

  it('gives up after TRANSACTION_ATTEMPTS and lets the 1213 stand (the error handler answers DB_RETRY 503)', async () => {
    let attempts = 0;
    const t0 = Date.now();
    await expect(
      app.db.transaction(async () => {
        attempts++;
        throw Object.assign(new Error('certification failure'), { errno: 1213 });
      }),
    ).rejects.toMatchObject({ errno: 1213 });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    // bounded backoff: a handful of attempts stays well under a second
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    await expect(
      app.db.transaction(async () => {
        attempts++;
        throw new AppError('CONFLICT');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(attempts).toBe(1);
  });

  it('a connection lost before COMMIT: the transaction runs again on a new connection', async () => {
    let attempts = 0;
    await app.db.transaction(async (tx) => {
      attempts++;
      await rename(tx, `断线学校${attempts}`);
      // the server drops this very connection mid-transaction (as when its node dies)
      if (attempts === 1) await tx.execute(sql`kill connection connection_id()`);
    });
    expect(attempts).toBe(2);
    expect(await nameNow()).toBe('断线学校2');
  });

  it('a connection lost after COMMIT was sent answers DB_RETRY, never a success it cannot vouch for', async () => {
    const before = await nameNow();
    let attempts = 0;
    await expect(
      app.db.transaction(async (tx) => {
        attempts++;
        await rename(tx, '未确认学校');
        const [rows] = (await tx.execute(sql`select connection_id() as id`)) as unknown as [{ id: number }[]];
        // another connection kills this one: the COMMIT drizzle sends next finds it dead
        await app.db.execute(sql.raw(`kill connection ${Number(rows[0]?.id)}`));
      }),
    ).rejects.toMatchObject({ code: 'DB_RETRY', statusCode: 503 });
    expect(attempts).toBe(1);
    expect(await nameNow()).toBe(before); // (here it was rolled back; the client retries either way)
  });
});

describe('failover pool (DATABASE_NODES)', () => {
  it('skips a node that refuses connections and reports the node it uses in /health', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    const live = url.host;
    url.host = '127.0.0.1:1'; // the "own" node is down
    const app = await buildTestApp({ databaseUrl: url.toString(), databaseNodes: [live] });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', db: 'up', dbNode: live, wsrepReady: null });
      // transactions work through the live node too
      await expect(app.db.transaction(async (tx) => (await tx.select({ id: orgs.id }).from(orgs).limit(1)).length)).resolves.toBeGreaterThanOrEqual(0);
    } finally {
      await app.close();
    }
  });

  it('answers 503 DB_RETRY (retryable) when no node is reachable for a request', async () => {
    const app = await buildTestApp({ databaseUrl: 'mysql://root@127.0.0.1:1/nowhere', databaseNodes: ['127.0.0.1:2'] });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/orgs/search?q=%E4%B8%AD%E5%B1%B1' });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('DB_RETRY');
      expect(res.headers['retry-after']).toBe('1');
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'degraded', db: 'down' });
    } finally {
      await app.close();
    }
  });
});
