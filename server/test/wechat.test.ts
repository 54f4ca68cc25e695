import { eq } from 'drizzle-orm';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import { WechatSimulator } from '../src/adapters/wechat/simulator';
import { WechatCodeError, type WechatApi } from '../src/adapters/wechat/types';
import { users } from '../src/db/schema';
import { buildTestApp, createUser } from './helper';

let seq = 0;
/** A wx.login code unique to this run; the simulator turns the same code into the same openid. */
const wxCode = () => `wx-${process.env.JEST_WORKER_ID}-${Date.now()}-${seq++}`;

describe('WeChat login', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const loginAs = async (u: { phone: string; password: string }) => (await app.inject({ method: 'POST', url: '/api/auth/login', payload: u })).json().accessToken as string;
  const wechatLogin = (code: string) => app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code } });
  const bind = (token: string | undefined, code: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/wechat/bind',
      payload: { code },
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });

  it('simulator: the same code gives the same openid, different codes different ones', async () => {
    const sim = new WechatSimulator();
    const a = await sim.code2session('abc');
    expect(a).toEqual(await sim.code2session('abc'));
    expect(a.openid).toMatch(/^sim-[0-9a-f]{24}$/);
    expect((await sim.code2session('abd')).openid).not.toBe(a.openid);
    await expect(sim.getUnlimitedQrCode()).rejects.toThrow(/not supported/);
  });

  it('an unbound WeChat gets a typed error, so the client shows the login page', async () => {
    const res = await wechatLogin(wxCode());
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'WECHAT_NOT_BOUND', message: ErrorMessages.WECHAT_NOT_BOUND });
  });

  it('logs in silently after binding', async () => {
    const u = await createUser(app);
    const code = wxCode();
    expect((await bind(await loginAs(u), code)).statusCode).toBe(204);
    const res = await wechatLogin(code);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.phone).toBe(u.phone);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${res.json().accessToken}` } });
    expect(me.json().phone).toBe(u.phone);
    // binding the same WeChat again is harmless
    expect((await bind(await loginAs(u), code)).statusCode).toBe(204);
  });

  it('refuses a WeChat already bound to another account, changing nothing', async () => {
    const a = await createUser(app);
    const b = await createUser(app);
    const code = wxCode();
    await bind(await loginAs(a), code);
    const res = await bind(await loginAs(b), code);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'WECHAT_BOUND_ELSEWHERE', field: 'code' });
    expect((await wechatLogin(code)).json().user.phone).toBe(a.phone);
    const [rowB] = await app.db.select().from(users).where(eq(users.phone, b.phone));
    expect(rowB.wxOpenid).toBeNull();
  });

  it('concurrent binds of one WeChat to two accounts: one winner', async () => {
    const a = await createUser(app);
    const b = await createUser(app);
    const code = wxCode();
    const [ta, tb] = [await loginAs(a), await loginAs(b)];
    const results = await Promise.all([bind(ta, code), bind(tb, code)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
  });

  it('rebinding moves the account to the new WeChat; unbinding ends silent login', async () => {
    const u = await createUser(app);
    const token = await loginAs(u);
    const first = wxCode();
    const second = wxCode();
    await bind(token, first);
    await bind(token, second);
    expect((await wechatLogin(first)).statusCode).toBe(404);
    expect((await wechatLogin(second)).statusCode).toBe(200);
    const un = await app.inject({ method: 'DELETE', url: '/api/auth/wechat/bind', headers: { authorization: `Bearer ${token}` } });
    expect(un.statusCode).toBe(204);
    expect((await wechatLogin(second)).statusCode).toBe(404);
  });

  it('binding needs a login and a code', async () => {
    const anonymous = await bind(undefined, wxCode());
    expect(anonymous.statusCode).toBe(401);
    const u = await createUser(app);
    const empty = await bind(await loginAs(u), '  ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'REQUIRED', field: 'code' });
  });

  it('a code WeChat refuses answers 400 on the code field', async () => {
    const refusing: WechatApi = {
      kind: 'real',
      code2session: async () => {
        throw new WechatCodeError(40029);
      },
      getUnlimitedQrCode: async () => Buffer.alloc(0),
    };
    const other = await buildTestApp({}, { wechat: refusing });
    try {
      const res = await other.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'used' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'WECHAT_CODE_INVALID', field: 'code' });
    } finally {
      await other.close();
    }
  });
});
