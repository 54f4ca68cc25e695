import { ErrorMessages } from '@tj/shared';
import { refreshTokens } from '../src/db/schema';
import type { App } from '../src/app';
import { buildTestApp, createUser, uniquePhone } from './helper';

/** Everything jest's fake timers could replace except Date. */
const REAL_TIMERS = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate',
  'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
] as const;

describe('auth', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const login = (phone: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password } });

  it('logs in with phone + password and reads /me with the access token', async () => {
    const u = await createUser(app);
    const res = await login(u.phone, u.password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ phone: u.phone, name: u.name });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().phone).toBe(u.phone);
  });

  it('refuses a wrong password and an unknown phone with the same message', async () => {
    const u = await createUser(app);
    const wrong = await login(u.phone, 'wrong999');
    const unknown = await login(uniquePhone(), 'whatever1');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: ErrorMessages.INVALID_CREDENTIALS });
    }
  });

  it('validates the phone with the shared rule and names the field', async () => {
    const res = await login('12345', 'abc12345');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'MOBILE_INVALID', message: ErrorMessages.MOBILE_INVALID, field: 'phone' });
  });

  it('requires a token for /me', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
    const bad = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer x.y.z' } });
    expect(bad.statusCode).toBe(401);
  });

  it('an access token verified before still expires on time, and a changed one is not taken for it', async () => {
    const u = await createUser(app);
    const { accessToken } = (await login(u.phone, u.password)).json();
    const me = (token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me(accessToken)).statusCode).toBe(200);
    expect((await me(accessToken)).statusCode).toBe(200); // the second time from the verified tokens
    const [head, body, sig] = accessToken.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), sub: '1' })).toString('base64url')}.${sig}`;
    expect((await me(forged)).json().code).toBe('UNAUTHORIZED');

    const sub = JSON.parse(Buffer.from(body, 'base64url').toString()).sub as string;
    const shortLived = app.jwt.sign({ sub }, { expiresIn: 1 });
    expect((await me(shortLived)).statusCode).toBe(200);
    // Expiry is judged by fast-jwt (and the verified-token cache beside it) on Date.now(), not
    // on the app's injected clock, so the test moves Date itself instead of sleeping 2.1 s;
    // timers stay real, the database driver and inject need them.
    jest.useFakeTimers({ now: Date.now() + 2100, doNotFake: [...REAL_TIMERS] });
    try {
      const late = await me(shortLived);
      expect(late.statusCode).toBe(401);
      expect(late.json().code).toBe('TOKEN_EXPIRED');
    } finally {
      jest.useRealTimers();
    }
  });

  it('rotates refresh tokens: each works once; concurrent reuse yields one new pair, then the family is revoked', async () => {
    const u = await createUser(app);
    const { refreshToken } = (await login(u.phone, u.password)).json();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } })),
    );
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 401).every((r) => r.json().code === 'TOKEN_EXPIRED')).toBe(true);
    const next = ok[0].json().refreshToken;
    expect(next).not.toBe(refreshToken);
    // the losers reused a rotated token: a copy is about, so the pair that won is revoked too
    const again = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: next } });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('TOKEN_EXPIRED');
  });

  it('logout revokes the refresh token', async () => {
    const u = await createUser(app);
    const { refreshToken } = (await login(u.phone, u.password)).json();
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken } });
    expect(out.statusCode).toBe(204);
    const res = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
    expect(res.statusCode).toBe(401);
  });

  it('never stores the refresh token in clear', async () => {
    const u = await createUser(app);
    const { refreshToken } = (await login(u.phone, u.password)).json();
    const rows = await app.db.select().from(refreshTokens);
    expect(rows.some((r) => r.tokenHash === refreshToken)).toBe(false);
  });

  it('rate-limits login attempts per phone', async () => {
    const limited = await buildTestApp({ rateLimitLoginPerMinute: 3 });
    try {
      const phone = uniquePhone();
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password: 'bad12345' } });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
      const last = await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password: 'bad12345' } });
      expect(last.json()).toEqual({ code: 'RATE_LIMITED', message: ErrorMessages.RATE_LIMITED });
    } finally {
      await limited.close();
    }
  });
});
