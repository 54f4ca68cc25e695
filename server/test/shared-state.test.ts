import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { users } from '../src/db/schema';
import { buildTestApp, createUser, uniquePhone } from './helper';

/**
 * Issue 19 item 3: two app instances (two apps here, on one test database) share rate-limit
 * counters and session revocations through Redis when REDIS_URL is set; without it each keeps
 * its own (the single-instance default). Real Redis at REDIS_TEST_URL (default 127.0.0.1:6379).
 */
const REDIS = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['REDIS_URL unset (in-process)', ''],
  ['REDIS_URL set (shared)', REDIS],
])('two instances, %s', (_label, redisUrl) => {
  let a: App;
  let b: App;
  beforeAll(async () => {
    // one key prefix per run: parallel test files (and other runs) share the Redis server
    const settings = { redisUrl, redisKeyPrefix: `tj-test-${randomBytes(4).toString('hex')}:`, rateLimitLoginPerMinute: 2 };
    [a, b] = await Promise.all([buildTestApp(settings), buildTestApp(settings)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it(`the shared-state kind is ${redisUrl ? 'redis' : 'memory'}`, () => {
    expect(a.shared.kind).toBe(redisUrl ? 'redis' : 'memory');
  });

  it(redisUrl ? 'a per-phone login budget is one budget over both instances' : 'each instance counts its own login budget', async () => {
    const phone = uniquePhone();
    const login = (app: App) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password: 'abc12345' } });
    // budget 2 per phone: two attempts on A, then the third attempt lands on B
    expect((await login(a)).statusCode).toBe(401);
    expect((await login(a)).statusCode).toBe(401);
    expect((await login(b)).statusCode).toBe(redisUrl ? 429 : 401);
    expect((await login(a)).statusCode).toBe(429);
  });

  it('limiters of different endpoints keep their own counters in the shared store', async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 2; i++) expect((await a.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password: 'abc12345' } })).statusCode).toBe(401);
    // the SMS-login budget of the same phone is untouched
    expect((await b.inject({ method: 'POST', url: '/api/auth/login/sms', payload: { phone, smsCode: '123456' } })).statusCode).not.toBe(429);
  });

  it(redisUrl ? 'a password change on A ends the old token on B at once' : 'a password change on A ends the old token on A at once', async () => {
    const u = await createUser(a, 'old12345');
    // a token as login signs it (the login budget of 127.0.0.1 is spent by the tests above)
    const [user] = await a.db.select({ id: users.id }).from(users).where(eq(users.phone, u.phone));
    const session = { accessToken: a.signAccessToken({ sub: String(user?.id) }) };
    const me = (app: App) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${session.accessToken}` } });
    // B has checked (and cached) the password version of this token
    expect((await me(b)).statusCode).toBe(200);
    const changed = await a.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: { authorization: `Bearer ${session.accessToken}` },
      payload: { oldPassword: 'old12345', password: 'new12345', confirmPassword: 'new12345' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(a)).statusCode).toBe(401);
    if (!redisUrl) return; // without Redis, B re-reads the version within 5 s (auth plugin RECHECK_MS)
    // the message travels through Redis: well under B's 5-second re-check
    const t0 = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - t0 < 1500) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await me(b)).statusCode;
    }
    expect(status).toBe(401);
  });
});

describe('Redis unreachable', () => {
  it('rate-limited routes still answer (the limiter lets requests through rather than hanging)', async () => {
    const app = await buildTestApp({ redisUrl: 'redis://127.0.0.1:1', rateLimitLoginPerMinute: 1 });
    try {
      const t0 = Date.now();
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone: uniquePhone(), password: 'abc12345' } });
      expect(res.statusCode).toBe(401);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await app.close();
    }
  });
});
