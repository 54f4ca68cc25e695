import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from '../src/app';
import { buildTestApp, createUser } from './helper';

/** Issue 12 item 14: security headers, /docs opt-in, refresh-token families. */
describe('security headers and docs', () => {
  it('every answer carries the CSP and helmet headers', async () => {
    const app = await buildTestApp();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-powered-by']).toBeUndefined();
      // error answers too
      expect((await app.inject({ method: 'GET', url: '/api/nope' })).headers['content-security-policy']).toBe(csp);
    } finally {
      await app.close();
    }
  });

  it("allows the H5 index.html's inline scripts by hash only, never 'unsafe-inline' scripts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tj-h5-'));
    const inline = 'document.documentElement.style.fontSize="20px"';
    writeFileSync(path.join(dir, 'index.html'), `<html><head><script>${inline}</script><script defer src="/js/app.js"></script></head><body></body></html>`);
    const app = await buildTestApp({ staticDir: dir });
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      const scriptSrc = (res.headers['content-security-policy'] as string).split(';').find((d) => d.startsWith('script-src'));
      expect(scriptSrc).toBe(`script-src 'self' 'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    } finally {
      await app.close();
    }
  });

  it('/docs only when enabled (production default: off)', async () => {
    const on = await buildTestApp({ enableDocs: true });
    const off = await buildTestApp({ enableDocs: false });
    try {
      expect((await on.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
      expect([200, 302]).toContain((await on.inject({ method: 'GET', url: '/docs' })).statusCode);
      for (const url of ['/docs', '/docs/json', '/docs/static/index.html']) {
        const res = await off.inject({ method: 'GET', url });
        expect([url, res.statusCode, res.json().code]).toEqual([url, 404, 'NOT_FOUND']);
      }
    } finally {
      await on.close();
      await off.close();
    }
  });
});

describe('refresh token families (issue 12 item 14)', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ rateLimitLoginPerMinute: 1000 });
  });
  afterAll(() => app.close());

  const login = (phone: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password } });
  const refresh = (refreshToken: string) => app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });

  it('reusing a rotated refresh token revokes its whole family; other logins keep working', async () => {
    const u = await createUser(app);
    const first = (await login(u.phone, u.password)).json().refreshToken as string;
    const otherDevice = (await login(u.phone, u.password)).json().refreshToken as string;
    const second = (await refresh(first)).json().refreshToken as string;
    const third = (await refresh(second)).json().refreshToken as string;
    expect(third).toEqual(expect.any(String));

    // a stolen copy of `first` comes back
    const replay = await refresh(first);
    expect([replay.statusCode, replay.json().code]).toEqual([401, 'TOKEN_EXPIRED']);
    // the thief's or the owner's current token of that family is dead now
    expect((await refresh(third)).statusCode).toBe(401);
    // the login on the other device is a family of its own
    expect((await refresh(otherDevice)).statusCode).toBe(200);
  });

  it('an unknown refresh token changes nothing', async () => {
    const u = await createUser(app);
    const token = (await login(u.phone, u.password)).json().refreshToken as string;
    expect((await refresh('not-a-token')).statusCode).toBe(401);
    expect((await refresh(token)).statusCode).toBe(200);
  });
});
