import type { App } from '../src/app';
import { rosterEntries } from '../src/db/schema';
import { buildTestApp } from './helper';
import { onboardedCadre, orgTree } from './fixtures';

/**
 * requireOrg (plugins/org-guard.ts) reads the org and the caller's roster rows in its chain
 * in one statement (issue 8); these pin down who it lets through at each level.
 */
describe('org guard', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
  const info = (orgId: number) => `/api/orgs/${orgId}`; // 'cadre'
  const template = (orgId: number) => `/api/orgs/${orgId}/import/template.xlsx`; // 'admin'
  const queue = (orgId: number) => `/api/orgs/${orgId}/checkins?limit=20`; // 'operator'
  // 'operator' too; the queue itself also narrows by §2's review scope, the count answers 0 there
  const waiting = (orgId: number) => `/api/orgs/${orgId}/checkins/count`;

  it('a cadre reads its org and everything below, nothing beside or above', async () => {
    const cadre = await onboardedCadre(app, tree.city.id);
    for (const org of [tree.city, tree.school, tree.grade, tree.branch]) expect((await get(info(org.id), cadre.headers)).statusCode).toBe(200);
    for (const org of [tree.province, tree.otherCity]) expect((await get(info(org.id), cadre.headers)).statusCode).toBe(403);
    expect((await get(template(tree.city.id), cadre.headers)).statusCode).toBe(403);
  });

  it('a cadre of another subtree is refused, and so is a missing org', async () => {
    const other = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    for (const org of [tree.city, tree.school, tree.branch]) {
      expect((await get(info(org.id), other.headers)).statusCode).toBe(403);
      expect((await get(template(org.id), other.headers)).statusCode).toBe(403);
    }
    expect((await get(info(999_999_999), other.headers)).statusCode).toBe(403);
  });

  it("an ancestor's admin may administer and review below it", async () => {
    const provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    expect((await get(template(tree.school.id), provinceAdmin.headers)).statusCode).toBe(200);
    expect((await get(waiting(tree.branch.id), provinceAdmin.headers)).statusCode).toBe(200);
  });

  it('an operator reviews its own branch only; a plain cadre does not review', async () => {
    const operator = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    expect((await get(queue(tree.branch.id), operator.headers)).statusCode).toBe(200);
    expect((await get(template(tree.branch.id), operator.headers)).statusCode).toBe(403);
    const cadreAbove = await onboardedCadre(app, tree.grade.id);
    expect((await get(waiting(tree.branch.id), cadreAbove.headers)).statusCode).toBe(403);
  });

  it('a roster row not yet onboarded grants nothing; the own row gives the position', async () => {
    const cadre = await onboardedCadre(app, tree.school.id);
    await app.db.insert(rosterEntries).values({
      orgId: tree.province.id,
      name: '测试团干',
      idEnc: app.pii.encrypt('ID-not-onboarded'),
      idHash: app.pii.lookupHash('ID-not-onboarded'),
      phone: cadre.phone,
      position: 'deputySecretary',
      isAdmin: true,
      userId: cadre.userId,
    });
    expect((await get(info(tree.province.id), cadre.headers)).statusCode).toBe(403);
    expect((await get(template(tree.school.id), cadre.headers)).statusCode).toBe(403);
    const dash = await get(`/api/orgs/${tree.school.id}/dashboard`, cadre.headers);
    expect(dash.statusCode).toBe(200);
    expect(dash.json().position).toBe('secretary');
  });

  it('requires a login and a numeric org id', async () => {
    expect((await app.inject({ method: 'GET', url: info(tree.city.id) })).statusCode).toBe(401);
    const cadre = await onboardedCadre(app, tree.city.id);
    expect([400, 404]).toContain((await get('/api/orgs/abc', cadre.headers)).statusCode);
  });
});
