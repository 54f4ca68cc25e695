import { ErrorMessages } from '@tj/shared';
import { refreshTokens } from '../src/db/schema';
import type { App } from '../src/app';
import { buildTestApp, createUser, manualClock, uniquePhone } from './helper';

describe('auth', () => {
  let app: App;
  const clock = manualClock(new Date(Math.floor(Date.now() / 1000) * 1000)); // whole seconds, as iat and exp are
  beforeAll(async () => {
    app = await buildTestApp({}, { clock });
  });
  afterAll(() => app.close());

  const login = (phone: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password } });

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
    const shortLived = app.signAccessToken({ sub });
    expect((await me(shortLived)).statusCode).toBe(200);
    // Expiry is judged on the app's clock (fast-jwt's cache holds the signature check only).
    clock.advance(app.config.accessTokenTtlSeconds * 1000);
    expect((await me(shortLived)).statusCode).toBe(200); // valid up to and including its exp second
    clock.advance(1000);
    const late = await me(shortLived);
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('TOKEN_EXPIRED');
    expect((await me(accessToken)).json().code).toBe('TOKEN_EXPIRED');
  });

  it('a token of another audience (an invitation link) is no access token', async () => {
    const u = await createUser(app);
    const { user } = (await login(u.phone, u.password)).json();
    const me = (token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    // iat from the app's clock, which the test before moved past an access token's life: stamped
    // from real time, the token looked expired whenever that test took less than a second
    const iat = Math.floor(app.clock.now().getTime() / 1000);
    expect((await me(app.jwt.sign({ sub: user.id, iat }, { aud: 'cadre-invitation' }))).json().code).toBe('UNAUTHORIZED');
    expect((await me(app.jwt.sign({ sub: user.id, iat }))).statusCode).toBe(200);
  });

  it('rotates refresh tokens: each works once; concurrent reuse yields one new pair, then the family is revoked', async () => {
    const u = await createUser(app);
    const { refreshToken } = (await login(u.phone, u.password)).json();
    const results = await Promise.all(Array.from({ length: 5 }, () => app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } })));
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
