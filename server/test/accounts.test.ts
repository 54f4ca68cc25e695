import { and, eq } from 'drizzle-orm';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import { auditLogs, passwordResetCodes, refreshTokens, smsCodes, users } from '../src/db/schema';
import { issueResetCode } from '../src/modules/accounts/service';
import { checkSmsCode } from '../src/modules/accounts/sms-codes';
import { buildTestApp, createUser, manualClock, uniquePhone } from './helper';

/** The issuing org is the lead's concern (orgs module); any id will do for the service, and
 * one no real test org has keeps these rows out of org-scoped audit queries. */
const ORG_ID = 987_654;

describe('accounts', () => {
  const clock = manualClock();
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp({ enableTestEndpoints: true, rateLimitLoginPerMinute: 1000 }, { clock });
  });
  afterAll(() => app.close());

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
  /** Sends a code through the API and reads it back from the simulator via the test endpoint. */
  const codeFor = async (phone: string, purpose: string) => {
    const sent = await post('/api/auth/sms', { phone, purpose });
    expect(sent.statusCode).toBe(200);
    return (await app.inject({ method: 'GET', url: `/api/test/sms/${phone}` })).json().code as string;
  };
  const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const registration = (phone: string, smsCode: string, extra: object = {}) => ({
    phone,
    password: 'abc12345',
    confirmPassword: 'abc12345',
    smsCode,
    regionCode: '440106',
    agreed: true,
    ...extra,
  });
  const userByPhone = async (phone: string) => (await app.db.select().from(users).where(eq(users.phone, phone)))[0];
  const login = (phone: string, password: string) => post('/api/auth/login', { phone, password });

  describe('registration', () => {
    it('registers with an SMS code, logs in, and can log in with the password later', async () => {
      const phone = uniquePhone();
      const code = await codeFor(phone, 'register');
      const res = await post('/api/auth/register', registration(phone, code));
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user).toMatchObject({ phone, name: null });
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
      expect(me.json().phone).toBe(phone);
      const user = await userByPhone(phone);
      expect(user.regionCode).toBe('440106');
      expect(user.passwordHash).toMatch(/^scrypt\$/);
      expect(user.passwordHash).not.toContain('abc12345');
      const [agreement] = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'user.register'), eq(auditLogs.targetId, String(user.id))));
      expect(agreement.after).toMatchObject({ regionCode: '440106', agreementAcceptedAt: expect.any(String) });
      expect((await login(phone, 'abc12345')).statusCode).toBe(200);
    });

    it('refuses a wrong code and creates nothing', async () => {
      const phone = uniquePhone();
      const code = await codeFor(phone, 'register');
      const res = await post('/api/auth/register', registration(phone, wrongOf(code)));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'SMS_CODE_WRONG', message: ErrorMessages.SMS_CODE_WRONG, field: 'smsCode' });
      expect(await userByPhone(phone)).toBeUndefined();
      // the right code still works after one wrong try
      expect((await post('/api/auth/register', registration(phone, code))).statusCode).toBe(200);
    });

    it('a code expires after 5 minutes', async () => {
      const phone = uniquePhone();
      const code = await codeFor(phone, 'register');
      clock.advance(5 * 60_000 + 1);
      const res = await post('/api/auth/register', registration(phone, code));
      expect(res.json().code).toBe('SMS_CODE_WRONG');
      expect(await userByPhone(phone)).toBeUndefined();
    });

    it('a code works once', async () => {
      const phone = uniquePhone();
      const code = await codeFor(phone, 'register');
      expect((await post('/api/auth/register', registration(phone, code))).statusCode).toBe(200);
      await expect(checkSmsCode(app.db, { phone, purpose: 'register', code }, clock.now())).rejects.toMatchObject({ code: 'SMS_CODE_WRONG' });
      const [row] = await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
      expect(row.usedAt).not.toBeNull();
    });

    it('concurrent registrations with one code: exactly one account', async () => {
      const phone = uniquePhone();
      const code = await codeFor(phone, 'register');
      const results = await Promise.all(Array.from({ length: 5 }, () => post('/api/auth/register', registration(phone, code))));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(results.filter((r) => r.statusCode !== 200).every((r) => ['SMS_CODE_WRONG', 'MOBILE_TAKEN'].includes(r.json().code))).toBe(true);
      expect(await app.db.select().from(users).where(eq(users.phone, phone))).toHaveLength(1);
    });

    it('5 wrong tries kill the code, even if the 6th is right', async () => {
      const phone = uniquePhone();
      const code = await codeFor(phone, 'register');
      for (let i = 0; i < 5; i++) {
        expect((await post('/api/auth/register', registration(phone, wrongOf(code)))).json().code).toBe('SMS_CODE_WRONG');
      }
      const right = await post('/api/auth/register', registration(phone, code));
      expect(right.json().code).toBe('SMS_CODE_WRONG');
      expect(await userByPhone(phone)).toBeUndefined();
      const [row] = await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
      expect(row.attempts).toBe(5);
    });

    it('only the latest code counts', async () => {
      const phone = uniquePhone();
      const first = await codeFor(phone, 'register');
      clock.advance(61_000);
      const second = await codeFor(phone, 'register');
      if (first !== second) expect((await post('/api/auth/register', registration(phone, first))).json().code).toBe('SMS_CODE_WRONG');
      expect((await post('/api/auth/register', registration(phone, second))).statusCode).toBe(200);
    });

    it('refuses a taken phone with MOBILE_TAKEN', async () => {
      const u = await createUser(app);
      const res = await post('/api/auth/register', registration(u.phone, '123456'));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'MOBILE_TAKEN', message: ErrorMessages.MOBILE_TAKEN, field: 'phone' });
    });

    it.each([
      [{ password: 'abc', confirmPassword: 'abc' }, 'PASSWORD_INVALID', 'password'],
      [{ password: 'qwerty123', confirmPassword: 'qwerty123' }, 'PASSWORD_TOO_COMMON', 'password'],
      [{ confirmPassword: 'abc99999' }, 'PASSWORD_MISMATCH', 'confirmPassword'],
      [{ regionCode: '44' }, 'REGION_INVALID', 'regionCode'],
      [{ regionCode: '449999' }, 'REGION_UNKNOWN', 'regionCode'],
      [{ regionCode: '440100' }, 'REGION_UNKNOWN', 'regionCode'],
      [{ agreed: false }, 'AGREEMENT_REQUIRED', 'agreed'],
      [{ smsCode: '12ab56' }, 'SMS_CODE_INVALID', 'smsCode'],
    ])('bad input %j → %s, nothing changes', async (extra, code, field) => {
      const phone = uniquePhone();
      const sms = await codeFor(phone, 'register');
      const res = await post('/api/auth/register', registration(phone, sms, extra));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code, message: ErrorMessages[code as keyof typeof ErrorMessages], field });
      expect(await userByPhone(phone)).toBeUndefined();
      const [row] = await app.db.select().from(smsCodes).where(eq(smsCodes.phone, phone));
      expect(row).toMatchObject({ attempts: 0, usedAt: null });
    });
  });

  describe('SMS login', () => {
    it('logs in with phone + SMS code', async () => {
      const u = await createUser(app);
      const code = await codeFor(u.phone, 'login');
      const res = await post('/api/auth/login/sms', { phone: u.phone, smsCode: code });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.phone).toBe(u.phone);
      expect((await post('/api/auth/login/sms', { phone: u.phone, smsCode: code })).json().code).toBe('SMS_CODE_WRONG');
    });

    it('refuses an unknown phone as a wrong code, like a known phone with a wrong code (no account revealed)', async () => {
      const res = await post('/api/auth/login/sms', { phone: uniquePhone(), smsCode: '123456' });
      const known = await createUser(app);
      const code = await codeFor(known.phone, 'login');
      const wrong = await post('/api/auth/login/sms', { phone: known.phone, smsCode: wrongOf(code) });
      expect(res.json()).toEqual({ code: 'SMS_CODE_WRONG', message: ErrorMessages.SMS_CODE_WRONG, field: 'smsCode' });
      expect(wrong.json()).toEqual(res.json());
    });

    it('is rate-limited per phone like password login', async () => {
      const limited = await buildTestApp({ rateLimitLoginPerMinute: 2 });
      try {
        const u = await createUser(limited);
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          statuses.push((await limited.inject({ method: 'POST', url: '/api/auth/login/sms', payload: { phone: u.phone, smsCode: '000000' } })).statusCode);
        }
        expect(statuses).toEqual([400, 400, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('password reset by SMS', () => {
    it('sets the new password and revokes every session', async () => {
      const u = await createUser(app, 'old12345');
      const { refreshToken } = (await login(u.phone, 'old12345')).json();
      const code = await codeFor(u.phone, 'resetPassword');
      const res = await post('/api/auth/password/reset', { phone: u.phone, smsCode: code, password: 'new12345', confirmPassword: 'new12345' });
      expect(res.statusCode).toBe(204);
      expect((await login(u.phone, 'old12345')).statusCode).toBe(401);
      expect((await login(u.phone, 'new12345')).statusCode).toBe(200);
      const refresh = await post('/api/auth/refresh', { refreshToken });
      expect(refresh.json().code).toBe('TOKEN_EXPIRED');
    });

    it('access tokens issued before the reset are refused at once, used before or not; new ones work (issue 12 item 14)', async () => {
      const u = await createUser(app, 'old12345');
      const used = (await login(u.phone, 'old12345')).json().accessToken;
      const unused = (await login(u.phone, 'old12345')).json().accessToken;
      const me = (token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect((await me(used)).statusCode).toBe(200); // now cached as verified
      const code = await codeFor(u.phone, 'resetPassword');
      expect((await post('/api/auth/password/reset', { phone: u.phone, smsCode: code, password: 'new12345', confirmPassword: 'new12345' })).statusCode).toBe(204);
      for (const token of [used, unused]) {
        const res = await me(token);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('UNAUTHORIZED');
      }
      const fresh = (await login(u.phone, 'new12345')).json().accessToken;
      expect((await me(fresh)).statusCode).toBe(200);
      // another instance on the same database, which never saw the reset, refuses it too
      const other = await buildTestApp();
      try {
        expect((await other.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${unused}` } })).statusCode).toBe(401);
        expect((await other.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${fresh}` } })).statusCode).toBe(200);
      } finally {
        await other.close();
      }
    });

    it('an unknown phone answers like a wrong code (no account revealed)', async () => {
      const res = await post('/api/auth/password/reset', { phone: uniquePhone(), smsCode: '123456', password: 'new12345', confirmPassword: 'new12345' });
      expect(res.json()).toEqual({ code: 'SMS_CODE_WRONG', message: ErrorMessages.SMS_CODE_WRONG, field: 'smsCode' });
    });

    it('refuses a code sent for another purpose', async () => {
      const u = await createUser(app, 'old12345');
      const loginCode = await codeFor(u.phone, 'login');
      const res = await post('/api/auth/password/reset', { phone: u.phone, smsCode: loginCode, password: 'new12345', confirmPassword: 'new12345' });
      expect(res.json()).toMatchObject({ code: 'SMS_CODE_WRONG', field: 'smsCode' });
      expect((await login(u.phone, 'old12345')).statusCode).toBe(200);
    });

    it('a wrong code or mismatched confirmation changes nothing', async () => {
      const u = await createUser(app, 'old12345');
      const code = await codeFor(u.phone, 'resetPassword');
      const before = (await userByPhone(u.phone)).passwordHash;
      const wrong = await post('/api/auth/password/reset', { phone: u.phone, smsCode: wrongOf(code), password: 'new12345', confirmPassword: 'new12345' });
      expect(wrong.json()).toMatchObject({ code: 'SMS_CODE_WRONG', field: 'smsCode' });
      const mismatch = await post('/api/auth/password/reset', { phone: u.phone, smsCode: code, password: 'new12345', confirmPassword: 'new99999' });
      expect(mismatch.json()).toMatchObject({ code: 'PASSWORD_MISMATCH', field: 'confirmPassword' });
      expect((await userByPhone(u.phone)).passwordHash).toBe(before);
    });
  });

  describe('change password (settings)', () => {
    const change = (token: string, payload: object) => app.inject({ method: 'POST', url: '/api/auth/password/change', headers: { authorization: `Bearer ${token}` }, payload });

    it('needs the old password, ends every other session and returns a new one', async () => {
      const u = await createUser(app, 'old12345');
      const other = (await login(u.phone, 'old12345')).json();
      const mine = (await login(u.phone, 'old12345')).json();
      const res = await change(mine.accessToken, { oldPassword: 'old12345', password: 'new12345', confirmPassword: 'new12345' });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.phone).toBe(u.phone);
      expect((await login(u.phone, 'old12345')).statusCode).toBe(401);
      expect((await login(u.phone, 'new12345')).statusCode).toBe(200);
      expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).json().code).toBe('TOKEN_EXPIRED');
      expect((await post('/api/auth/refresh', { refreshToken: res.json().refreshToken })).statusCode).toBe(200);
      // the returned session carries the new password version; the old access token is refused
      const me = (token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect((await me(res.json().accessToken)).statusCode).toBe(200);
      expect((await me(mine.accessToken)).statusCode).toBe(401);
      const user = await userByPhone(u.phone);
      const logs = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'user.password_change'), eq(auditLogs.targetId, String(user.id))));
      expect(logs).toHaveLength(1);
    });

    it('a wrong old password, a bad new one or a mismatch changes nothing', async () => {
      const u = await createUser(app, 'old12345');
      const { accessToken } = (await login(u.phone, 'old12345')).json();
      const before = (await userByPhone(u.phone)).passwordHash;
      const wrong = await change(accessToken, { oldPassword: 'nope12345', password: 'new12345', confirmPassword: 'new12345' });
      expect([wrong.statusCode, wrong.json()]).toEqual([400, { code: 'OLD_PASSWORD_WRONG', field: 'oldPassword', message: ErrorMessages.OLD_PASSWORD_WRONG }]);
      const bad = await change(accessToken, { oldPassword: 'old12345', password: '1', confirmPassword: '1' });
      expect(bad.json()).toMatchObject({ code: 'PASSWORD_INVALID', field: 'password' });
      const mismatch = await change(accessToken, { oldPassword: 'old12345', password: 'new12345', confirmPassword: 'new99999' });
      expect(mismatch.json()).toMatchObject({ code: 'PASSWORD_MISMATCH', field: 'confirmPassword' });
      expect((await userByPhone(u.phone)).passwordHash).toBe(before);
    });

    it('needs a session', async () => {
      const res = await post('/api/auth/password/change', { oldPassword: 'old12345', password: 'new12345', confirmPassword: 'new12345' });
      expect(res.statusCode).toBe(401);
    });

    it('is rate-limited per account', async () => {
      const limited = await buildTestApp({ rateLimitLoginPerMinute: 2 });
      try {
        const u = await createUser(limited, 'old12345');
        const { accessToken } = (await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { phone: u.phone, password: 'old12345' } })).json();
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await limited.inject({
            method: 'POST',
            url: '/api/auth/password/change',
            headers: { authorization: `Bearer ${accessToken}` },
            payload: { oldPassword: 'wrong1234', password: 'new12345', confirmPassword: 'new12345' },
          });
          statuses.push(res.statusCode);
        }
        expect(statuses).toEqual([400, 400, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('admin-issued reset code (§10)', () => {
    const useCode = (payload: object) => post('/api/auth/reset-by-code', { password: 'new12345', confirmPassword: 'new12345', ...payload });

    async function personWithCode(password = 'old12345') {
      const u = await createUser(app, password);
      const admin = await createUser(app);
      const user = await userByPhone(u.phone);
      const adminUser = await userByPhone(admin.phone);
      const code = await issueResetCode(app.db, { userId: user.id, issuedBy: adminUser.id, orgId: ORG_ID }, clock.now());
      return { ...u, id: user.id, code };
    }

    it('issues a 6-digit code stored hashed for 24 h, audited', async () => {
      const p = await personWithCode();
      expect(p.code).toMatch(/^\d{6}$/);
      const [row] = await app.db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, p.id));
      expect(row.codeHash).not.toContain(p.code);
      expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * 3600_000);
      const logs = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'password_reset_code.issue'), eq(auditLogs.targetId, String(p.id))));
      expect(logs).toHaveLength(1);
    });

    it('resets the password once, revoking sessions; the code is single use', async () => {
      const p = await personWithCode();
      const { refreshToken, accessToken } = (await login(p.phone, 'old12345')).json();
      expect((await useCode({ phone: p.phone, code: p.code })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${accessToken}` } })).statusCode).toBe(401);
      expect((await login(p.phone, 'new12345')).statusCode).toBe(200);
      expect((await post('/api/auth/refresh', { refreshToken })).statusCode).toBe(401);
      const again = await useCode({ phone: p.phone, code: p.code, password: 'other123', confirmPassword: 'other123' });
      expect(again.json()).toEqual({ code: 'RESET_CODE_WRONG', message: ErrorMessages.RESET_CODE_WRONG, field: 'code' });
      expect((await login(p.phone, 'new12345')).statusCode).toBe(200);
    });

    it('concurrent uses: one winner', async () => {
      const p = await personWithCode();
      const results = await Promise.all(Array.from({ length: 4 }, () => useCode({ phone: p.phone, code: p.code })));
      expect(results.filter((r) => r.statusCode === 204)).toHaveLength(1);
    });

    it('expires after 24 hours', async () => {
      const p = await personWithCode();
      clock.advance(24 * 3600_000 + 1);
      expect((await useCode({ phone: p.phone, code: p.code })).json().code).toBe('RESET_CODE_WRONG');
      expect((await login(p.phone, 'old12345')).statusCode).toBe(200);
    });

    it('a new code retires the previous one', async () => {
      const p = await personWithCode();
      const [row] = await app.db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, p.id));
      const second = await issueResetCode(app.db, { userId: p.id, issuedBy: row.issuedBy, orgId: ORG_ID }, clock.now());
      if (second !== p.code) expect((await useCode({ phone: p.phone, code: p.code })).statusCode).toBe(400);
      expect((await useCode({ phone: p.phone, code: second })).statusCode).toBe(204);
    });

    it('5 wrong tries kill the code, even if the 6th is right', async () => {
      const p = await personWithCode();
      for (let i = 0; i < 5; i++) expect((await useCode({ phone: p.phone, code: wrongOf(p.code) })).statusCode).toBe(400);
      expect((await useCode({ phone: p.phone, code: p.code })).json().code).toBe('RESET_CODE_WRONG');
      expect((await login(p.phone, 'old12345')).statusCode).toBe(200);
    });

    it('moves the account to a new phone proven by an SMS code', async () => {
      const p = await personWithCode();
      const newPhone = uniquePhone();
      const smsCode = await codeFor(newPhone, 'register');
      expect((await useCode({ phone: p.phone, code: p.code, newPhone, smsCode })).statusCode).toBe(204);
      expect((await login(newPhone, 'new12345')).statusCode).toBe(200);
      expect((await login(p.phone, 'new12345')).statusCode).toBe(401);
    });

    it('a new phone needs its SMS code, must be free, and a wrong one changes nothing', async () => {
      const p = await personWithCode();
      const newPhone = uniquePhone();
      const missing = await useCode({ phone: p.phone, code: p.code, newPhone });
      expect(missing.json()).toMatchObject({ code: 'REQUIRED', field: 'smsCode' });
      const other = await createUser(app);
      const taken = await useCode({ phone: p.phone, code: p.code, newPhone: other.phone, smsCode: '123456' });
      expect(taken.json()).toMatchObject({ code: 'MOBILE_TAKEN', field: 'newPhone' });
      const smsCode = await codeFor(newPhone, 'register');
      const wrong = await useCode({ phone: p.phone, code: p.code, newPhone, smsCode: wrongOf(smsCode) });
      expect(wrong.json()).toMatchObject({ code: 'SMS_CODE_WRONG', field: 'smsCode' });
      expect((await userByPhone(p.phone)).id).toBe(p.id);
      expect((await login(p.phone, 'old12345')).statusCode).toBe(200);
      const [row] = await app.db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, p.id));
      expect(row.usedAt).toBeNull();
    });

    it('an unknown phone answers like a wrong code', async () => {
      const res = await useCode({ phone: uniquePhone(), code: '123456' });
      expect(res.json()).toMatchObject({ code: 'RESET_CODE_WRONG', field: 'code' });
    });
  });

  it('never keeps refresh tokens of a reset account usable', async () => {
    const u = await createUser(app, 'old12345');
    await login(u.phone, 'old12345');
    await login(u.phone, 'old12345');
    const code = await codeFor(u.phone, 'resetPassword');
    await post('/api/auth/password/reset', { phone: u.phone, smsCode: code, password: 'new12345', confirmPassword: 'new12345' });
    const user = await userByPhone(u.phone);
    const tokens = await app.db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(tokens.length).toBe(2);
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
  });
});
