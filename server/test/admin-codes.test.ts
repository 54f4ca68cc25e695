import { ErrorMessages } from '@tj/shared';
import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { adminCodes, rosterEntries } from '../src/db/schema';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { buildTestApp, manualClock, uniquePhone } from './helper';
import { cadreCountDrift, onboardedCadre, orgTree, VALID_IDS } from './fixtures';
import { readXlsx } from './excel';

describe('admin registration codes (§3.4)', () => {
  let app: App;
  const clock = manualClock(new Date('2026-03-01T08:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let cityAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    // Many registrations from one test IP: lift the per-IP limit (its own tests live in auth/sms).
    app = await buildTestApp({ rateLimitLoginPerMinute: 1000 }, { clock });
    tree = await orgTree(app);
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  const issue = async (orgId = tree.city.id, childId = tree.school.id) =>
    app.inject({ method: 'POST', url: `/api/orgs/${orgId}/children/${childId}/admin-code`, headers: cityAdmin.headers });

  async function smsFor(phone: string) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'adminRegister' } });
    expect([res.statusCode, res.body]).toEqual([200, expect.any(String)]);
    return (app.sms as SmsSimulator).lastCode(phone)!;
  }

  const registration = (code: string, phone: string, smsCode: string, idNumber = VALID_IDS[1]) => ({
    orgId: String(tree.school.id),
    position: 'secretary',
    code,
    name: '周管理',
    idNumber,
    phone,
    smsCode,
    password: 'pass1234',
    confirmPassword: 'pass1234',
    joinedAt: '2020-05',
  });

  it('issues an 8-character case-sensitive code valid for 20 days, for direct subordinates only', async () => {
    const res = await issue();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.code).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(new Date(body.expiresAt).getTime() - clock.now().getTime()).toBe(20 * 86_400_000);
    const notDirect = await issue(tree.city.id, tree.grade.id);
    expect(notDirect.statusCode).toBe(404);
  });

  it('registers an admin with a code: logged in, onboarded admin of the org, code used up', async () => {
    const { code } = (await issue()).json();
    const lookup = await app.inject({ method: 'POST', url: '/api/admin-codes/lookup', payload: { code } });
    expect(lookup.json()).toMatchObject({ orgId: String(tree.school.id), pathNames: [tree.province.shortName, tree.city.shortName] });
    const wrongCase = await app.inject({ method: 'POST', url: '/api/admin-codes/lookup', payload: { code: code.toLowerCase() === code ? code.toUpperCase() : code.toLowerCase() } });
    if (/[A-Za-z]/.test(code)) expect(wrongCase.json().code).toBe('ADMIN_CODE_INVALID');

    const phone = uniquePhone();
    const res = await app.inject({ method: 'POST', url: '/api/auth/admin-register', payload: registration(code, phone, await smsFor(phone)) });
    expect(res.statusCode).toBe(200);
    const mine = await app.inject({ method: 'GET', url: '/api/me/orgs', headers: { authorization: `Bearer ${res.json().accessToken}` } });
    expect(mine.json().items).toEqual([expect.objectContaining({ id: String(tree.school.id), isAdmin: true, position: 'secretary' })]);

    const again = uniquePhone();
    const reuse = await app.inject({ method: 'POST', url: '/api/auth/admin-register', payload: registration(code, again, await smsFor(again), VALID_IDS[2]) });
    expect([reuse.statusCode, reuse.json().code]).toEqual([409, 'ADMIN_CODE_USED']);
    expect(reuse.json()).toMatchObject({ code: 'ADMIN_CODE_USED', message: ErrorMessages.ADMIN_CODE_USED });
  });

  it('20 parallel registrations with one code: exactly one succeeds', async () => {
    const org = tree.grade; // a fresh org with no admins yet
    const { code } = (await app.inject({ method: 'POST', url: `/api/orgs/${tree.school.id}/children/${org.id}/admin-code`, headers: cityAdmin.headers })).json();
    const phones = Array.from({ length: 20 }, () => uniquePhone());
    const sms = await Promise.all(phones.map(smsFor));
    const results = await Promise.all(
      phones.map((phone, i) =>
        app.inject({ method: 'POST', url: '/api/auth/admin-register', payload: { ...registration(code, phone, sms[i], VALID_IDS[i % 5]), orgId: String(org.id), position: 'secretary' } }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => r.json().code === 'ADMIN_CODE_USED')).toBe(true);
    const admins = await app.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.orgId, org.id), eq(rosterEntries.isAdmin, true)));
    expect(admins).toHaveLength(1);
    // the registration's new roster lines are counted in orgs.cadre_count (entry progress)
    expect(await cadreCountDrift(app, tree.province.path)).toEqual([]);
  });

  it('refuses an expired code (20 days) and a third admin', async () => {
    const { code } = (await issue(tree.city.id, tree.school.id)).json();
    clock.advance(20 * 86_400_000);
    const phone = uniquePhone();
    const res = await app.inject({ method: 'POST', url: '/api/auth/admin-register', payload: registration(code, phone, await smsFor(phone), VALID_IDS[3]) });
    expect(res.json().code).toBe('ADMIN_CODE_EXPIRED');

    // the school has one admin from the test above; add a second, then a third is refused
    for (const [i, expected] of [
      [3, 200],
      [4, 409],
    ] as const) {
      const fresh = (await issue(tree.city.id, tree.school.id)).json().code;
      const p = uniquePhone();
      clock.advance(61_000);
      const r = await app.inject({ method: 'POST', url: '/api/auth/admin-register', payload: registration(fresh, p, await smsFor(p), VALID_IDS[i]) });
      expect([i, r.statusCode, r.json().code]).toEqual([i, expected, expected === 200 ? undefined : 'ADMIN_LIMIT_REACHED']);
      if (expected === 409) expect(r.json().code).toBe('ADMIN_LIMIT_REACHED');
    }
    // the refused registration did not burn its code
    const unused = await app.db
      .select()
      .from(adminCodes)
      .where(and(eq(adminCodes.orgId, tree.school.id)));
    expect(unused.filter((c) => c.usedAt == null && c.expiresAt > clock.now())).toHaveLength(1);
  });

  it('exports a code in force for every direct subordinate to Excel', async () => {
    const { headers } = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    expect((await app.inject({ method: 'POST', url: `/api/orgs/${tree.province.id}/admin-codes/export`, headers })).statusCode).toBe(200);
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${tree.province.id}/admin-codes.xlsx`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['组织简称', '组织全称', '管理员注册码', '有效期至']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([tree.city.shortName, tree.otherCity.shortName].sort());
    expect(rows.slice(1).every((r) => /^[0-9A-Za-z]{8}$/.test(r[2]))).toBe(true);
  });

  it('refuses an admin of another subtree', async () => {
    const other = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    const res = await app.inject({ method: 'POST', url: `/api/orgs/${tree.city.id}/children/${tree.school.id}/admin-code`, headers: other.headers });
    expect(res.statusCode).toBe(403);
    const exp = await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/admin-codes.xlsx`, headers: other.headers });
    expect(exp.statusCode).toBe(403);
  });
});
