import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import { RealSmsSender } from '../src/adapters/sms/real';
import { SmsSimulator } from '../src/adapters/sms/simulator';
import type { SmsSender } from '../src/adapters/sms/types';
import { smsCodes } from '../src/db/schema';
import { loadConfig } from '../src/env';
import { buildTestApp, createUser, manualClock, uniquePhone } from './helper';

const send = (app: App, phone: string, purpose = 'register') => app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose } });
const latestCode = (app: App, phone: string) => app.inject({ method: 'GET', url: `/api/test/sms/${phone}` });

describe('SMS codes', () => {
  const clock = manualClock();
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ enableTestEndpoints: true, rateLimitLoginPerMinute: 1000 }, { clock });
  });
  afterAll(() => app.close());

  it('sends a 6-digit code, stores only its hash, and the test endpoint reads it', async () => {
    const phone = uniquePhone();
    const res = await send(app, phone);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const read = await latestCode(app, phone);
    expect(read.statusCode).toBe(200);
    const { code } = read.json();
    expect(code).toMatch(/^\d{6}$/);
    expect((app.sms as SmsSimulator).lastMessage(phone)).toContain('注册');
    const rows = await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'register', attempts: 0, usedAt: null });
    expect(rows[0].codeHash).not.toContain(code);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(5 * 60_000);
  });

  it('answers 404 from the test endpoint for a phone that got nothing', async () => {
    const res = await latestCode(app, uniquePhone());
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('allows one send per phone per minute and five per hour', async () => {
    const phone = uniquePhone();
    expect((await send(app, phone)).statusCode).toBe(200);
    const again = await send(app, phone);
    expect(again.statusCode).toBe(429);
    expect(again.json()).toEqual({ code: 'RATE_LIMITED', message: ErrorMessages.RATE_LIMITED });
    for (let i = 2; i <= 5; i++) {
      clock.advance(61_000);
      expect((await send(app, phone)).statusCode).toBe(200);
    }
    clock.advance(61_000);
    expect((await send(app, phone)).statusCode).toBe(429); // 6th within the hour
    // Refused sends leave no row behind, so they do not extend the wait.
    expect(await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone))).toHaveLength(5);
    clock.advance(60 * 60_000);
    expect((await send(app, phone)).statusCode).toBe(200);
  });

  it('lets only one of several concurrent sends through', async () => {
    const phone = uniquePhone();
    const results = await Promise.all(Array.from({ length: 5 }, () => send(app, phone)));
    expect(results.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 429)).toBe(true);
    const rows = await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
    expect(rows.length).toBe(results.filter((r) => r.statusCode === 200).length);
  });

  it('refuses a register code for a taken number; other purposes answer alike for unknown numbers but text only accounts', async () => {
    const u = await createUser(app);
    const taken = await send(app, u.phone, 'register');
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toEqual({ code: 'MOBILE_TAKEN', message: ErrorMessages.MOBILE_TAKEN, field: 'phone' });
    const known = await send(app, u.phone, 'login');
    for (const purpose of ['login', 'resetPassword', 'transfer']) {
      const phone = uniquePhone();
      const unknown = await send(app, phone, purpose);
      // issue 12 item 5: the answer does not tell whether the number has an account
      expect({ status: unknown.statusCode, body: unknown.json() }).toEqual({ status: known.statusCode, body: known.json() });
      expect((app.sms as SmsSimulator).lastMessage(phone)).toBeUndefined();
      // the limits count it the same way, so a second send within a minute is refused alike
      expect((await send(app, phone, purpose)).statusCode).toBe(429);
    }
    expect(known.statusCode).toBe(200);
    expect((app.sms as SmsSimulator).lastMessage(u.phone)).toContain('登录');
    expect(await app.db.select().from(smsCodes).where(eq(smsCodes.phone, u.phone))).toHaveLength(1);
  });

  it('validates phone and purpose with the shared schema, storing nothing', async () => {
    const bad = await send(app, '1234');
    expect(bad.json()).toEqual({ code: 'MOBILE_INVALID', message: ErrorMessages.MOBILE_INVALID, field: 'phone' });
    const phone = uniquePhone();
    const purpose = await send(app, phone, 'spam');
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json()).toMatchObject({ code: 'OPTION_INVALID', field: 'purpose' });
    expect(await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone))).toHaveLength(0);
  });
});

describe('SMS resend wait from the config (SMS_RESEND_SECONDS, lowered for E2E)', () => {
  it('defaults to 60 s and refuses 0 or a non-number', () => {
    const base = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/x' };
    expect(loadConfig(base).smsResendSeconds).toBe(60);
    expect(loadConfig({ ...base, SMS_RESEND_SECONDS: '2' }).smsResendSeconds).toBe(2);
    expect(() => loadConfig({ ...base, SMS_RESEND_SECONDS: '0' })).toThrow(/SMS_RESEND_SECONDS/);
    expect(() => loadConfig({ ...base, SMS_RESEND_SECONDS: 'soon' })).toThrow(/SMS_RESEND_SECONDS/);
  });

  it('a configured wait is enforced and announced to the client', async () => {
    const clock = manualClock();
    const app = await buildTestApp({ enableTestEndpoints: true, smsResendSeconds: 5 }, { clock });
    try {
      const phone = uniquePhone();
      const first = await send(app, phone);
      expect(first.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 5 });
      clock.advance(4_000);
      expect((await send(app, phone)).json().code).toBe('RATE_LIMITED');
      clock.advance(2_000);
      expect((await send(app, phone)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('SMS adapters', () => {
  it('does not register the test endpoint unless enabled', async () => {
    const app = await buildTestApp();
    try {
      const phone = uniquePhone();
      expect((await send(app, phone)).statusCode).toBe(200);
      const res = await latestCode(app, phone);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND });
    } finally {
      await app.close();
    }
  });

  it('forgets the code when the provider fails, so the person may retry at once', async () => {
    let fail = true;
    const sent: string[] = [];
    const flaky: SmsSender = {
      kind: 'real',
      async send(_phone, text) {
        if (fail) throw new Error('provider down');
        sent.push(text);
      },
    };
    const app = await buildTestApp({}, { sms: flaky });
    try {
      const phone = uniquePhone();
      const down = await send(app, phone);
      expect(down.statusCode).toBe(502);
      expect(down.json().code).toBe('SMS_SEND_FAILED');
      expect(await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone))).toHaveLength(0);
      fail = false;
      expect((await send(app, phone)).statusCode).toBe(200);
      expect(sent[0]).toMatch(/验证码\d{6}/);
    } finally {
      await app.close();
    }
  });

  it('real adapter POSTs phone and text to the provider with the API key', async () => {
    const received: { auth?: string; body: unknown }[] = [];
    let status = 200;
    const server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
        res.statusCode = status;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
      const sender = new RealSmsSender({ providerUrl: url, apiKey: 'k-123' });
      await sender.send('13900000000', 'hello 123456');
      expect(received).toEqual([{ auth: 'Bearer k-123', body: { phone: '13900000000', text: 'hello 123456' } }]);
      status = 500;
      await expect(sender.send('13900000000', 'x')).rejects.toThrow('HTTP 500');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('config: simulator by default, real adapters need their credentials', () => {
    const base = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/x' };
    expect(loadConfig(base)).toMatchObject({ smsAdapter: 'simulator', wechatAdapter: 'simulator', enableTestEndpoints: false });
    expect(() => loadConfig({ ...base, SMS_ADAPTER: 'real' })).toThrow(/SMS_PROVIDER_URL/);
    expect(() => loadConfig({ ...base, WECHAT_ADAPTER: 'real', WECHAT_APPID: 'wx1' })).toThrow(/WECHAT_SECRET/);
    expect(loadConfig({ ...base, SMS_ADAPTER: 'real', SMS_PROVIDER_URL: 'https://sms.example.com/send', SMS_API_KEY: 'k' })).toMatchObject({
      smsAdapter: 'real',
      smsProviderUrl: 'https://sms.example.com/send',
    });
  });
});
