import { ErrorMessages } from '@tj/shared';
import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { rosterEntries, smsCodes } from '../src/db/schema';
import { buildTestApp, uniquePhone } from './helper';
import { onboardedCadre, orgTree, VALID_IDS } from './fixtures';

type Req = { method: 'GET' | 'POST'; url: string; payload?: object };

/**
 * Issue 12 items 4 and 5: every route open without login has a rate limit, counted per client
 * address — which X-Forwarded-For cannot change unless TRUST_PROXY names the proxy — and links
 * never take their host from X-Forwarded-Host.
 */
describe('rate limits on every unauthenticated route (issue 12 item 5)', () => {
  let app: App;
  // login budgets: 1 per phone, 3 per IP; other open routes: 2 per IP (health ×5)
  beforeAll(async () => {
    app = await buildTestApp({ rateLimitLoginPerMinute: 1, rateLimitPublicPerMinute: 2 });
  });
  afterAll(() => app.close());

  const phone = uniquePhone();
  const password = { password: 'abc12345', confirmPassword: 'abc12345' };
  const perPhone: [string, Req][] = [
    ['password login', { method: 'POST', url: '/api/auth/login', payload: { phone, password: 'abc12345' } }],
    ['SMS send', { method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'resetPassword' } }],
    ['registration', { method: 'POST', url: '/api/auth/register', payload: { phone, ...password, smsCode: '123456', regionCode: '440106', agreed: true } }],
    ['SMS login', { method: 'POST', url: '/api/auth/login/sms', payload: { phone, smsCode: '123456' } }],
    ['password reset by SMS', { method: 'POST', url: '/api/auth/password/reset', payload: { phone, smsCode: '123456', ...password } }],
    ['reset by admin code', { method: 'POST', url: '/api/auth/reset-by-code', payload: { phone, code: '123456', ...password } }],
  ];
  const perIp: [string, Req, number][] = [
    ['admin code lookup', { method: 'POST', url: '/api/admin-codes/lookup', payload: { code: 'ABCD2345' } }, 3],
    ['admin registration', { method: 'POST', url: '/api/auth/admin-register', payload: {} }, 3],
    ['token refresh', { method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: 'x' } }, 2],
    ['logout', { method: 'POST', url: '/api/auth/logout', payload: { refreshToken: 'x' } }, 2],
    ['WeChat login', { method: 'POST', url: '/api/auth/wechat', payload: { code: 'wx-code' } }, 2],
    ['invitation preview', { method: 'GET', url: '/api/cadre/invitations/preview?token=x' }, 2],
    ['QR scene', { method: 'GET', url: '/api/qr/nope123' }, 2],
    ['org search', { method: 'GET', url: `/api/orgs/search?q=${encodeURIComponent('中山')}` }, 2],
    ['health', { method: 'GET', url: '/api/health' }, 10],
  ];

  const expectLimited = async (req: Req, budget: number) => {
    for (let i = 0; i < budget; i++) expect((await app.inject(req)).statusCode).not.toBe(429);
    const over = await app.inject(req);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toEqual({ code: 'RATE_LIMITED', message: ErrorMessages.RATE_LIMITED });
  };

  it.each(perPhone)('%s: per phone', async (_name, req) => expectLimited(req, 1));
  it.each(perIp)('%s: per IP', async (_name, req, budget) => expectLimited(req, budget));
});

describe('client address and host behind proxies (issue 12 item 4)', () => {
  const scene = (app: App, forwardedFor: string) => app.inject({ method: 'GET', url: '/api/qr/nope123', headers: { 'x-forwarded-for': forwardedFor } });

  it('X-Forwarded-For from a client does not escape the per-IP limit (TRUST_PROXY off)', async () => {
    const app = await buildTestApp({ rateLimitPublicPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 1; i <= 5; i++) statuses.push((await scene(app, `203.0.113.${i}`)).statusCode);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it('per-IP limits per login: a spoofed header does not buy new attempts on /auth/login', async () => {
    const app = await buildTestApp({ rateLimitLoginPerMinute: 1 });
    try {
      const statuses = [];
      for (let i = 1; i <= 4; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': `198.51.100.${i}` }, payload: { phone: uniquePhone(), password: 'abc12345' } });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await app.close();
    }
  });

  it('with TRUST_PROXY naming the proxy (here the injecting socket, 127.0.0.1), the forwarded client counts', async () => {
    const app = await buildTestApp({ rateLimitPublicPerMinute: 1, trustProxy: ['127.0.0.1'] });
    try {
      expect((await scene(app, '203.0.113.1')).statusCode).toBe(404);
      expect((await scene(app, '203.0.113.2')).statusCode).toBe(404);
      expect((await scene(app, '203.0.113.1')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  describe('links', () => {
    const evil = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

    async function setup(publicBaseUrl: string) {
      const app = await buildTestApp({ publicBaseUrl });
      const tree = await orgTree(app);
      const admin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
      return { app, tree, admin };
    }

    it('QR codes and invitation SMS use PUBLIC_BASE_URL whatever Host / X-Forwarded-Host say', async () => {
      const { app, tree, admin } = await setup('https://h5.example.org');
      try {
        const qr = await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/qr/checkin`, headers: { ...admin.headers, ...evil } });
        expect(qr.json().url).toMatch(/^https:\/\/h5\.example\.org\/pages\/entry\/index\?scene=/);

        const phone = uniquePhone();
        const [res] = await app.db.insert(rosterEntries).values({
          orgId: tree.branch.id,
          name: '钱团干',
          idEnc: app.pii.encrypt(VALID_IDS[0]),
          idHash: app.pii.lookupHash(VALID_IDS[0]),
          phone,
          position: 'secretary',
          isAdmin: false,
          isOperator: true,
        });
        const invite = await app.inject({ method: 'POST', url: `/api/orgs/${tree.branch.id}/roster/${res.insertId}/invite`, headers: { ...admin.headers, ...evil } });
        expect(invite.statusCode).toBe(200);
        const text = (app.sms as SmsSimulator).lastMessage(phone)!;
        expect(text).toContain('https://h5.example.org/cadre/pages/entry/index?token=');
        expect(text).not.toContain('evil.example');
      } finally {
        await app.close();
      }
    });

    it('without PUBLIC_BASE_URL (development) X-Forwarded-Host is ignored unless the proxy is trusted', async () => {
      const { app, tree, admin } = await setup('');
      try {
        const qr = await app.inject({
          method: 'GET',
          url: `/api/orgs/${tree.branch.id}/qr/checkin`,
          headers: { ...admin.headers, host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example' },
        });
        expect(qr.json().url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/pages\/entry\/index\?scene=/);
      } finally {
        await app.close();
      }
    });
  });
});

describe('SMS code tries are claimed atomically (issue 12 item 5)', () => {
  it('concurrent wrong codes get at most 5 comparisons between them; then even the right code fails', async () => {
    const app = await buildTestApp({ enableTestEndpoints: true, rateLimitLoginPerMinute: 1000 });
    try {
      const phone = uniquePhone();
      await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'register' } });
      const code = (await app.inject({ method: 'GET', url: `/api/test/sms/${phone}` })).json().code as string;
      const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
      const register = (smsCode: string) =>
        app.inject({ method: 'POST', url: '/api/auth/register', payload: { phone, password: 'abc12345', confirmPassword: 'abc12345', smsCode, regionCode: '440106', agreed: true } });
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => register(wrong(i))));
      expect(results.every((r) => r.json().code === 'SMS_CODE_WRONG')).toBe(true);
      const [row] = await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
      expect(row.attempts).toBe(5);
      expect((await register(code)).json().code).toBe('SMS_CODE_WRONG');
    } finally {
      await app.close();
    }
  });

  it('the right code on the fifth try still works', async () => {
    const app = await buildTestApp({ enableTestEndpoints: true, rateLimitLoginPerMinute: 1000 });
    try {
      const phone = uniquePhone();
      await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'register' } });
      const code = (await app.inject({ method: 'GET', url: `/api/test/sms/${phone}` })).json().code as string;
      const register = (smsCode: string) =>
        app.inject({ method: 'POST', url: '/api/auth/register', payload: { phone, password: 'abc12345', confirmPassword: 'abc12345', smsCode, regionCode: '440106', agreed: true } });
      for (let i = 1; i <= 4; i++) expect((await register(String((Number(code) + i) % 1_000_000).padStart(6, '0'))).json().code).toBe('SMS_CODE_WRONG');
      expect((await register(code)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
