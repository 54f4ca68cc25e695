import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { orgs } from '../src/db/schema';
import { buildTestApp } from './helper';
import { insertOrg, orgTree } from './fixtures';

describe('org search for check-in (§4.1)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  const tag = `搜${Date.now().toString(36)}`;
  const search = (q: string, limit?: number) =>
    app.inject({ method: 'GET', url: `/api/orgs/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}` });

  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  it('finds by short name, full name or alias without login, with the path; only branches are selectable', async () => {
    const branch = await insertOrg(app, tree.grade, 'branch', `${tag}计算机2017级3班团支部`);
    const twin = await insertOrg(app, tree.school, 'branch', `${tag}计算机2017级3班团支部`);
    const committee = await insertOrg(app, tree.city, 'grassrootsCommittee', `${tag}大学团委`);
    await app.db.update(orgs).set({ alias: `${tag}代称团支部` }).where(eq(orgs.id, branch.id));

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
