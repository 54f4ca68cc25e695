import { and, eq } from 'drizzle-orm';
import { ErrorMessages, devNumberTakenMessage, maskIdNumber } from '@tj/shared';
import type { App } from '../src/app';
import { auditLogs, checkins, jobs, rosterEntries } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { buildTestApp, privateDatabase } from './helper';
import { certForm, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

type User = Awaited<ReturnType<typeof memberUser>>;
type Form = ReturnType<typeof certForm>;
const STEPS = ['identity', 'league', 'contact', 'optional'] as const;

/**
 * §4 member check-in and operator review, over HTTP on a database of this file's own (submit
 * enqueues real-name jobs, which this file runs). The simulator passes every check here
 * (REALNAME_SIM_FAIL_RATE=0); failures are in real-name.test.ts.
 */
describe('check-in', () => {
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let op: Awaited<ReturnType<typeof onboardedCadre>>;

  const put = (u: User, step: string, payload: unknown) => app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: payload as object });
  const me = async (u: User) => (await app.inject({ method: 'GET', url: '/api/me/checkin', headers: u.headers })).json();
  const submit = (u: User) => app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: u.headers });
  const withdraw = (u: User) => app.inject({ method: 'POST', url: '/api/me/checkin/withdraw', headers: u.headers, payload: {} });
  const fill = async (u: User, form: Form) => {
    for (const s of STEPS) {
      const res = await put(u, s, form[s]);
      expect({ step: s, status: res.statusCode, body: res.statusCode === 200 ? null : res.json() }).toEqual({ step: s, status: 200, body: null });
    }
  };
  const checkinIdOf = async (u: User) => (await app.db.select().from(checkins).where(eq(checkins.userId, u.userId)))[0].id;
  /** A member whose check-in waits for review with real-name passed. */
  const submitted = async (branchId: number, o: Parameters<typeof certForm>[1] = {}) => {
    const u = await memberUser(app);
    const form = certForm(branchId, o);
    await fill(u, form);
    expect((await submit(u)).statusCode).toBe(200);
    await runDueJobs(app);
    return { u, form, id: await checkinIdOf(u) };
  };
  const reviewUrl = (orgId: number, id: number | string, tail = 'review') => `/api/orgs/${orgId}/checkins/${id}/${tail}`;
  const approve = (who: { headers: object }, orgId: number, id: number) =>
    app.inject({ method: 'POST', url: reviewUrl(orgId, id), headers: who.headers as Record<string, string>, payload: { action: 'approve' } });
  const approved = async (branchId: number, o: Parameters<typeof certForm>[1] = {}) => {
    const s = await submitted(branchId, o);
    const res = await approve(branchId === tree.branch.id ? op : await onboardedCadre(app, branchId, { isOperator: true }), branchId, s.id);
    expect(res.statusCode).toBe(200);
    return s;
  };

  beforeAll(async () => {
    db = await privateDatabase('tj_test_checkins');
    app = await buildTestApp({ databaseUrl: db.databaseUrl, realNameSimFailRate: 0 });
    tree = await orgTree(app);
    op = await onboardedCadre(app, tree.branch.id, { isOperator: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('answers a submit with exactly what reading the check-in back gives (built from the row as written)', async () => {
    const u = await memberUser(app);
    await fill(u, certForm(tree.branch.id));
    const res = await submit(u);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', realNameStatus: 'pending', returnReason: null });
    expect(res.json().branch.pathNames).toEqual([tree.province.shortName, tree.city.shortName, tree.school.shortName, tree.grade.shortName]);
    expect(res.json()).toEqual(await me(u));
    // a resubmit after a withdrawal keeps the running verification: still the same as read back
    expect((await withdraw(u)).statusCode).toBe(200);
    const again = await submit(u);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(await me(u));
  });

  describe('the form, step by step (§4.3)', () => {
    it('starts empty at identity, keeps steps in order and resumes where the member stopped', async () => {
      const u = await memberUser(app);
      expect(await me(u)).toMatchObject({ status: null, realNameStatus: null, resumeStep: 'identity', draft: {}, approved: null, branch: null });
      const form = certForm(tree.branch.id);
      const early = await put(u, 'league', form.league);
      expect(early.statusCode).toBe(400);
      expect(early.json().code).toBe('CHECKIN_STEP_ORDER');

      const first = await put(u, 'identity', form.identity);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ status: null, resumeStep: 'league' });
      // leave and come back: the draft is on the server, birth data derived from the ID
      const back = await me(u);
      expect(back.resumeStep).toBe('league');
      expect(back.draft).toMatchObject({ name: '李小红', idNumber: form.identity.idNumber, birthDate: '2000-01-01', gender: 'female', branchId: String(tree.branch.id) });
      expect(back.branch).toMatchObject({ id: String(tree.branch.id), pathNames: [tree.province.shortName, tree.city.shortName, tree.school.shortName, tree.grade.shortName] });
      expect((await put(u, 'contact', form.contact)).json().code).toBe('CHECKIN_STEP_ORDER');

      expect((await put(u, 'league', form.league)).json().resumeStep).toBe('contact');
      expect((await put(u, 'contact', form.contact)).json().resumeStep).toBe('optional');
      expect((await put(u, 'optional', form.optional)).json().resumeStep).toBe('confirm');
      // an earlier step may be changed again before submitting
      expect((await put(u, 'identity', { ...form.identity, name: '李小兰' })).json()).toMatchObject({ resumeStep: 'confirm', draft: { name: '李小兰' } });

      // §9 the ID number is stored encrypted with a lookup hash, never in clear
      const [row] = await app.db.select().from(checkins).where(eq(checkins.userId, u.userId));
      expect(JSON.stringify(row)).not.toContain(form.identity.idNumber);
      expect(row.idHash).toBe(app.pii.lookupHash(form.identity.idNumber));
    });

    it('refuses a committee as branch, a bad ID, a too-young join and 28+ without a position', async () => {
      const u = await memberUser(app);
      const form = certForm(tree.branch.id);
      const notBranch = await put(u, 'identity', { ...form.identity, branchId: String(tree.school.id) });
      expect(notBranch.json()).toEqual({ code: 'CHECKIN_NOT_BRANCH', message: ErrorMessages.CHECKIN_NOT_BRANCH, field: 'branchId' });
      const missing = await put(u, 'identity', { ...form.identity, branchId: '999999999' });
      expect(missing.json()).toMatchObject({ code: 'CHECKIN_NOT_BRANCH', field: 'branchId' });
      const bad = form.identity.idNumber.slice(0, 17) + (form.identity.idNumber[17] === '0' ? '1' : '0');
      expect((await put(u, 'identity', { ...form.identity, idNumber: bad })).json()).toMatchObject({ code: 'ID_NUMBER_CHECKSUM', field: 'idNumber' });
      // §5.3 born 2005-06-15, joined 2017-03: 11 years old, after 2017 the minimum is 13
      const young = await put(u, 'identity', { ...form.identity, idNumber: makeIdNumber('2005-06-15'), joinedAt: '2017-03' });
      expect(young.json()).toMatchObject({ code: 'JOIN_AGE_UNDER_13', field: 'joinedAt' });
      // §5.3 28 or older with no position in any roster cannot check in …
      const oldId = makeIdNumber('1990-03-01');
      const old = await put(u, 'identity', { ...form.identity, idNumber: oldId, joinedAt: '2004-05' });
      expect(old.json()).toEqual({ code: 'MEMBERSHIP_AGE_EXCEEDED', message: ErrorMessages.MEMBERSHIP_AGE_EXCEEDED, field: 'idNumber' });
      // … unless the roster holds them as a cadre (matched by the ID's hash)
      await app.db.insert(rosterEntries).values({
        orgId: tree.grade.id,
        name: '李小红',
        idEnc: app.pii.encrypt(oldId),
        idHash: app.pii.lookupHash(oldId),
        phone: u.phone,
        position: 'committeeMember',
      });
      expect((await put(u, 'identity', { ...form.identity, idNumber: oldId, joinedAt: '2004-05' })).statusCode).toBe(200);
      expect((await me(u)).status).toBeNull(); // nothing stored by the refusals above beyond this draft
    });

    it('checks the development number: year prefix and another person’s number', async () => {
      const form = certForm(tree.branch.id, { joinedAt: '2018-09', developmentNumber: '201800001234' });
      const first = await submitted(tree.branch.id, { idNumber: form.identity.idNumber, joinedAt: '2018-09', developmentNumber: '201800001234' });
      expect(first.id).toBeGreaterThan(0);
      const u = await memberUser(app);
      const other = certForm(tree.branch.id, { joinedAt: '2018-09' });
      await put(u, 'identity', other.identity);
      const required = await put(u, 'league', { ...other.league, developmentNumber: '' });
      expect(required.json()).toMatchObject({ code: 'DEVELOPMENT_NUMBER_REQUIRED', field: 'developmentNumber' });
      const year = await put(u, 'league', { ...other.league, developmentNumber: '201700001234' });
      expect(year.json()).toMatchObject({ code: 'DEVELOPMENT_NUMBER_YEAR_MISMATCH', field: 'developmentNumber' });
      const taken = await put(u, 'league', { ...other.league, developmentNumber: '201800001234' });
      expect(taken.statusCode).toBe(409);
      // 004 FAQ "发展团员编号被占用…请求上级组织协助，联系找到对方": the refusal names the branch, not the person
      expect(taken.json()).toEqual({ code: 'DEVELOPMENT_NUMBER_TAKEN', message: devNumberTakenMessage(tree.branch.alias ?? tree.branch.shortName), field: 'developmentNumber' });
      expect(taken.json().message).toContain(`该编号已被 ${tree.branch.shortName} 的团员使用`);
      expect(taken.body).not.toContain(form.identity.name);
      expect((await put(u, 'league', { ...other.league, developmentNumber: '201800009999' })).statusCode).toBe(200);
    });
  });

  describe('submit and withdraw (§4.1, §4.2)', () => {
    it('submits once, starts real-name verification as a job, refuses a second submit and edits while waiting', async () => {
      const u = await memberUser(app);
      expect((await submit(u)).json().code).toBe('CHECKIN_STEP_ORDER'); // nothing filled
      const form = certForm(tree.branch.id);
      await put(u, 'identity', form.identity);
      await put(u, 'league', form.league);
      expect((await submit(u)).json().code).toBe('CHECKIN_STEP_ORDER'); // contact missing
      await put(u, 'contact', form.contact);
      await put(u, 'optional', form.optional);

      const res = await submit(u);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'submitted', realNameStatus: 'pending', returnReason: null });
      expect(res.json().submittedAt).not.toBeNull();
      const id = await checkinIdOf(u);
      const queued = await app.db.select().from(jobs).where(eq(jobs.kind, 'realName.verify'));
      expect(queued.some((j) => (j.payload as { checkinId: number }).checkinId === id && j.status === 'pending')).toBe(true);

      const again = await submit(u);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CHECKIN_PENDING_REVIEW');
      expect((await put(u, 'contact', form.contact)).json().code).toBe('CHECKIN_NOT_EDITABLE');

      await runDueJobs(app);
      expect((await me(u)).realNameStatus).toBe('passed');
      const audits = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'checkin.submit'), eq(auditLogs.targetId, String(id))));
      expect(audits).toHaveLength(1);
      expect(audits[0].orgId).toBe(tree.branch.id);
    });

    it('withdraws only a waiting check-in; a withdrawn one may change branch and be submitted again', async () => {
      const none = await memberUser(app);
      expect((await withdraw(none)).json().code).toBe('CHECKIN_NOT_WITHDRAWABLE');
      const { u, form } = await submitted(tree.branch.id);
      const res = await withdraw(u);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('withdrawn');
      const twice = await withdraw(u);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('CHECKIN_NOT_WITHDRAWABLE');

      const other = await insertOrg(app, tree.grade, 'branch');
      expect((await put(u, 'identity', { ...form.identity, branchId: String(other.id) })).statusCode).toBe(200);
      const again = await submit(u);
      expect(again.json()).toMatchObject({ status: 'submitted', branch: { id: String(other.id) }, realNameStatus: 'passed' });
      // unchanged identity keeps its passed verification: no new job
      const id = await checkinIdOf(u);
      const pending = (await app.db.select().from(jobs).where(eq(jobs.status, 'pending'))).filter((j) => (j.payload as { checkinId: number }).checkinId === id);
      expect(pending).toHaveLength(0);
    });
  });

  describe('review (§4.1 step 5, §4.2)', () => {
    it('approve waits for real-name; return needs a reason; returned data is edited and resubmitted; approve once', async () => {
      const u = await memberUser(app);
      const form = certForm(tree.branch.id);
      await fill(u, form);
      await submit(u);
      const id = await checkinIdOf(u);

      const early = await approve(op, tree.branch.id, id);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toEqual({ code: 'REAL_NAME_IN_PROGRESS', message: ErrorMessages.REAL_NAME_IN_PROGRESS });
      await runDueJobs(app);

      const noReason = await app.inject({ method: 'POST', url: reviewUrl(tree.branch.id, id), headers: op.headers, payload: { action: 'return', reason: '  ' } });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json()).toMatchObject({ code: 'RETURN_REASON_REQUIRED', field: 'reason' });

      const ret = await app.inject({ method: 'POST', url: reviewUrl(tree.branch.id, id), headers: op.headers, payload: { action: 'return', reason: '入团年月有误' } });
      expect(ret.statusCode).toBe(200);
      expect(ret.json()).toMatchObject({ status: 'returned', returnReason: '入团年月有误' });
      expect(await me(u)).toMatchObject({ status: 'returned', returnReason: '入团年月有误' });
      const afterReturn = await approve(op, tree.branch.id, id);
      expect(afterReturn.statusCode).toBe(409);
      expect(afterReturn.json().code).toBe('CHECKIN_NOT_PENDING');
      const returnAgain = await app.inject({ method: 'POST', url: reviewUrl(tree.branch.id, id), headers: op.headers, payload: { action: 'return', reason: '再退' } });
      expect(returnAgain.json().code).toBe('CHECKIN_NOT_PENDING');

      expect((await put(u, 'identity', { ...form.identity, joinedAt: '2015-06' })).statusCode).toBe(200);
      expect((await submit(u)).json()).toMatchObject({ status: 'submitted', returnReason: null, realNameStatus: 'passed' });

      const ok = await approve(op, tree.branch.id, id);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'approved', data: { joinedAt: '2015-06', idNumber: form.identity.idNumber } });
      expect((await approve(op, tree.branch.id, id)).json().code).toBe('CHECKIN_NOT_PENDING');
      const mine = await me(u);
      expect(mine).toMatchObject({ status: 'approved', approved: { joinedAt: '2015-06', idNumber: maskIdNumber(form.identity.idNumber) } });
      expect((await submit(u)).json().code).toBe('CHECKIN_ALREADY_APPROVED');
      expect((await withdraw(u)).json().code).toBe('CHECKIN_NOT_WITHDRAWABLE');

      const actions = (
        await app.db
          .select()
          .from(auditLogs)
          .where(eq(auditLogs.targetId, String(id)))
      ).map((a) => [a.action, a.orgId, a.actorUserId]);
      expect(actions).toEqual(
        expect.arrayContaining([
          ['checkin.return', tree.branch.id, op.userId],
          ['checkin.approve', tree.branch.id, op.userId],
        ]),
      );
      expect(actions.filter((a) => a[0] === 'checkin.approve')).toHaveLength(1);
    });

    it('has one effect when two approvals of the same check-in race', async () => {
      const { id } = await submitted(tree.branch.id);
      const op2 = await onboardedCadre(app, tree.branch.id, { isOperator: true });
      const results = await Promise.all([approve(op, tree.branch.id, id), approve(op2, tree.branch.id, id), approve(op, tree.branch.id, id)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'CHECKIN_NOT_PENDING')).toBe(true);
      const audits = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'checkin.approve'), eq(auditLogs.targetId, String(id))));
      expect(audits).toHaveLength(1);
    });

    it('refuses an ID approved in another branch, naming that branch', async () => {
      const idNumber = makeIdNumber();
      await approved(tree.branch.id, { idNumber });
      const other = await insertOrg(app, tree.grade, 'branch');
      const u = await memberUser(app);
      const res = await put(u, 'identity', certForm(other.id, { idNumber }).identity);
      expect(res.statusCode).toBe(409);
      const body = res.json();
      expect(body).toMatchObject({ code: 'CHECKIN_ID_APPROVED_ELSEWHERE', field: 'idNumber' });
      expect(body.message).toContain(tree.branch.fullName);
      expect(body.message).toContain('组织关系转接');
    });

    it('lets exactly one of two branches approve the same person at once', async () => {
      const idNumber = makeIdNumber();
      const b2 = await insertOrg(app, tree.grade, 'branch');
      const op2 = await onboardedCadre(app, b2.id, { isOperator: true });
      const one = await submitted(tree.branch.id, { idNumber });
      const two = await submitted(b2.id, { idNumber });
      const [r1, r2] = await Promise.all([approve(op, tree.branch.id, one.id), approve(op2, b2.id, two.id)]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
      const loser = r1.statusCode === 409 ? r1 : r2;
      const winnerBranch = r1.statusCode === 200 ? tree.branch : b2;
      expect(loser.json().code).toBe('CHECKIN_ID_APPROVED_ELSEWHERE');
      expect(loser.json().message).toContain(winnerBranch.fullName);
      const rows = await app.db
        .select()
        .from(checkins)
        .where(eq(checkins.approvedIdHash, app.pii.lookupHash(idNumber)));
      expect(rows).toHaveLength(1);
    });

    it('offline verification needs a failed real-name check', async () => {
      const { id } = await submitted(tree.branch.id);
      const res = await app.inject({
        method: 'POST',
        url: reviewUrl(tree.branch.id, id, 'offline-verify'),
        headers: op.headers,
        payload: { note: '已核验身份证', photo: { fileId: '1', mime: 'image/png', size: 100 } },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('REAL_NAME_NOT_FAILED');
    });

    it('batch-approves those ready and reports the others with their code', async () => {
      const branch = await insertOrg(app, tree.grade, 'branch');
      const bop = await onboardedCadre(app, branch.id, { isOperator: true });
      const ready = await submitted(branch.id);
      const done = await submitted(branch.id);
      expect((await approve(bop, branch.id, done.id)).statusCode).toBe(200);
      const foreign = await submitted(tree.branch.id);
      const running = await memberUser(app);
      await fill(running, certForm(branch.id));
      await submit(running); // real-name still pending: no jobs run after this
      const runningId = await checkinIdOf(running);

      const res = await app.inject({
        method: 'POST',
        url: `/api/orgs/${branch.id}/checkins/batch-approve`,
        headers: bop.headers,
        payload: { ids: [String(ready.id), String(runningId), String(done.id), String(foreign.id), '99999999'] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        approved: [String(ready.id)],
        skipped: [
          { id: String(runningId), code: 'REAL_NAME_IN_PROGRESS', message: ErrorMessages.REAL_NAME_IN_PROGRESS },
          { id: String(done.id), code: 'CHECKIN_NOT_PENDING', message: ErrorMessages.CHECKIN_NOT_PENDING },
          { id: String(foreign.id), code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND },
          { id: '99999999', code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND },
        ],
      });
      const audits = await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'checkin.batchApprove'), eq(auditLogs.orgId, branch.id)));
      expect(audits.map((a) => a.targetId)).toEqual([String(ready.id)]);
    });
  });

  describe('the review queue and who may review (§2)', () => {
    it('lists waiting check-ins and edits oldest first with keyset pages and a total; shows the full ID only in detail', async () => {
      const branch = await insertOrg(app, tree.grade, 'branch');
      const bop = await onboardedCadre(app, branch.id, { isOperator: true });
      const a = await submitted(branch.id, { name: '甲某某' });
      const b = await submitted(branch.id, { name: '乙某某' });
      const c = await submitted(branch.id, { name: '丙某某' });
      const p1 = await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}/checkins?limit=2`, headers: bop.headers });
      expect(p1.statusCode).toBe(200);
      const body = p1.json();
      expect(body.total).toBe(3);
      expect(body.items.map((i: { name: string }) => i.name)).toEqual(['甲某某', '乙某某']);
      expect(body.items[0]).toMatchObject({
        id: String(a.id),
        idNumberMasked: maskIdNumber(a.form.identity.idNumber),
        branchName: branch.shortName,
        kind: 'checkin',
        status: 'submitted',
        realNameStatus: 'passed',
      });
      const p2 = await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}/checkins?limit=2&cursor=${body.nextCursor}`, headers: bop.headers });
      expect(p2.json()).toMatchObject({ items: [{ id: String(c.id) }], nextCursor: null, total: 3 });
      // a first page with room to spare: the total is its rows, and so are the rows of exactly a full page
      for (const limit of [3, 20]) {
        const all = (await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}/checkins?limit=${limit}`, headers: bop.headers })).json();
        expect(all).toMatchObject({ nextCursor: null, total: 3 });
        expect(all.items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id, c.id].map(String));
      }
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}/checkins/count`, headers: bop.headers })).json()).toEqual({ waiting: 3 });

      const detail = await app.inject({ method: 'GET', url: `/api/orgs/${branch.id}/checkins/${b.id}`, headers: bop.headers });
      expect(detail.json()).toMatchObject({ id: String(b.id), data: { idNumber: b.form.identity.idNumber, name: '乙某某' }, previous: null });
    });

    it('keeps other branches’ operators, plain cadres and members out', async () => {
      const { id } = await submitted(tree.branch.id);
      const other = await insertOrg(app, tree.grade, 'branch');
      const otherOp = await onboardedCadre(app, other.id, { isOperator: true });
      const list = await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/checkins`, headers: otherOp.headers });
      expect(list.statusCode).toBe(403);
      expect(list.body).not.toContain('李小红');
      // through their own branch the check-in is simply not there
      const viaOwn = await app.inject({ method: 'GET', url: `/api/orgs/${other.id}/checkins/${id}`, headers: otherOp.headers });
      expect(viaOwn.statusCode).toBe(404);
      expect(viaOwn.json()).toEqual({ code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND });
      expect((await approve(otherOp, other.id, id)).statusCode).toBe(404);
      expect((await approve(otherOp, tree.branch.id, id)).statusCode).toBe(403);

      const plain = await onboardedCadre(app, tree.branch.id);
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/checkins`, headers: plain.headers })).statusCode).toBe(403);
      expect((await approve(plain, tree.branch.id, id)).statusCode).toBe(403);
      const m = await memberUser(app);
      expect((await approve(m, tree.branch.id, id)).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/checkins/${id}` })).statusCode).toBe(401);
    });

    it('lets the direct superior’s admin review a branch without an operator, not one with an operator', async () => {
      const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
      const orphan = await insertOrg(app, tree.grade, 'branch');
      const s = await submitted(orphan.id);
      const staffed = await submitted(tree.branch.id);

      // the superior's own queue gathers its branches that have no operator
      const queue = await app.inject({ method: 'GET', url: `/api/orgs/${tree.grade.id}/checkins?limit=100`, headers: gradeAdmin.headers });
      expect(queue.statusCode).toBe(200);
      const ids = queue.json().items.map((i: { id: string }) => i.id);
      expect(ids).toContain(String(s.id));
      expect(ids).not.toContain(String(staffed.id));

      expect((await app.inject({ method: 'GET', url: `/api/orgs/${orphan.id}/checkins`, headers: gradeAdmin.headers })).statusCode).toBe(200);
      expect((await approve(gradeAdmin, orphan.id, s.id)).statusCode).toBe(200);
      expect((await approve(gradeAdmin, tree.grade.id, staffed.id)).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/checkins`, headers: gradeAdmin.headers })).statusCode).toBe(403);
      expect((await approve(gradeAdmin, tree.branch.id, staffed.id)).statusCode).toBe(403);
      // an admin further up is not the direct superior
      const cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
      const s2 = await submitted(orphan.id);
      expect((await approve(cityAdmin, orphan.id, s2.id)).statusCode).toBe(403);
    });
  });

  describe('after approval (§4.1 step 6, §4.3 edit policy)', () => {
    it('keeps other member pages behind approval, then shows 认证资料 and 我的组织', async () => {
      const u = await memberUser(app);
      const home = () => app.inject({ method: 'GET', url: '/api/me/home', headers: u.headers });
      expect((await home()).json()).toEqual({ code: 'CHECKIN_REQUIRED', message: ErrorMessages.CHECKIN_REQUIRED });
      expect((await home()).statusCode).toBe(403);
      const form = certForm(tree.branch.id);
      await fill(u, form);
      await submit(u);
      expect((await home()).statusCode).toBe(403);
      await runDueJobs(app);
      expect((await approve(op, tree.branch.id, await checkinIdOf(u))).statusCode).toBe(200);
      const res = await home();
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'approved',
        realNameStatus: 'passed',
        profile: { name: '李小红', idNumber: maskIdNumber(form.identity.idNumber), income: 'studentNoIncome' },
        branch: { id: String(tree.branch.id), fullName: tree.branch.fullName, pathNames: [tree.province.shortName, tree.city.shortName, tree.school.shortName, tree.grade.shortName] },
        returnReason: null,
      });
      expect(res.body).not.toContain(form.identity.idNumber);
    });

    it('locks identity, reviews league edits (old data in force meanwhile) and saves contact data at once', async () => {
      const { u, form, id } = await approved(tree.branch.id);
      const locked = await put(u, 'identity', { ...form.identity, name: '李大红' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().code).toBe('CHECKIN_IDENTITY_LOCKED');

      const contact = await put(u, 'contact', { ...form.contact, householdRegistration: '广东省深圳市' });
      expect(contact.json()).toMatchObject({ status: 'approved', approved: { householdRegistration: '广东省深圳市' } });

      const edit = await put(u, 'league', { ...form.league, income: 'upTo2000' });
      expect(edit.json()).toMatchObject({ status: 'editSubmitted', draft: { income: 'upTo2000' }, approved: { income: 'studentNoIncome' } });
      expect((await put(u, 'league', { ...form.league, income: 'over10000' })).json().code).toBe('CHECKIN_PENDING_REVIEW');
      // still an approved member while the edit waits
      expect((await app.inject({ method: 'GET', url: '/api/me/home', headers: u.headers })).json()).toMatchObject({ status: 'editSubmitted', profile: { income: 'studentNoIncome' } });
      const detail = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.branch.id}/checkins/${id}`, headers: op.headers })).json();
      expect(detail).toMatchObject({ kind: 'edit', status: 'editSubmitted', data: { income: 'upTo2000' }, previous: { income: 'studentNoIncome', idNumber: form.identity.idNumber } });
      // contact data edited while the league edit waits goes straight into force too
      expect((await put(u, 'contact', { ...form.contact, householdRegistration: '广东省珠海市' })).json()).toMatchObject({
        status: 'editSubmitted',
        approved: { householdRegistration: '广东省珠海市', income: 'studentNoIncome' },
      });

      const ret = await app.inject({ method: 'POST', url: reviewUrl(tree.branch.id, id), headers: op.headers, payload: { action: 'return', reason: '收入情况与实际不符' } });
      expect(ret.json()).toMatchObject({ status: 'editReturned', returnReason: '收入情况与实际不符' });
      expect(await me(u)).toMatchObject({ status: 'editReturned', returnReason: '收入情况与实际不符', approved: { income: 'studentNoIncome' } });
      expect((await app.inject({ method: 'GET', url: '/api/me/home', headers: u.headers })).statusCode).toBe(200);

      expect((await put(u, 'league', { ...form.league, income: 'from2001To5000' })).json().status).toBe('editSubmitted');
      expect((await approve(op, tree.branch.id, id)).statusCode).toBe(200);
      expect(await me(u)).toMatchObject({ status: 'approved', returnReason: null, approved: { income: 'from2001To5000', householdRegistration: '广东省珠海市' } });
    });
  });
});
