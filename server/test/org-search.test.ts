import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { orgs } from '../src/db/schema';
import { buildTestApp } from './helper';
import { insertOrg, onboardedCadre, orgTree } from './fixtures';

describe('org search for check-in (§4.1)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  const tag = `搜${Date.now().toString(36)}`;
  const search = (q: string, limit?: number) => app.inject({ method: 'GET', url: `/api/orgs/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}` });

  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  it('finds by short name, full name or alias without login, with the path; only branches are selectable', async () => {
    const branch = await insertOrg(app, tree.grade, 'branch', `${tag}计算机2017级3班团支部`);
    const twin = await insertOrg(app, tree.school, 'branch', `${tag}计算机2017级3班团支部`);
    const committee = await insertOrg(app, tree.city, 'grassrootsCommittee', `${tag}大学团委`);
    await app.db
      .update(orgs)
      .set({ alias: `${tag}代称团支部` })
      .where(eq(orgs.id, branch.id));

    const res = await search(tag);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { id: string }) => i.id).sort()).toEqual([branch.id, twin.id, committee.id].map(String).sort());
    // branches first
    expect(items[items.length - 1].id).toBe(String(committee.id));
    const b = items.find((i: { id: string }) => i.id === String(branch.id));
    expect(b).toEqual({
      id: String(branch.id),
      type: 'branch',
      shortName: branch.shortName,
      fullName: branch.fullName,
      alias: `${tag}代称团支部`,
      pathNames: [tree.province.shortName, tree.city.shortName, tree.school.shortName, tree.grade.shortName],
      selectable: true,
      reason: null,
    });
    // two branches with the same short name are told apart by their paths
    const t = items.find((i: { id: string }) => i.id === String(twin.id));
    expect(t.pathNames).toEqual([tree.province.shortName, tree.city.shortName, tree.school.shortName]);
    expect(items.find((i: { id: string }) => i.id === String(committee.id))).toMatchObject({ selectable: false, reason: 'CHECKIN_NOT_BRANCH' });

    // by alias, by a part of the full name, by the middle of the short name
    expect((await search(`${tag}代称`)).json().items.map((i: { id: string }) => i.id)).toEqual([String(branch.id)]);
    expect((await search(`中国共产主义青年团${tag}大学`)).json().items.map((i: { id: string }) => i.id)).toEqual([String(committee.id)]);
    expect((await search(`${tag}计算机2017级3班`, 1)).json().items).toHaveLength(1);
  });

  it('several words must all match, each in the short name, full name or alias (issue 13 item 5)', async () => {
    const grade = await insertOrg(app, tree.school, 'generalBranch', `${tag}计算机学院2024级团总支`);
    const class1 = await insertOrg(app, grade, 'branch', `${tag}计算机科学与技术专业2024级1班团支部`);
    const older = await insertOrg(app, grade, 'branch', `${tag}计算机科学与技术专业2023级1班团支部`);
    const other = await insertOrg(app, grade, 'branch', `${tag}软件工程2024级2班团支部`);
    await app.db
      .update(orgs)
      .set({ alias: `${tag}智算一班` })
      .where(eq(orgs.id, other.id));
    const ids = async (q: string) =>
      (await search(q))
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort();

    expect(await ids(`${tag}计算机 2024级`)).toEqual([grade.id, class1.id].map(String).sort());
    // any whitespace separates words, the full-width space too; order does not matter
    expect(await ids(`2024级　${tag}计算机  1班`)).toEqual([String(class1.id)]);
    // one word in the alias, another in the short name
    expect(await ids(`${tag}智算 2024级`)).toEqual([String(other.id)]);
    // one word in the full name only
    expect(await ids(`中国共产主义青年团${tag} 2023级`)).toEqual([String(older.id)]);
    expect(await ids(`${tag}计算机 2099级`)).toEqual([]);
  });

  it('a committee opens its sub-orgs page by page, down to the branches, without login', async () => {
    const college = await insertOrg(app, tree.school, 'grassrootsCommittee', `${tag}学院团委`);
    const grade = await insertOrg(app, college, 'generalBranch', `${tag}学院2024级团总支`);
    const classes = [];
    for (let i = 1; i <= 3; i++) classes.push(await insertOrg(app, grade, 'branch', `${tag}学院2024级${i}班团支部`));
    const children = (id: number, q = '') => app.inject({ method: 'GET', url: `/api/orgs/search/${id}/children${q}` });

    const first = (await children(college.id)).json();
    expect(first).toEqual({
      items: [
        expect.objectContaining({
          id: String(grade.id),
          type: 'generalBranch',
          selectable: false,
          reason: 'CHECKIN_NOT_BRANCH',
          pathNames: [tree.province.shortName, tree.city.shortName, tree.school.shortName, college.shortName],
        }),
      ],
      nextOffset: null,
    });
    const page1 = (await children(grade.id, '?limit=2')).json();
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual([classes[0].id, classes[1].id].map(String));
    expect(page1.items[0]).toMatchObject({ selectable: true, reason: null, fullName: classes[0].fullName });
    expect(page1.nextOffset).toBe(2);
    const page2 = (await children(grade.id, '?limit=2&offset=2')).json();
    expect(page2).toMatchObject({ items: [expect.objectContaining({ id: String(classes[2].id) })], nextOffset: null });
    expect((await children(classes[0].id)).json()).toEqual({ items: [], nextOffset: null });
    expect((await children(999_999_999)).statusCode).toBe(404);
    expect((await children(grade.id, '?limit=0')).statusCode).toBe(400);
  });

  it("a cadre pages and searches its subtree's branches (batch-transfer picker); outsiders get 403", async () => {
    const college = await insertOrg(app, tree.school, 'grassrootsCommittee', `${tag}软件学院团委`);
    const g1 = await insertOrg(app, college, 'generalBranch', `${tag}软件2024级团总支`);
    const g2 = await insertOrg(app, college, 'generalBranch', `${tag}软件2023级团总支`);
    const a = await insertOrg(app, g1, 'branch', `${tag}软件2024级1班团支部`);
    const b = await insertOrg(app, g1, 'branch', `${tag}软件2024级2班团支部`);
    const c = await insertOrg(app, g2, 'branch', `${tag}软件2023级1班团支部`);
    const admin = await onboardedCadre(app, college.id, { isAdmin: true });
    const outsider = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    const branches = (q: string, who = admin) => app.inject({ method: 'GET', url: `/api/orgs/${college.id}/branches${q}`, headers: who.headers });

    const all = (await branches('')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id, c.id].map(String));
    expect(all.items.every((i: { type: string }) => i.type === 'branch')).toBe(true);
    expect(all.nextOffset).toBeNull();
    const paged = (await branches('?limit=2')).json();
    expect(paged).toMatchObject({ nextOffset: 2 });
    expect((await branches('?limit=2&offset=2')).json().items.map((i: { id: string }) => i.id)).toEqual([String(c.id)]);
    expect((await branches(`?q=${encodeURIComponent('1班 2023')}`)).json().items.map((i: { id: string }) => i.id)).toEqual([String(c.id)]);
    // a branch outside the subtree never shows, whatever it is called
    expect((await branches(`?q=${encodeURIComponent(tag)}`)).json().items).toHaveLength(3);
    expect((await branches('', outsider)).statusCode).toBe(403);
    expect((await branches(`?q=${'x'.repeat(51)}`)).json().code).toBe('TEXT_TOO_LONG');
  });

  it('takes LIKE wildcards literally and validates the query', async () => {
    expect((await search('%')).json().items).toEqual([]);
    expect((await search(`${tag}_`)).json().items).toEqual([]);
    const empty = await search('   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'REQUIRED', field: 'q' });
    expect((await search('x'.repeat(51))).json().code).toBe('TEXT_TOO_LONG');
  });

  it('is rate-limited, being open to anyone', async () => {
    let last = 0;
    for (let i = 0; i < 130 && last !== 429; i++) last = (await search('团支部', 1)).statusCode;
    expect(last).toBe(429);
    expect((await search('团支部', 1)).json().code).toBe('RATE_LIMITED');
  });
});
