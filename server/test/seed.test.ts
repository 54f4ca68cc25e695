import { eq, inArray } from 'drizzle-orm';
import { validateIdNumber } from '@tj/shared';
import type { App } from '../src/app';
import { checkins, orgs, rosterEntries, users } from '../src/db/schema';
import { seedDemo } from '../src/db/seed';
import { DEMO_ACCOUNTS, DEMO_ALIASES, DEMO_MEMBER_ACCOUNTS } from '../src/db/seed/demo-accounts';
import { DEMO_MEMBERS } from '../src/db/seed/demo-members';
import { DEMO_GRADUATION } from '../src/db/seed/demo-graduation';
import { DEMO_RATINGS } from '../src/db/seed/demo-ratings';
import { buildTestApp, privateDatabase } from './helper';
import { cadreCountDrift } from './fixtures';

/** Issue 13 item 17: what a newcomer sees after `npm start` — every state, named people. */
describe('demo seed (npm start)', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const tokens = new Map<string, Record<string, string>>();

  const login = async (phone: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password: 'demo1234' } });
    expect(res.statusCode).toBe(200);
    return { authorization: `Bearer ${res.json().accessToken}` };
  };
  const as = async (phone: string) => {
    if (!tokens.has(phone)) tokens.set(phone, await login(phone));
    return tokens.get(phone)!;
  };
  const get = async (phone: string, url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: await as(phone) });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const orgId = async (shortName: string) => (await app.db.select().from(orgs).where(eq(orgs.shortName, shortName)))[0].id;

  beforeAll(async () => {
    db = await privateDatabase('tj_test_seed');
    app = await buildTestApp({ databaseUrl: db.databaseUrl, rateLimitLoginPerMinute: 10_000 });
    expect(await seedDemo(app.db, app.pii, app.storage)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('seeds only into an empty database', async () => {
    expect(await seedDemo(app.db, app.pii)).toBe(false);
    expect(await app.db.select().from(users).where(eq(users.phone, '13800000013'))).toHaveLength(1);
  });

  it('counts every roster line it seeds in orgs.cadre_count (entry progress’s 团干部数)', async () => {
    const [root] = await app.db.select().from(orgs).where(eq(orgs.depth, 0));
    expect(await cadreCountDrift(app, root.path)).toEqual([]);
  });

  it('[issue 16.2] has certified, waiting and uncertified 2024 e-archives, and the 团总支 admin who uploads them', async () => {
    const general = await orgId('计算机学院2024级团总支');
    const summary = await get('13800000015', `/api/orgs/${general}/archives/summary`);
    expect(summary).toMatchObject({ certified: 5, pending: 1 });
    expect(summary.uncertified).toBeGreaterThanOrEqual(2);
    expect(summary.prompt).toMatch(/^组织内有团员身份尚未认证/);
    const { items } = await get('13800000015', `/api/orgs/${general}/archives?state=uncertified`);
    const twenty24 = items.filter((i: { joinedAt: string }) => i.joinedAt.startsWith('2024')).map((i: { name: string }) => i.name);
    expect(twenty24.sort()).toEqual(['罗浩宇', '谢思颖']);
    // the certified PDFs are really there
    const certified = (await get('13800000015', `/api/orgs/${general}/archives?state=certified`)).items[0];
    const file = await app.inject({ method: 'GET', url: `/api/archives/${certified.checkinId}/file`, headers: await as('13800000015') });
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF-')).toBe(true);
  });

  it('[issue 17.2] 1班 and 2班 have 组织生活 records the 团总支 sees, and 1班 met the rule last month', async () => {
    const class1 = await orgId('计算机科学与技术专业2024级1班团支部');
    const mine = await get('13800000013', `/api/orgs/${class1}/org-life`);
    expect(mine.canRecord).toBe(true);
    expect(mine.months[1].verdict).toBe('met');
    const general = await orgId('计算机学院2024级团总支');
    const to = mine.month;
    const from = mine.months[2].month;
    const overview = await get('13800000015', `/api/orgs/${general}/org-life/overview?from=${from}&to=${to}`);
    expect(overview.total.total).toBe(5);
  });

  it('[issue 17.3] 工作通知: the province notice reaches a member, the university one (cadres only) its cadres; the province one carries a PDF', async () => {
    const member = (await get('13800000003', '/api/inbox/notices')).items.map((i: { orgName: string }) => i.orgName);
    expect(member).toEqual(['团广东省委']);
    const cadre = (await get('13800000012', '/api/inbox/notices')).items;
    expect(cadre.map((i: { orgName: string }) => i.orgName)).toEqual(['中山大学团委', '团广东省委']);
    const detail = await get('13800000012', `/api/inbox/notices/${cadre[1].id}`);
    const file = await app.inject({ method: 'GET', url: detail.attachments[0].url, headers: await as('13800000012') });
    expect(file.body.startsWith('%PDF-')).toBe(true);
    expect((await get('13800000012', '/api/inbox/unread')).notices).toBe(2);
  });

  it('has members in every check-in state in the demo branches', async () => {
    const rows = await app.db.select().from(checkins);
    const states = new Set(rows.map((r) => `${r.status ?? 'draft'}/${r.realNameStatus ?? '-'}`));
    for (const s of ['draft/-', 'submitted/passed', 'submitted/failed', 'returned/passed', 'approved/passed', 'approved/offlinePassed']) expect(states).toContain(s);
    expect(rows.find((r) => r.status === 'returned')?.returnReason).toBeTruthy();
    // every ID the seed wrote is a valid one (check digit included)
    for (const r of rows) expect(validateIdNumber(app.pii.decrypt(r.idEnc)).ok).toBe(true);
    expect(rows).toHaveLength(DEMO_MEMBERS.length);
  });

  it("the 1班 operator's review queue, statistics and transfers are not empty", async () => {
    const class1 = await orgId('计算机科学与技术专业2024级1班团支部');
    const queue = await get('13800000013', `/api/orgs/${class1}/checkins`);
    expect(queue.items.map((i: { realNameStatus: string }) => i.realNameStatus).sort()).toEqual(['failed', 'passed', 'passed']);
    const counts = await get('13800000013', `/api/orgs/${class1}/tasks/counts`);
    expect(counts.transferOut + counts.transferIn).toBe(2);
    const stats = await get('13800000010', `/api/orgs/${await orgId('团广东省委')}/stats`);
    expect(stats.members).toBeGreaterThanOrEqual(8);
    const byState = Object.fromEntries(stats.checkins.map((c: { key: string; count: number }) => [c.key, c.count]));
    expect(byState).toMatchObject({ submitted: 4, returned: 2, draft: 1 });
  });

  it('member logins show their state; contacts name the onboarded secretary, phone masked', async () => {
    const [returned, approved, moving] = DEMO_MEMBER_ACCOUNTS.map((a) => a.phone);
    const mine = await get(returned, '/api/me/checkin');
    expect(mine).toMatchObject({ status: 'returned', returnReason: expect.stringContaining('入团年月') });
    const home = await get(approved, '/api/me/home');
    expect(home.branch).toMatchObject({ secretaryName: '李嘉欣', secretaryPhone: '138****0013' });
    const current = await get(moving, '/api/me/transfers/current');
    expect(current.transfer).toMatchObject({ status: 'pendingOut', kind: 'orgTransferIn' });
  });

  it('named secretaries everywhere; one operator (13800000014) still has to set the alias', async () => {
    const all = await app.db.select({ name: orgs.secretaryName, shortName: orgs.shortName, alias: orgs.alias }).from(orgs);
    expect(all.filter((o) => o.name === '示例书记' || !o.name)).toEqual([]);
    for (const [shortName, alias] of Object.entries(DEMO_ALIASES)) expect(all.find((o) => o.shortName === shortName)?.alias).toBe(alias);
    // every demo operator's org has an alias but 2班's
    const operatorOrgs = DEMO_ACCOUNTS.flatMap((a) => (a.org ? [a.org as string] : []));
    const withoutAlias = all.filter((o) => operatorOrgs.includes(o.shortName) && !o.alias).map((o) => o.shortName);
    expect(withoutAlias).toEqual(['软件工程专业2024级2班团支部']);
    const mine = await get('13800000014', '/api/me/orgs');
    expect(mine.items).toEqual([expect.objectContaining({ shortName: '软件工程专业2024级2班团支部', alias: null, isOperator: true })]);
    // roster lines bound as the seed always did: user and onboarding set
    const lines = await app.db
      .select()
      .from(rosterEntries)
      .where(
        inArray(
          rosterEntries.phone,
          DEMO_ACCOUNTS.map((a) => a.phone),
        ),
      );
    expect(lines.every((l) => l.userId != null && l.onboardedAt != null)).toBe(true);
  });

  it('issue 16: a university with graduating classes — marked 2022级 and 2023级1班, an unmarked 2023级2班, a 延迟毕业团员', async () => {
    const token = await as('13800000012');
    const school = (await app.db.select().from(orgs).where(eq(orgs.shortName, DEMO_GRADUATION.marker)))[0];
    const res = await app.inject({ method: 'GET', url: `/api/orgs/${school.id}/graduation/branches`, headers: token });
    const items = res.json().items as { name: string; month: string | null; memberCount: number }[];
    expect(res.json().canMark).toBe(true);
    for (const m of DEMO_GRADUATION.marks) expect(items.find((i) => i.name === m.branch && i.month === m.month)).toBeTruthy();
    expect(items.filter((i) => i.month === '2026-06').every((i) => i.memberCount > 0)).toBe(true);
    const delayed = (await app.inject({ method: 'GET', url: `/api/orgs/${school.id}/graduation/delayed`, headers: token })).json();
    expect(delayed.items).toEqual([expect.objectContaining({ name: DEMO_GRADUATION.delayed.member, delayedMonth: DEMO_GRADUATION.delayed.month })]);
  });

  it('issue 17: 计算机学院团委 reviews self-ratings waiting (one re-rated after 不予定级); 1班 admin has not rated yet', async () => {
    const college = await orgId('中山大学计算机学院团委');
    const list = await get('13800000016', `/api/orgs/${college}/ratings/reviews`);
    const byName = new Map((list.items as { org: { shortName: string }; rating: { status: string } | null }[]).map((i) => [i.org.shortName, i.rating]));
    for (const r of DEMO_RATINGS) expect(byName.get(r.org)?.status).toBe(r.rerated ? 'rerated' : r.review ? 'reviewed' : 'rated');
    expect(byName.get('计算机科学与技术专业2024级1班团支部')).toBeNull();
    const self = await get('13800000017', `/api/orgs/${await orgId('计算机科学与技术专业2024级1班团支部')}/ratings/self`);
    expect(self).toMatchObject({ exclusion: null, rating: null, canSubmit: !self.locked });
  });
});
