import { and, eq } from 'drizzle-orm';
import type { IndustryCategory } from '@tj/shared';
import type { App } from '../src/app';
import { auditLogs, checkins, jobs, orgs } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { JOB_GRADUATION, ensureGraduationSchedule, scheduleGraduation } from '../src/modules/graduation/jobs';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { insertApprovedMember, insertOrg, onboardedCadre } from './fixtures';

/**
 * Issue 16 part 1: 标记团支部毕业时间 / 毕业生团组织 / 延迟毕业 [004 §二(二)]. A database of this file's own:
 * the 6 月 1 日 job is global to its queue.
 */
describe('graduation [004 §二(二)]', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  const apps: App[] = [];
  const clock = manualClock(new Date('2027-03-01T02:00:00Z'));
  let app: App;
  const build = async () => {
    const a = await buildTestApp({ databaseUrl: db.databaseUrl, accessTokenTtlSeconds: 400 * 24 * 3600 }, { clock });
    apps.push(a);
    return a;
  };

  beforeAll(async () => {
    db = await privateDatabase('tj_test_grad');
    app = await build();
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.close()));
    await db.drop();
  });

  const industry = async (org: { id: number }, value: IndustryCategory) => app.db.update(orgs).set({ industry: value }).where(eq(orgs.id, org.id));
  const org = async (id: number) => (await app.db.select().from(orgs).where(eq(orgs.id, id)))[0];

  /** city (leading organ) → university 校团委 → college 二级团委 → grade 年级团总支 → class branches; plus a company. */
  async function school() {
    const province = await insertOrg(app, null, 'leadingOrgan');
    const city = await insertOrg(app, province, 'leadingOrgan');
    const university = await insertOrg(app, city, 'grassrootsCommittee');
    const college = await insertOrg(app, university, 'grassrootsCommittee');
    const grade = await insertOrg(app, college, 'generalBranch');
    const [c1, c2, c3, c4] = [await insertOrg(app, grade, 'branch'), await insertOrg(app, grade, 'branch'), await insertOrg(app, grade, 'branch'), await insertOrg(app, grade, 'branch')];
    const company = await insertOrg(app, city, 'grassrootsCommittee');
    const companyBranch = await insertOrg(app, company, 'branch');
    for (const o of [university, college, grade, c1, c2, c3, c4]) await industry(o, 'university');
    await industry(company, 'stateEnterprise');
    const admin = async (o: { id: number }) => (await onboardedCadre(app, o.id, { isAdmin: true })).headers;
    return {
      city,
      university,
      college,
      grade,
      c1,
      c2,
      c3,
      c4,
      company,
      companyBranch,
      cityAdmin: await admin(city),
      universityAdmin: await admin(university),
      collegeAdmin: await admin(college),
      gradeAdmin: await admin(grade),
      branchAdmin: await admin(c1),
      companyAdmin: await admin(company),
    };
  }
  type School = Awaited<ReturnType<typeof school>>;
  const mark = (s: { id: number }, headers: Record<string, string>, body: unknown) =>
    app.inject({ method: 'POST', url: `/api/orgs/${s.id}/graduation/marks`, headers, payload: body as object });

  it('only 校团委、二级团委、年级团总支 of a school mark; leading organs, branches and non-school orgs are refused (004 §二(二)2(1)(2))', async () => {
    const s = await school();
    const body = { branchIds: [String(s.c1.id)], month: '2027-06' };
    for (const [o, h] of [
      [s.city, s.cityAdmin],
      [s.c1, s.branchAdmin],
    ] as const) {
      const res = await mark(o, h, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('GRADUATION_NOT_ALLOWED');
    }
    const company = await mark(s.company, s.companyAdmin, { branchIds: [String(s.companyBranch.id)], month: '2027-06' });
    expect(company.json().code).toBe('GRADUATION_NOT_ALLOWED');
    // not shown at all: a non-school org's list offers no marking and none of its branches
    const list = await app.inject({ method: 'GET', url: `/api/orgs/${s.company.id}/graduation/branches`, headers: s.companyAdmin });
    expect(list.json()).toEqual({ canMark: false, items: [] });
    expect((await org(s.c1.id)).graduationMonth).toBeNull();
    expect((await mark(s.grade, s.gradeAdmin, body)).statusCode).toBe(204);
    expect((await mark(s.university, s.universityAdmin, { branchIds: [String(s.c2.id)], reason: 'scheduleUnknown' })).statusCode).toBe(204);
  });

  it('a month or a reason, never both, never neither; nothing stored (1(3))', async () => {
    const s = await school();
    for (const body of [{ branchIds: [String(s.c1.id)], month: '2027-06', reason: 'other' }, { branchIds: [String(s.c1.id)] }]) {
      const res = await mark(s.grade, s.gradeAdmin, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('GRADUATION_MONTH_OR_REASON');
    }
    expect(await org(s.c1.id)).toMatchObject({ graduationMonth: null, graduationReason: null });
  });

  it('a batch shares one month; a mark is irreversible for the marker; a failing batch changes nothing (注意事项(1)(2))', async () => {
    const s = await school();
    expect((await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c1.id), String(s.c2.id)], month: '2027-06' })).statusCode).toBe(204);
    const list = (await app.inject({ method: 'GET', url: `/api/orgs/${s.grade.id}/graduation/branches`, headers: s.gradeAdmin })).json();
    expect(list.canMark).toBe(true);
    expect(list.items.filter((b: { month: string | null }) => b.month === '2027-06')).toHaveLength(2);
    const again = await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c3.id), String(s.c1.id)], month: '2028-06' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('GRADUATION_ALREADY_MARKED');
    expect((await org(s.c3.id)).graduationMonth).toBeNull();
    expect((await org(s.c1.id)).graduationMonth).toBe('2027-06');
    // the marker cannot correct its own mark
    const own = await app.inject({ method: 'PUT', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c1.id}`, headers: s.gradeAdmin, payload: { month: '2028-06' } });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('GRADUATION_CORRECT_NOT_SUPERIOR');
    // a branch outside the subtree
    const outside = await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.companyBranch.id)], month: '2027-06' });
    expect(outside.json().code).toBe('GRADUATION_NOT_CLASS_BRANCH');
  });

  it('only the superior corrects, audited with before and after; a leading organ above sees only what it may correct', async () => {
    const s = await school();
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c1.id)], month: '2027-06' });
    const cityList = (await app.inject({ method: 'GET', url: `/api/orgs/${s.city.id}/graduation/branches`, headers: s.cityAdmin })).json();
    expect(cityList.canMark).toBe(false);
    expect(cityList.items.map((b: { id: string }) => b.id)).toEqual([String(s.c1.id)]);
    const res = await app.inject({ method: 'PUT', url: `/api/orgs/${s.college.id}/graduation/branches/${s.c1.id}`, headers: s.collegeAdmin, payload: { reason: 'mixedGrades' } });
    expect(res.statusCode).toBe(204);
    expect(await org(s.c1.id)).toMatchObject({ graduationMonth: null, graduationReason: 'mixedGrades' });
    const [log] = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'graduation.correct'), eq(auditLogs.targetId, String(s.c1.id))));
    expect(log).toMatchObject({ before: { month: '2027-06', reason: null }, after: { month: null, reason: 'mixedGrades' } });
  });

  it('延迟毕业: later than the branch month with a reason; revoking restores the branch month; the list (4(3)(4))', async () => {
    const s = await school();
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c1.id)], month: '2027-07' });
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c2.id)], reason: 'other' });
    const m = await insertApprovedMember(app, s.c1.id, '延迟甲');
    const m2 = await insertApprovedMember(app, s.c2.id, '延迟乙');
    const delay = (id: number, payload: object) => app.inject({ method: 'PUT', url: `/api/orgs/${s.grade.id}/graduation/delayed/${id}`, headers: s.gradeAdmin, payload });
    const same = await delay(m.checkinId, { month: '2027-07', reason: '重修' });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: 'GRADUATION_DELAY_NOT_LATER', field: 'month' });
    expect((await delay(m.checkinId, { month: '2027-12', reason: ' ' })).json().code).toBe('MEMBERSHIP_REASON_REQUIRED');
    expect((await delay(m2.checkinId, { month: '2027-12', reason: '重修' })).json().code).toBe('GRADUATION_DELAY_NO_BRANCH_MONTH');
    expect((await delay(m.checkinId, { month: '2027-12', reason: '重修' })).statusCode).toBe(204);
    const list = (await app.inject({ method: 'GET', url: `/api/orgs/${s.grade.id}/graduation/delayed`, headers: s.gradeAdmin })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: String(m.checkinId), name: '延迟甲', delayedMonth: '2027-12', expectedMonth: '2027-12', delayedReason: '重修' })]);
    const revoke = await app.inject({ method: 'DELETE', url: `/api/orgs/${s.grade.id}/graduation/delayed/${m.checkinId}`, headers: s.gradeAdmin });
    expect(revoke.statusCode).toBe(204);
    const detail = (await app.inject({ method: 'GET', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c1.id}`, headers: s.gradeAdmin })).json();
    expect(detail.members[0]).toMatchObject({ delayedMonth: null, expectedMonth: '2027-07' });
    const twice = await app.inject({ method: 'DELETE', url: `/api/orgs/${s.grade.id}/graduation/delayed/${m.checkinId}`, headers: s.gradeAdmin });
    expect(twice.json().code).toBe('GRADUATION_NOT_DELAYED');
  });

  it('on 6 月 1 日 (UTC+8) the durable job converts this year’s marked branches and flags their members 毕业生, across a restart, once (2(3))', async () => {
    const s = await school();
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c1.id), String(s.c2.id)], month: '2027-07' });
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c3.id)], month: '2028-07' });
    const a = await insertApprovedMember(app, s.c1.id, '毕业甲');
    const delayed = await insertApprovedMember(app, s.c1.id, '延迟丙');
    await app.inject({ method: 'PUT', url: `/api/orgs/${s.grade.id}/graduation/delayed/${delayed.checkinId}`, headers: s.gradeAdmin, payload: { month: '2027-12', reason: '重修' } });
    await scheduleGraduation(app.db, 2027);
    await scheduleGraduation(app.db, 2027); // a second instance scheduling the same occurrence
    expect(
      await app.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `${JOB_GRADUATION}:2027`)),
    ).toHaveLength(1);

    await runDueJobs(app, new Date('2027-05-31T15:59:59Z')); // 23:59:59 on 5 月 31 日 in China
    expect((await org(s.c1.id)).branchCategory).toBeNull();

    // the server restarts; the new instance picks the occurrence up at 00:00 on 6 月 1 日 in China
    await app.close();
    app = await build();
    await runDueJobs(app, new Date('2027-05-31T16:00:00Z'));
    for (const b of [s.c1, s.c2]) expect(await org(b.id)).toMatchObject({ branchCategory: 'graduate', graduationConvertedAt: expect.any(Date) });
    expect((await org(s.c3.id)).branchCategory).toBeNull();
    const flag = async (id: number) => (await app.db.select().from(checkins).where(eq(checkins.id, id)))[0].graduate;
    expect(await flag(a.checkinId)).toBe(true);
    expect(await flag(delayed.checkinId)).toBe(false);
    // next year's occurrence is scheduled; rerunning the year converts nothing twice
    expect(
      await app.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `${JOB_GRADUATION}:2028`)),
    ).toHaveLength(1);
    await scheduleGraduation(app.db, 2027);
    expect(await runDueJobs(app, new Date('2027-06-02T00:00:00Z'))).toBe(0); // the done occurrence is not scheduled again
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'graduation.convert'), eq(auditLogs.targetId, String(s.c1.id))));
    expect(logs).toHaveLength(1);
    // revoking the delay after conversion makes the member a 毕业生 with the branch's month
    await app.inject({ method: 'DELETE', url: `/api/orgs/${s.grade.id}/graduation/delayed/${delayed.checkinId}`, headers: s.gradeAdmin });
    expect(await flag(delayed.checkinId)).toBe(true);
    // a converted mark can no longer be corrected
    const late = await app.inject({ method: 'PUT', url: `/api/orgs/${s.college.id}/graduation/branches/${s.c1.id}`, headers: s.collegeAdmin, payload: { month: '2028-07' } });
    expect(late.json().code).toBe('GRADUATION_ALREADY_CONVERTED');
  });

  it('catches up a 6 月 1 日 missed while the server was down, with two instances running the job once', async () => {
    const s = await school();
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c4.id)], month: '2029-06' });
    // first start after the day: the current occurrence is due in the past, so it runs now
    await ensureGraduationSchedule(app.db, new Date('2029-06-10T04:00:00Z'));
    const other = await build();
    const at = () => new Date('2029-06-10T04:00:00Z');
    await Promise.all([app.jobs.queue.runDue(at), other.jobs.queue.runDue(at)]);
    expect((await org(s.c4.id)).branchCategory).toBe('graduate');
    expect(
      await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'graduation.convert'), eq(auditLogs.targetId, String(s.c4.id)))),
    ).toHaveLength(1);
    expect(
      await app.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `${JOB_GRADUATION}:2030`)),
    ).toHaveLength(1);
  });

  it('学社衔接: the graduating branch shows who still has to transfer; an emptied 毕业生团组织 can be deleted (3, 3(3.3))', async () => {
    const s: School = await school();
    await mark(s.grade, s.gradeAdmin, { branchIds: [String(s.c1.id), String(s.c2.id)], month: '2027-06' });
    await insertApprovedMember(app, s.c1.id, '待转甲');
    await app.db.update(orgs).set({ branchCategory: 'graduate', graduationConvertedAt: new Date() }).where(eq(orgs.id, s.c1.id));
    await app.db.update(orgs).set({ branchCategory: 'graduate', graduationConvertedAt: new Date() }).where(eq(orgs.id, s.c2.id));
    const detail = (await app.inject({ method: 'GET', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c1.id}`, headers: s.gradeAdmin })).json();
    expect(detail).toMatchObject({ stillToTransfer: 1, deletable: false, members: [expect.objectContaining({ name: '待转甲', transferStatus: null })] });
    const refused = await app.inject({ method: 'DELETE', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c1.id}`, headers: s.gradeAdmin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('GRADUATE_ORG_NOT_EMPTY');
    const notGraduate = await app.inject({ method: 'DELETE', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c3.id}`, headers: s.gradeAdmin });
    expect(notGraduate.json().code).toBe('GRADUATE_ORG_ONLY');
    expect((await app.inject({ method: 'GET', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c2.id}`, headers: s.gradeAdmin })).json().deletable).toBe(true);
    const ok = await app.inject({ method: 'DELETE', url: `/api/orgs/${s.grade.id}/graduation/branches/${s.c2.id}`, headers: s.gradeAdmin });
    expect(ok.statusCode).toBe(204);
    expect(await org(s.c2.id)).toBeUndefined();
  });
});
