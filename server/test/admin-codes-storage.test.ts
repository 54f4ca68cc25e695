import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { App } from '../src/app';
import { adminCodes } from '../src/db/schema';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { buildTestApp, manualClock, uniquePhone } from './helper';
import { insertOrg, onboardedCadre, orgTree, VALID_IDS } from './fixtures';
import { readXlsx } from './excel';

/**
 * Issue 12 item 12: codes stored as a keyed hash + ciphertext, and the export's state change
 * is a POST. Issue 13 item 2: exporting never invalidates a code handed out; the codes in
 * force can be listed again; re-issuing is the one action that retires a code.
 */
describe('admin codes: storage, listing and export', () => {
  let app: App;
  const clock = manualClock(new Date('2026-03-01T08:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let admin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    app = await buildTestApp({ rateLimitLoginPerMinute: 1000 }, { clock });
    tree = await orgTree(app);
    admin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  const call = (method: 'GET' | 'POST', url: string, headers = admin.headers) => app.inject({ method, url: `/api${url}`, headers });
  const list = async (orgId = tree.city.id) => (await call('GET', `/orgs/${orgId}/admin-codes`)).json().items as { orgId: string; code: string; expiresAt: string }[];
  const exportCodes = async (orgId = tree.city.id) => {
    const res = await call('POST', `/orgs/${orgId}/admin-codes/export`);
    expect(res.statusCode).toBe(200);
    return res.json().items as { orgId: string; code: string; expiresAt: string }[];
  };
  const sheet = async (orgId = tree.city.id) => {
    const res = await call('GET', `/orgs/${orgId}/admin-codes.xlsx`);
    expect(res.statusCode).toBe(200);
    return (await readXlsx(res.rawPayload)).slice(1);
  };
  const tableChecksum = async () => (await app.db.execute(sql`checksum table admin_codes`))[0] as unknown as { Checksum: number }[];
  const register = async (code: string, orgId: number, idNumber: string) => {
    const phone = uniquePhone();
    clock.advance(61_000);
    await app.inject({ method: 'POST', url: '/api/auth/sms', payload: { phone, purpose: 'adminRegister' } });
    const smsCode = (app.sms as SmsSimulator).lastCode(phone)!;
    return app.inject({
      method: 'POST',
      url: '/api/auth/admin-register',
      payload: { orgId: String(orgId), position: 'secretary', code, name: '周管理', idNumber, phone, smsCode, password: 'pass1234', confirmPassword: 'pass1234', joinedAt: '2020-05' },
    });
  };

  it('stores no code in plain text: a keyed hash to find it, ciphertext to show it again', async () => {
    const { code } = (await call('POST', `/orgs/${tree.city.id}/children/${tree.school.id}/admin-code`)).json();
    const [row] = await app.db
      .select()
      .from(adminCodes)
      .where(eq(adminCodes.codeHash, app.pii.secretHash(code)));
    expect(row).toBeDefined();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(code);
    // not an unkeyed hash either (8 characters are few enough to try them all)
    expect(row.codeHash).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(app.pii.decrypt(row.codeEnc!)).toBe(code);
    // case-sensitive: the same letters in another case are another code
    const swapped = code.replace(/[A-Za-z]/g, (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
    if (swapped !== code) expect(app.pii.secretHash(swapped)).not.toBe(row.codeHash);
    const lookup = await app.inject({ method: 'POST', url: '/api/admin-codes/lookup', payload: { code } });
    expect(lookup.json()).toMatchObject({ orgId: String(tree.school.id) });
  });

  it('lists the codes in force after leaving and coming back (decrypted for the parent org admins only)', async () => {
    const { code, expiresAt } = (await call('POST', `/orgs/${tree.city.id}/children/${tree.school.id}/admin-code`)).json();
    expect(await list()).toEqual([{ orgId: String(tree.school.id), orgName: tree.school.shortName, code, expiresAt }]);
    const outsider = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    expect((await call('GET', `/orgs/${tree.city.id}/admin-codes`, outsider.headers)).statusCode).toBe(403);
    expect((await call('POST', `/orgs/${tree.city.id}/admin-codes/export`, outsider.headers)).statusCode).toBe(403);
    const cadre = await onboardedCadre(app, tree.city.id, { isOperator: true });
    expect((await call('GET', `/orgs/${tree.city.id}/admin-codes`, cadre.headers)).statusCode).toBe(403);
  });

  it('exporting twice gives the same codes and the code handed out before still registers', async () => {
    const second = await insertOrg(app, tree.city, 'grassrootsCommittee');
    const handedOut = (await call('POST', `/orgs/${tree.city.id}/children/${tree.school.id}/admin-code`)).json().code;

    const first = await exportCodes();
    // the school keeps its code; the org without one gets one
    expect(first.find((c) => c.orgId === String(tree.school.id))!.code).toBe(handedOut);
    expect(first.find((c) => c.orgId === String(second.id))!.code).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(await exportCodes()).toEqual(first);
    expect(await list()).toEqual(first);

    // the sheet is a read: downloading it twice changes nothing and shows the same codes
    const before = await tableChecksum();
    const rows = await sheet();
    expect(await sheet()).toEqual(rows);
    expect(await tableChecksum()).toEqual(before);
    expect(rows.map((r) => r[2]).sort()).toEqual(first.map((c) => c.code).sort());

    expect((await register(handedOut, tree.school.id, VALID_IDS[0])).statusCode).toBe(200);
    // used: no longer in force, so the next export issues the school a new one
    const third = await exportCodes();
    expect(third.find((c) => c.orgId === String(tree.school.id))!.code).not.toBe(handedOut);
    expect(third.find((c) => c.orgId === String(second.id))!.code).toBe(first.find((c) => c.orgId === String(second.id))!.code);
  });

  it('re-issuing is what retires the earlier code', async () => {
    const child = await insertOrg(app, tree.city, 'grassrootsCommittee');
    const old = (await call('POST', `/orgs/${tree.city.id}/children/${child.id}/admin-code`)).json().code;
    const fresh = (await call('POST', `/orgs/${tree.city.id}/children/${child.id}/admin-code`)).json().code;
    expect((await list()).find((c) => c.orgId === String(child.id))!.code).toBe(fresh);
    const refused = await register(old, child.id, VALID_IDS[1]);
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'ADMIN_CODE_EXPIRED']);
    expect((await register(fresh, child.id, VALID_IDS[1])).statusCode).toBe(200);
  });

  it('codes stored before the hash (no hash, no ciphertext) match nothing and are not listed', async () => {
    const child = await insertOrg(app, tree.city, 'grassrootsCommittee');
    await app.db.insert(adminCodes).values({ orgId: child.id, issuedBy: admin.userId, expiresAt: new Date(clock.now().getTime() + 86_400_000) });
    expect((await list()).some((c) => c.orgId === String(child.id))).toBe(false);
    expect((await exportCodes()).find((c) => c.orgId === String(child.id))!.code).toMatch(/^[0-9A-Za-z]{8}$/);
  });
});
