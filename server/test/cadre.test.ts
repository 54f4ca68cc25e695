import { ErrorMessages } from '@tj/shared';
import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { orgs, rosterEntries, users } from '../src/db/schema';
import { buildTestApp, createUser, manualClock } from './helper';
import { insertOrg, onboardedCadre, orgTree, VALID_IDS } from './fixtures';

describe('cadre onboarding (§6)', () => {
  let app: App;
  const clock = manualClock(new Date('2026-05-01T02:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let cityAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  beforeAll(async () => {
    app = await buildTestApp({ publicBaseUrl: 'https://h5.example.org' }, { clock });
    tree = await orgTree(app);
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  const login = async (phone: string) => {
    const [u] = await app.db.select().from(users).where(eq(users.phone, phone));
    return { authorization: `Bearer ${app.jwt.sign({ sub: String(u.id) })}` };
  };
  const roster = (orgId: number, phone: string, over: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/roster`,
      headers: cityAdmin.headers,
      payload: { name: '钱团干', idNumber: VALID_IDS[0], phone, position: 'secretary', isOperator: true, ...over },
    });

  it('refuses a person in no roster and writes nothing', async () => {
    const u = await createUser(app);
    const before = await app.db.select().from(rosterEntries);
    const res = await app.inject({ method: 'POST', url: '/api/cadre/entry', headers: await login(u.phone), payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ code: 'NOT_IN_ROSTER', message: '您尚未被组织录入系统，请联系本组织管理员/运营者' });
    expect(await app.db.select().from(rosterEntries)).toEqual(before);
  });

  it('invitation → entry → position per org → alias by the first operator; a second operator is not asked', async () => {
    const branch = await insertOrg(app, tree.grade, 'branch', '新闻专业2024级1班团支部');
    const u = await createUser(app);
    const entry = (await roster(branch.id, u.phone)).json();
    await roster(tree.school.id, u.phone, { position: 'committeeMember', isOperator: false });

    const invite = await app.inject({ method: 'POST', url: `/api/orgs/${branch.id}/roster/${entry.id}/invite`, headers: cityAdmin.headers });
    expect(invite.json()).toEqual({ sent: 1, skipped: 0 });
    const text = (app.sms as SmsSimulator).lastMessage(u.phone)!;
    const token = decodeURIComponent(text.match(/token=([^（\s]+)/)![1]);
    expect(text).toContain('https://h5.example.org/cadre/pages/entry/index?token=');
    const again = await app.inject({ method: 'POST', url: `/api/orgs/${branch.id}/roster/${entry.id}/invite`, headers: cityAdmin.headers });
    expect([again.statusCode, again.json().code]).toEqual([429, 'INVITATION_TOO_FREQUENT']);

    const preview = await app.inject({ method: 'GET', url: `/api/cadre/invitations/preview?token=${encodeURIComponent(token)}` });
    expect(preview.json()).toMatchObject({ orgId: String(branch.id), cadreName: '钱团干' });

    const headers = await login(u.phone);
    const entered = await app.inject({ method: 'POST', url: '/api/cadre/entry', headers, payload: { token } });
    expect(entered.statusCode).toBe(200);
    expect(entered.json().focusOrgId).toBe(String(branch.id));
    // nothing is bound until the person confirms each line (issue 12)
    expect(entered.json().items).toEqual([]);
    const pending = entered.json().pending as { entryId: string; orgId: string; orgName: string; position: string; name: string; isOperator: boolean }[];
    expect(pending.map((p) => [p.orgId, p.position, p.name, p.isOperator])).toEqual([
      [String(branch.id), 'secretary', '钱团干', true],
      [String(tree.school.id), 'committeeMember', '钱团干', false],
    ]);
    expect(await app.db.select().from(rosterEntries).where(eq(rosterEntries.phone, u.phone))).toEqual([expect.objectContaining({ userId: null }), expect.objectContaining({ userId: null })]);
    for (const p of pending) {
      const ok = await app.inject({ method: 'POST', url: `/api/cadre/entries/${p.entryId}/confirm`, headers });
      expect([ok.statusCode, ok.json().id]).toEqual([200, p.orgId]);
    }
    const after = (await app.inject({ method: 'POST', url: '/api/cadre/entry', headers, payload: { token } })).json();
    expect(after.pending).toEqual([]);
    const items = after.items;
    expect(items.map((i: { id: string; positionSet: boolean; needsAlias: boolean }) => [i.id, i.positionSet, i.needsAlias])).toEqual([
      [String(branch.id), false, true],
      [String(tree.school.id), false, false],
    ]);

    // before the position is set the org's pages stay closed
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}`, headers })).statusCode).toBe(403);
    const wrongPos = await app.inject({ method: 'POST', url: `/api/cadre/orgs/${branch.id}/position`, headers, payload: { position: 'standingMember' } });
    expect(wrongPos.json()).toMatchObject({ code: 'POSITION_NOT_ALLOWED', field: 'position' });
    const pos = await app.inject({ method: 'POST', url: `/api/cadre/orgs/${branch.id}/position`, headers, payload: { position: 'secretary' } });
    expect(pos.json()).toMatchObject({ positionSet: true, needsAlias: true });
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}`, headers })).statusCode).toBe(200);

    const alias = await app.inject({ method: 'PUT', url: `/api/orgs/${branch.id}/alias`, headers, payload: { alias: '新闻2024级1班团支部' } });
    expect(alias.json()).toEqual({ alias: '新闻2024级1班团支部' });

    // a second operator of the same org: no alias step
    const u2 = await createUser(app);
    await roster(branch.id, u2.phone, { idNumber: VALID_IDS[1] });
    const h2 = await login(u2.phone);
    const second = await app.inject({ method: 'POST', url: '/api/cadre/entry', headers: h2, payload: {} });
    const confirmed = await app.inject({ method: 'POST', url: `/api/cadre/entries/${second.json().pending[0].entryId}/confirm`, headers: h2 });
    expect(confirmed.json()).toMatchObject({ id: String(branch.id), needsAlias: false });

    // plain cadres (the school entry) are never asked; their org has no alias yet
    const pos2 = await app.inject({ method: 'POST', url: `/api/cadre/orgs/${tree.school.id}/position`, headers, payload: { position: 'committeeMember' } });
    expect(pos2.json()).toMatchObject({ isOperator: false, needsAlias: false });
    const plainAlias = await app.inject({ method: 'PUT', url: `/api/orgs/${tree.school.id}/alias`, headers, payload: { alias: '某某团委' } });
    expect(plainAlias.statusCode).toBe(403);
  });

  it('applies the alias rules: 16 vs 17 characters incl. rare CJK beyond the BMP, shape, forbidden chars', async () => {
    const branch = await insertOrg(app, tree.grade, 'branch');
    const op = await onboardedCadre(app, branch.id, { isOperator: true });
    const put = (alias: string) => app.inject({ method: 'PUT', url: `/api/orgs/${branch.id}/alias`, headers: op.headers, payload: { alias } });
    const rare = '𠀀'; // U+20000, two UTF-16 units
    const seventeen = `${rare.repeat(14)}团支部`;
    expect([...seventeen].length).toBe(17);
    expect((await put(seventeen)).json()).toMatchObject({ code: 'ALIAS_TOO_LONG', message: ErrorMessages.ALIAS_TOO_LONG, field: 'alias' });
    expect((await put('新闻 1班团支部')).json().code).toBe('ALIAS_WHITESPACE');
    expect((await put('新闻/1班团支部')).json().code).toBe('ALIAS_FORBIDDEN_CHAR');
    expect((await put('新闻1班团委')).json().code).toBe('ALIAS_SHAPE_BRANCH');
    const sixteen = `${rare.repeat(13)}团支部`;
    const ok = await put(sixteen);
    expect(ok.json()).toEqual({ alias: sixteen });
    const [row] = await app.db.select().from(orgs).where(eq(orgs.id, branch.id));
    expect(row.alias).toBe(sixteen);
  });

  it('20 operators racing to set the alias: exactly one wins, 19 clear refusals', async () => {
    const branch = await insertOrg(app, tree.grade, 'branch');
    const ops = await Promise.all(Array.from({ length: 20 }, () => onboardedCadre(app, branch.id, { isOperator: true })));
    const results = await Promise.all(ops.map((op, i) => app.inject({ method: 'PUT', url: `/api/orgs/${branch.id}/alias`, headers: op.headers, payload: { alias: `竞争${i}号团支部` } })));
    const winners = results.filter((r) => r.statusCode === 200);
    expect(winners).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(19);
    expect(refused.every((r) => r.statusCode === 409 && r.json().code === 'ALIAS_ALREADY_SET' && r.json().message === ErrorMessages.ALIAS_ALREADY_SET)).toBe(true);
    const [row] = await app.db.select().from(orgs).where(eq(orgs.id, branch.id));
    expect(row.alias).toBe(winners[0].json().alias);
  });

  it('keeps aliases unique among siblings; admins can change an alias later (audited)', async () => {
    const a = await insertOrg(app, tree.grade, 'branch');
    const b = await insertOrg(app, tree.grade, 'branch');
    const opA = await onboardedCadre(app, a.id, { isOperator: true });
    const opB = await onboardedCadre(app, b.id, { isOperator: true });
    expect((await app.inject({ method: 'PUT', url: `/api/orgs/${a.id}/alias`, headers: opA.headers, payload: { alias: '同名班团支部' } })).statusCode).toBe(200);
    const dup = await app.inject({ method: 'PUT', url: `/api/orgs/${b.id}/alias`, headers: opB.headers, payload: { alias: '同名班团支部' } });
    expect(dup.json().code).toBe('ALIAS_TAKEN');
    const change = await app.inject({ method: 'PATCH', url: `/api/orgs/${a.id}/alias`, headers: cityAdmin.headers, payload: { alias: '改名班团支部' } });
    expect(change.json()).toEqual({ alias: '改名班团支部' });
    expect((await app.inject({ method: 'PATCH', url: `/api/orgs/${a.id}/alias`, headers: opA.headers, payload: { alias: '再改班团支部' } })).statusCode).toBe(403);
  });

  it('queries after switching orgs never show rows of another subtree', async () => {
    // one person onboarded in two unrelated orgs: the school (city subtree) and the other city
    const u = await createUser(app);
    const [{ id: userId }] = await app.db.select().from(users).where(eq(users.phone, u.phone));
    for (const [i, org] of [tree.school, tree.otherCity].entries()) {
      await app.db.insert(rosterEntries).values({
        orgId: org.id,
        name: '两地团干',
        idEnc: app.pii.encrypt(VALID_IDS[i]),
        idHash: app.pii.lookupHash(`x${i}${u.phone}`),
        phone: u.phone,
        position: 'secretary',
        userId,
        onboardedAt: new Date(),
      });
    }
    await onboardedCadre(app, tree.branch.id);
    await onboardedCadre(app, (await insertOrg(app, tree.otherCity, 'branch')).id);
    const headers = await login(u.phone);
    const subtreeIds = async (path: string) => new Set((await app.db.select({ id: orgs.id, path: orgs.path }).from(orgs)).filter((o) => o.path.startsWith(path)).map((o) => String(o.id)));
    for (const org of [tree.school, tree.otherCity, tree.school]) {
      const res = await app.inject({ method: 'GET', url: `/api/orgs/${org.id}/cadres?limit=100`, headers });
      expect(res.statusCode).toBe(200);
      const allowed = await subtreeIds(org.path);
      const items = res.json().items as { orgId: string }[];
      expect(items.length).toBeGreaterThan(1);
      expect(items.filter((c) => !allowed.has(c.orgId))).toEqual([]);
    }
    // the city above the school is not the caller's: closed
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.city.id}/cadres`, headers })).statusCode).toBe(403);
  });

  // Last: it moves the clock a week on.
  it('an invitation is a JWT of its own audience and key, valid 7 days on the app clock', async () => {
    const branch = await insertOrg(app, tree.grade, 'branch');
    const u = await createUser(app);
    const entry = (await roster(branch.id, u.phone)).json();
    await app.inject({ method: 'POST', url: `/api/orgs/${branch.id}/roster/${entry.id}/invite`, headers: cityAdmin.headers });
    const token = decodeURIComponent((app.sms as SmsSimulator).lastMessage(u.phone)!.match(/token=([^（\s]+)/)![1]);
    const preview = (t: string) => app.inject({ method: 'GET', url: `/api/cadre/invitations/preview?token=${encodeURIComponent(t)}` });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ aud: 'cadre-invitation', entryId: Number(entry.id) });
    // the same claims signed with the access-token key, or an access token, are no invitation
    expect((await preview(app.jwt.sign(claims))).json().code).toBe('INVITATION_INVALID');
    expect((await preview(app.jwt.sign({ sub: String(entry.id) }))).json().code).toBe('INVITATION_INVALID');
    // and an invitation is no access token
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).json().code).toBe('UNAUTHORIZED');
    clock.advance(7 * 86_400_000);
    expect((await preview(token)).statusCode).toBe(200);
    clock.advance(1000);
    expect((await preview(token)).json().code).toBe('INVITATION_INVALID');
  });
});
