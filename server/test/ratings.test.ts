import { and, eq, inArray } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, orgRatings, orgs } from '../src/db/schema';
import { buildTestApp, manualClock } from './helper';
import { insertOrg, onboardedCadre, orgTree } from './fixtures';

/**
 * 对标定级 (issue 17 part 1) [004 §二(五)]: "团（总）支部管理员 … 选择自评结果后，点击“提交”"; "未复核前 … 最多允许修改
 * 3 次"; "不予定级团(总)支部列入重点整顿范围"; "勾选需要复核的团组织 … 再点击具体“星级”"; "每年12月31日中午12:00前，系统将锁定
 * 复核结果"; "成立 6 个月以内的团支部、流动团员团支部、待接转团支部不纳入"; Q&A (2) 毕业生团组织同样需要开展.
 */
describe('对标定级', () => {
  let app: App;
  // 2027-10-08 10:00 in China; the orgs are created today (real time), so > 6 months earlier
  const clock = manualClock(new Date('2027-10-08T02:00:00Z'));
  const at = (iso: string) => clock.set(new Date(iso));
  type Org = Awaited<ReturnType<typeof insertOrg>>;
  type Who = Awaited<ReturnType<typeof onboardedCadre>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let branch2: Org, mobile: Org, awaiting: Org, graduate: Org, fresh: Org, cityBranch: Org;
  let branchAdmin: Who, branch2Admin: Who, gradeAdmin: Who, schoolAdmin: Who, cityAdmin: Who, provinceAdmin: Who;

  const api = (method: 'GET' | 'POST', url: string, who: { headers: Record<string, string> }, payload?: unknown) =>
    app.inject({ method, url: `/api${url}`, headers: who.headers, payload: payload as never });
  const rate = (org: Org, who: Who, level: string) => api('POST', `/orgs/${org.id}/ratings/self`, who, { level });
  const review = (orgIds: Org[], level: string, who = schoolAdmin, via = tree.school) =>
    api('POST', `/orgs/${via.id}/ratings/reviews`, who, { orgIds: orgIds.map((o) => String(o.id)), level });
  const ratingRow = async (org: Org) => (await app.db.select().from(orgRatings).where(eq(orgRatings.orgId, org.id)))[0];

  beforeAll(async () => {
    app = await buildTestApp({ accessTokenTtlSeconds: 800 * 24 * 3600 }, { clock });
    tree = await orgTree(app);
    branch2 = await insertOrg(app, tree.school, 'branch');
    mobile = await insertOrg(app, tree.school, 'branch');
    awaiting = await insertOrg(app, tree.school, 'branch');
    graduate = await insertOrg(app, tree.grade, 'branch');
    fresh = await insertOrg(app, tree.school, 'branch');
    cityBranch = await insertOrg(app, tree.city, 'branch');
    await app.db.update(orgs).set({ branchCategory: 'mobileMembers' }).where(eq(orgs.id, mobile.id));
    await app.db.update(orgs).set({ branchCategory: 'awaitingTransfer' }).where(eq(orgs.id, awaiting.id));
    await app.db.update(orgs).set({ branchCategory: 'graduate' }).where(eq(orgs.id, graduate.id));
    // founded 2027-04-09: 6 months before 2027-10-08 is 2027-04-08, so it is "成立 6 个月以内"
    await app.db
      .update(orgs)
      .set({ createdAt: new Date('2027-04-09T10:00:00+08:00') })
      .where(eq(orgs.id, fresh.id));
    branchAdmin = await onboardedCadre(app, tree.branch.id, { isAdmin: true });
    branch2Admin = await onboardedCadre(app, branch2.id, { isAdmin: true });
    gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
  });
  afterAll(() => app.close());

  describe('团（总）支部自评', () => {
    it('the page shows the year, the lock, the changes left; only the own admin may submit', async () => {
      const res = await api('GET', `/orgs/${tree.branch.id}/ratings/self`, branchAdmin);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ year: 2027, lockAt: '2027-12-31T04:00:00.000Z', locked: false, exclusion: null, rating: null, changesLeft: 3, canSubmit: true });
      // an admin above sees it but may not submit for the branch
      expect((await api('GET', `/orgs/${tree.branch.id}/ratings/self`, schoolAdmin)).json().canSubmit).toBe(false);
    });

    it('only the org’s own admin self-rates: not an admin above, not an operator, not a committee', async () => {
      expect((await rate(tree.branch, schoolAdmin, 'star3')).json()).toMatchObject({ code: 'RATING_NOT_OWN_ADMIN' });
      expect((await rate(tree.branch, gradeAdmin, 'star3')).statusCode).toBe(403);
      const operator = await onboardedCadre(app, tree.branch.id, { isOperator: true });
      expect((await rate(tree.branch, operator, 'star3')).statusCode).toBe(403);
      expect((await rate(tree.school, schoolAdmin, 'star3')).json().code).toBe('RATING_NOT_RATED_TYPE');
      expect((await rate(tree.branch, branchAdmin, 'star6')).json().code).toBe('OPTION_INVALID');
      expect(await ratingRow(tree.branch)).toBeUndefined();
    });

    it('"未复核前 … 最多允许修改 3 次": a first rating and three changes, the fourth change refused', async () => {
      const first = await rate(tree.branch, branchAdmin, 'star3');
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ rating: { status: 'rated', selfLevel: 'star3', changesUsed: 0 }, changesLeft: 3 });
      for (const [i, level] of (['star4', 'star2', 'star5'] as const).entries()) {
        const res = await rate(tree.branch, branchAdmin, level);
        expect(res.json()).toMatchObject({ rating: { selfLevel: level, changesUsed: i + 1 }, changesLeft: 2 - i });
      }
      const fourth = await rate(tree.branch, branchAdmin, 'star1');
      expect([fourth.statusCode, fourth.json().code]).toEqual([409, 'RATING_CHANGE_LIMIT']);
      expect(await ratingRow(tree.branch)).toMatchObject({ selfLevel: 'star5', changesUsed: 3 });
      const page = (await api('GET', `/orgs/${tree.branch.id}/ratings/self`, branchAdmin)).json();
      expect(page).toMatchObject({ changesLeft: 0, canSubmit: false });
    });

    it('two changes at once count as two (the org row is the lock)', async () => {
      expect((await rate(branch2, branch2Admin, 'star3')).statusCode).toBe(200);
      const both = await Promise.all([rate(branch2, branch2Admin, 'star4'), rate(branch2, branch2Admin, 'star2')]);
      expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
      expect((await ratingRow(branch2)).changesUsed).toBe(2);
    });

    it('out of scope: 成立 6 个月以内, 流动团员团支部, 待接转团支部; 毕业生团组织 are in', async () => {
      for (const org of [fresh, mobile, awaiting]) {
        const admin = await onboardedCadre(app, org.id, { isAdmin: true });
        const page = (await api('GET', `/orgs/${org.id}/ratings/self`, admin)).json();
        expect(page.canSubmit).toBe(false);
        expect((await rate(org, admin, 'star3')).json().code).toBe('RATING_OUT_OF_SCOPE');
      }
      expect((await api('GET', `/orgs/${fresh.id}/ratings/self`, schoolAdmin)).json().exclusion).toBe('tooNew');
      expect((await api('GET', `/orgs/${mobile.id}/ratings/self`, schoolAdmin)).json().exclusion).toBe('mobileMembers');
      expect((await api('GET', `/orgs/${awaiting.id}/ratings/self`, schoolAdmin)).json().exclusion).toBe('awaitingTransfer');
      const gradAdmin = await onboardedCadre(app, graduate.id, { isAdmin: true });
      expect((await rate(graduate, gradAdmin, 'star2')).statusCode).toBe(200);
      // a day later the new branch is six months old: in scope (2027-10-09 − 6 months = 2027-04-09)
      at('2027-10-09T02:00:00Z');
      expect((await api('GET', `/orgs/${fresh.id}/ratings/self`, schoolAdmin)).json().exclusion).toBeNull();
      at('2027-10-08T02:00:00Z');
    });
  });

  describe('上级复核', () => {
    it('lists the nearest committee’s 团总支 and 团支部 (through a 团总支), in scope only', async () => {
      const res = await api('GET', `/orgs/${tree.school.id}/ratings/reviews`, schoolAdmin);
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((i: { org: { id: string } }) => i.org.id);
      expect(ids).toEqual(expect.arrayContaining([tree.grade.id, tree.branch.id, graduate.id, branch2.id].map(String)));
      expect(ids).not.toEqual(expect.arrayContaining([String(mobile.id)]));
      expect(ids.some((id: string) => [mobile.id, awaiting.id, fresh.id, cityBranch.id].map(String).includes(id))).toBe(false);
      const row = res.json().items.find((i: { org: { id: string } }) => i.org.id === String(tree.branch.id));
      expect(row.rating).toMatchObject({ status: 'rated', selfLevel: 'star5' });
      // a 团总支 reviews nothing
      expect((await api('GET', `/orgs/${tree.grade.id}/ratings/reviews`, gradeAdmin)).json().code).toBe('RATING_NOT_REVIEWER');
    });

    it('only the direct superior committee’s own admins review; a batch is all or nothing', async () => {
      expect((await review([tree.branch], 'star4', gradeAdmin, tree.grade)).json().code).toBe('RATING_NOT_REVIEWER');
      // the city's admin reaches the school but is not its admin; through the city it is not the nearest committee
      expect((await review([tree.branch], 'star4', cityAdmin, tree.school)).json().code).toBe('RATING_NOT_REVIEWER');
      expect((await review([tree.branch], 'star4', cityAdmin, tree.city)).json().code).toBe('RATING_NOT_REVIEWER');
      expect((await review([cityBranch], 'star4')).json().code).toBe('RATING_NOT_REVIEWER');
      expect((await review([mobile], 'star4')).json().code).toBe('RATING_OUT_OF_SCOPE');
      // the 团总支 has not rated itself yet: the whole batch is refused, the branch stays unreviewed
      const mixed = await review([tree.branch, tree.grade], 'star4');
      expect([mixed.statusCode, mixed.json().code, mixed.json().field]).toEqual([409, 'RATING_NOT_SUBMITTED', 'orgIds']);
      expect((await ratingRow(tree.branch)).reviewLevel).toBeNull();
      expect((await review([], 'star4')).json().code).toBe('RATING_BATCH_EMPTY');
    });

    it('tick orgs, pick a star: reviewed at once; the self-rating is then locked; the review may change', async () => {
      expect((await rate(tree.grade, gradeAdmin, 'star4')).statusCode).toBe(200);
      const res = await review([tree.branch, tree.grade], 'star4');
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { org: { id: string }; rating: { status: string; reviewLevel: string } }[];
      for (const id of [tree.branch.id, tree.grade.id]) expect(items.find((i) => i.org.id === String(id))!.rating).toMatchObject({ status: 'reviewed', reviewLevel: 'star4' });
      expect((await rate(tree.grade, gradeAdmin, 'star5')).json().code).toBe('RATING_REVIEWED');
      expect((await api('GET', `/orgs/${tree.grade.id}/ratings/self`, gradeAdmin)).json()).toMatchObject({ changesLeft: 0, canSubmit: false, rating: { reviewLevel: 'star4' } });
      expect((await review([tree.branch], 'star3')).statusCode).toBe(200);
      expect(await ratingRow(tree.branch)).toMatchObject({ reviewLevel: 'star3', reviewerOrgId: tree.school.id });
    });

    it('不予定级 → 重点整顿; the branch rates itself again, the superior sees it marked changed, then reviews again', async () => {
      expect((await review([branch2], 'ungraded')).statusCode).toBe(200);
      let page = (await api('GET', `/orgs/${branch2.id}/ratings/self`, branch2Admin)).json();
      expect(page).toMatchObject({ rating: { status: 'reviewed', reviewLevel: 'ungraded', rectification: true }, canSubmit: true, changesLeft: 3 });
      clock.advance(1000);
      page = (await rate(branch2, branch2Admin, 'star2')).json();
      expect(page.rating).toMatchObject({ status: 'rerated', selfLevel: 'star2', changesUsed: 0, rectification: true });
      const list = (await api('GET', `/orgs/${tree.school.id}/ratings/reviews`, schoolAdmin)).json();
      expect(list.items.find((i: { org: { id: string } }) => i.org.id === String(branch2.id)).rating).toMatchObject({ status: 'rerated', selfLevel: 'star2', reviewLevel: 'ungraded' });
      clock.advance(1000);
      expect((await review([branch2], 'star2')).statusCode).toBe(200);
      page = (await api('GET', `/orgs/${branch2.id}/ratings/self`, branch2Admin)).json();
      expect(page.rating).toMatchObject({ status: 'reviewed', reviewLevel: 'star2', rectification: false });
      expect((await rate(branch2, branch2Admin, 'star3')).json().code).toBe('RATING_REVIEWED');
    });

    it('站内信: the reviewer is told of each self-rating, the org of each review — written with the decision', async () => {
      const inbox = async (who: Who) =>
        (await api('GET', '/inbox/messages', who)).json().items as { kind: string; title: string; body: string; route: string; params: Record<string, string> }[];
      const reviewed = (await inbox(branch2Admin)).filter((m) => m.kind === 'rating.reviewed');
      expect(reviewed.map((m) => m.title)).toEqual([expect.stringContaining('二星'), expect.stringContaining('不予定级')]);
      expect(reviewed[1].body).toContain('重点整顿');
      expect(reviewed[0]).toMatchObject({ route: '/admin/pages/rating/index', params: { orgId: String(branch2.id) } });
      const told = (await inbox(schoolAdmin)).filter((m) => m.kind === 'rating.selfRated');
      expect(told.some((m) => m.title.includes('整改后重新自评') && m.body.includes('二星'))).toBe(true);
      expect(told[0]).toMatchObject({ route: '/admin/pages/rating-review/index', params: { orgId: String(tree.school.id) } });
      // a refused decision leaves no message
      const before = (await inbox(branch2Admin)).length;
      expect((await rate(branch2, branch2Admin, 'star3')).json().code).toBe('RATING_REVIEWED');
      expect(await inbox(branch2Admin)).toHaveLength(before);
    });

    it('every decision is audited', async () => {
      const rows = await app.db
        .select()
        .from(auditLogs)
        .where(and(inArray(auditLogs.action, ['rating.self', 'rating.review']), eq(auditLogs.targetId, String(branch2.id))))
        .orderBy(auditLogs.id);
      expect(rows.map((r) => r.action)).toEqual(['rating.self', 'rating.self', 'rating.self', 'rating.review', 'rating.self', 'rating.review']);
      expect(rows[3]).toMatchObject({ actorUserId: schoolAdmin.userId, orgId: tree.school.id, after: { year: 2027, level: 'ungraded' } });
    });
  });

  describe('进度 (any depth, by star)', () => {
    it('the province sees its whole subtree; per direct sub-org; excluded orgs counted apart', async () => {
      const res = await api('GET', `/orgs/${tree.province.id}/ratings/progress`, provinceAdmin);
      expect(res.statusCode).toBe(200);
      const p = res.json();
      // in scope: grade, branch, branch2, graduate, cityBranch; excluded: mobile, awaiting, fresh
      expect(p.total).toMatchObject({ inScope: 5, excluded: 3, notRated: 1, rated: 1, rerated: 0, reviewed: 3, rectification: 0 });
      expect(p.total.reviewedByLevel).toEqual({ star4: 1, star3: 1, star2: 1 });
      expect(p.total.selfByLevel).toEqual({ star2: 1 });
      const city = p.rows.find((r: { org: { id: string } }) => r.org.id === String(tree.city.id));
      expect(city.counts.inScope).toBe(5);
      expect(p.rows.some((r: { org: { id: string } }) => r.org.id === String(tree.otherCity.id))).toBe(false);
      const school = (await api('GET', `/orgs/${tree.school.id}/ratings/progress`, schoolAdmin)).json();
      expect(school.total.inScope).toBe(4);
      expect(school.rows.find((r: { org: { id: string } }) => r.org.id === String(tree.grade.id)).counts).toMatchObject({ inScope: 3, reviewed: 2, rated: 1 });
      expect((await api('GET', `/orgs/${tree.province.id}/ratings/progress?year=20x`, provinceAdmin)).json().code).toBe('RATING_YEAR_INVALID');
      // a cadre who is not an admin sees no progress
      const plain = await onboardedCadre(app, tree.school.id);
      expect((await api('GET', `/orgs/${tree.school.id}/ratings/progress`, plain)).statusCode).toBe(403);
    });
  });

  describe('the 12 月 31 日 12:00 (UTC+8) lock, by the server clock', () => {
    it('11:59:59 a review and a self-rating pass; 12:00:00 both are refused', async () => {
      at('2027-12-31T11:59:59+08:00');
      expect((await review([tree.branch], 'star2')).statusCode).toBe(200);
      expect((await rate(cityBranch, await onboardedCadre(app, cityBranch.id, { isAdmin: true }), 'star1')).statusCode).toBe(200);
      at('2027-12-31T12:00:00+08:00');
      const late = await review([tree.branch], 'star5');
      expect([late.statusCode, late.json().code]).toEqual([409, 'RATING_LOCKED']);
      expect((await ratingRow(tree.branch)).reviewLevel).toBe('star2');
      const graduateAdmin = await onboardedCadre(app, graduate.id, { isAdmin: true });
      expect((await rate(graduate, graduateAdmin, 'star1')).json().code).toBe('RATING_LOCKED');
      expect((await api('GET', `/orgs/${tree.school.id}/ratings/reviews`, schoolAdmin)).json()).toMatchObject({ year: 2027, locked: true });
      // the next year starts on 1 January (China): a new rating, the old one kept
      at('2028-01-01T00:00:00+08:00');
      const next = (await api('GET', `/orgs/${graduate.id}/ratings/self`, graduateAdmin)).json();
      expect(next).toMatchObject({ year: 2028, locked: false, rating: null, canSubmit: true });
      expect((await api('GET', `/orgs/${graduate.id}/ratings/self?year=2027`, graduateAdmin)).json()).toMatchObject({
        year: 2027,
        locked: true,
        canSubmit: false,
        rating: { selfLevel: 'star2' },
      });
    });
  });
});
