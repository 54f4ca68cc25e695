import { and, eq } from 'drizzle-orm';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import type { SmsSimulator } from '../src/adapters/sms/simulator';
import { adminCodes, auditLogs, checkins, passwordResetCodes, rosterEntries, users } from '../src/db/schema';
import { runDueJobs } from '../src/jobs/plugin';
import { resetCodeVerdict } from '../src/lib/policy';
import { buildTestApp, manualClock, privateDatabase, uniquePhone } from './helper';
import { PNG_1X1, certForm, fileUpload, insertOrg, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

type Headers = Record<string, string>;
const HOUR = 3600_000;

/**
 * Issue 12, Critical 1–2: the two account-takeover chains, replayed as an attacker ran them,
 * and the identity-binding design that stops them — a roster line binds only to the account
 * whose SMS-proven phone (and verified ID) it names, and only after the person confirms it;
 * reset codes only for accounts wholly inside the issuer's subtree, the owner told by SMS.
 * Own database: the real-name jobs run here.
 */
describe('identity binding: no account or role takeover (issue 12)', () => {
  const clock = manualClock(new Date('2026-06-01T02:00:00Z'));
  // The attacker types the victim's ID with their own name: the citizen-identity check fails.
  const victimId = makeIdNumber('1990-03-07');
  const failingMember = makeIdNumber('2001-02-03');
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let provinceAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  let cityAdmin: Awaited<ReturnType<typeof onboardedCadre>>;
  let schoolAdmin: Awaited<ReturnType<typeof onboardedCadre>>;

  const sms = () => app.sms as SmsSimulator;
  const post = (url: string, headers: Headers | undefined, payload?: object) => app.inject({ method: 'POST', url, headers, payload });
  const enter = (headers: Headers, payload: object = {}) => post('/api/cadre/entry', headers, payload);
  const addLine = (orgId: number, headers: Headers, line: { phone: string; idNumber: string; name?: string; position?: string; isOperator?: boolean }) =>
    post(`/api/orgs/${orgId}/roster`, headers, { name: '冒名', position: 'secretary', isOperator: true, ...line });
  const resetCode = (orgId: number, headers: Headers, phone: string) => post(`/api/orgs/${orgId}/reset-codes`, headers, { phone });
  const resetByCode = (phone: string, code: string) => post('/api/auth/reset-by-code', undefined, { phone, code, password: 'hacked123', confirmPassword: 'hacked123' });
  const lineOf = async (id: string | number) =>
    (
      await app.db
        .select()
        .from(rosterEntries)
        .where(eq(rosterEntries.id, Number(id)))
    )[0];
  const userOf = async (id: number) => (await app.db.select().from(users).where(eq(users.id, id)))[0];

  beforeAll(async () => {
    db = await privateDatabase('tj_test_identity');
    app = await buildTestApp(
      { databaseUrl: db.databaseUrl, realNameSimFailRate: 0, realNameSimRecheckPassRate: 0, realNameSimAlwaysFail: [victimId, failingMember], rateLimitLoginPerMinute: 1000 },
      { clock },
    );
    tree = await orgTree(app);
    provinceAdmin = await onboardedCadre(app, tree.province.id, { isAdmin: true });
    cityAdmin = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    schoolAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('(a) a lower admin cannot take over a higher admin’s account through a roster line with the victim’s phone', async () => {
    // 1. As the school's admin: a line with the province admin's phone (accepted: any phone).
    const added = await addLine(tree.school.id, schoolAdmin.headers, { phone: provinceAdmin.phone, idNumber: makeIdNumber() });
    expect(added.statusCode).toBe(201);

    // 2. The victim's app enters the cadre side: nothing is bound, the line only waits for a confirmation.
    const entry = await enter(provinceAdmin.headers);
    expect(entry.statusCode).toBe(200);
    expect(entry.json().items.map((o: { id: string }) => o.id)).toEqual([String(tree.province.id)]);
    expect(entry.json().pending).toEqual([expect.objectContaining({ entryId: added.json().id, orgId: String(tree.school.id), position: 'secretary' })]);
    expect((await lineOf(added.json().id)).userId).toBeNull();

    // 3. The victim is not "in the subtree": no reset code.
    const refused = await resetCode(tree.school.id, schoolAdmin.headers, provinceAdmin.phone);
    expect(refused.json()).toMatchObject({ code: 'PERSON_NOT_IN_SUBTREE', field: 'phone' });
    expect(await app.db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, provinceAdmin.userId))).toEqual([]);

    // 4. So reset-by-code cannot work, whatever is guessed.
    expect((await resetByCode(provinceAdmin.phone, '123456')).json().code).toBe('RESET_CODE_WRONG');

    // Even if the victim confirmed the line: a position above the school refuses the code.
    expect((await post(`/api/cadre/entries/${added.json().id}/confirm`, provinceAdmin.headers)).statusCode).toBe(200);
    expect((await lineOf(added.json().id)).userId).toBe(provinceAdmin.userId);
    const smsBefore = sms().lastMessage(provinceAdmin.phone);
    const stillRefused = await resetCode(tree.school.id, schoolAdmin.headers, provinceAdmin.phone);
    expect([stillRefused.statusCode, stillRefused.json()]).toEqual([403, { code: 'RESET_CODE_NOT_ALLOWED', message: ErrorMessages.RESET_CODE_NOT_ALLOWED, field: 'phone' }]);
    expect(await app.db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, provinceAdmin.userId))).toEqual([]);
    expect(sms().lastMessage(provinceAdmin.phone)).toBe(smsBefore);
    expect((await resetByCode(provinceAdmin.phone, '123456')).json().code).toBe('RESET_CODE_WRONG');
  });

  it('(a) a member of the subtree who also holds a position elsewhere, or one at the issuer’s own org, is refused', async () => {
    // an admin of the school (its own level) cannot be reset by its co-admin
    const coAdmin = await onboardedCadre(app, tree.school.id, { isAdmin: true });
    expect((await resetCode(tree.school.id, schoolAdmin.headers, coAdmin.phone)).json().code).toBe('RESET_CODE_NOT_ALLOWED');
    // a cadre of the branch who also sits in the other city: not wholly the school's
    const both = await onboardedCadre(app, tree.branch.id);
    await app.db.update(rosterEntries).set({ orgId: tree.otherCity.id }).where(eq(rosterEntries.userId, both.userId));
    const [branchLine] = await app.db.select().from(rosterEntries).where(eq(rosterEntries.userId, both.userId));
    await app.db.insert(rosterEntries).values({ ...branchLine, id: undefined, orgId: tree.branch.id, idHash: `${branchLine.idHash.slice(0, 60)}beef` });
    expect((await resetCode(tree.school.id, schoolAdmin.headers, both.phone)).json().code).toBe('RESET_CODE_NOT_ALLOWED');
    // the province above both may
    expect((await resetCode(tree.province.id, provinceAdmin.headers, both.phone)).statusCode).toBe(200);
  });

  it('eligible cadres and members still get reset codes, and the owner is told by SMS (never the code)', async () => {
    const cadre = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    const res = await resetCode(tree.school.id, schoolAdmin.headers, cadre.phone);
    expect(res.statusCode).toBe(200);
    const { code } = res.json();
    expect(code).toMatch(/^\d{6}$/);
    const notice = sms().lastMessage(cadre.phone)!;
    expect(notice).toContain(`【智慧团建】${tree.school.shortName}为您的账号生成了密码重置码`);
    expect(notice).toContain('如非本人申请');
    expect(notice).not.toContain(code);
    expect((await resetByCode(cadre.phone, code)).statusCode).toBe(204);

    // a member: check-in in a branch of the subtree, no position anywhere
    const member = await memberUser(app);
    const form = certForm(tree.branch.id);
    for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
      expect((await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: member.headers, payload: form[step] })).statusCode).toBe(200);
    }
    // a draft alone does not make a member of the branch …
    expect((await resetCode(tree.school.id, schoolAdmin.headers, member.phone)).json().code).toBe('PERSON_NOT_IN_SUBTREE');
    // … a submitted check-in does
    expect((await app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: member.headers })).statusCode).toBe(200);
    const forMember = await resetCode(tree.school.id, schoolAdmin.headers, member.phone);
    expect(forMember.statusCode).toBe(200);
    // the admin sees whom the code is for: a member's name comes from the check-in form
    expect(forMember.json().name).toBe(form.identity.name);
    expect(sms().lastMessage(member.phone)).toContain('生成了密码重置码');
    // … but not from an org whose subtree does not hold the branch
    const otherAdmin = await onboardedCadre(app, tree.otherCity.id, { isAdmin: true });
    expect((await resetCode(tree.otherCity.id, otherAdmin.headers, member.phone)).json().code).toBe('PERSON_NOT_IN_SUBTREE');
    // a member whose branch lies elsewhere but who sits on a committee of the subtree: refused
    const [line] = await app.db.select().from(rosterEntries).where(eq(rosterEntries.userId, cadre.userId));
    const elsewhere = await insertOrg(app, tree.otherCity, 'branch');
    await app.db.insert(checkins).values({ userId: cadre.userId, branchId: elsewhere.id, draft: {}, idEnc: line.idEnc, idHash: line.idHash });
    expect((await resetCode(tree.school.id, schoolAdmin.headers, cadre.phone)).json().code).toBe('RESET_CODE_NOT_ALLOWED');
  });

  it('refuses the code when the SMS notice cannot be sent, leaving no usable code', async () => {
    const cadre = await onboardedCadre(app, tree.branch.id);
    const send = jest.spyOn(app.sms, 'send').mockRejectedValueOnce(new Error('provider down'));
    const res = await resetCode(tree.school.id, schoolAdmin.headers, cadre.phone);
    send.mockRestore();
    expect([res.statusCode, res.json().code]).toEqual([502, 'SMS_SEND_FAILED']);
    const rows = await app.db.select().from(passwordResetCodes).where(eq(passwordResetCodes.userId, cadre.userId));
    expect(rows.every((r) => r.usedAt != null)).toBe(true);
  });

  it('the reset-code rule on paths: inside, at, above, beside', () => {
    const issuer = '/1/2/';
    expect(resetCodeVerdict(issuer, ['/1/2/3/'], null)).toBe('ok');
    expect(resetCodeVerdict(issuer, [], '/1/2/3/4/')).toBe('ok');
    expect(resetCodeVerdict(issuer, [], '/1/2/')).toBe('ok'); // a member of the issuing branch itself
    expect(resetCodeVerdict(issuer, ['/1/2/'], null)).toBe('notAllowed');
    expect(resetCodeVerdict(issuer, ['/1/2/3/', '/1/'], null)).toBe('notAllowed');
    expect(resetCodeVerdict(issuer, ['/1/2/3/'], '/1/9/')).toBe('notAllowed');
    expect(resetCodeVerdict(issuer, ['/1/'], '/1/2/5/')).toBe('notAllowed');
    expect(resetCodeVerdict(issuer, ['/1/'], null)).toBe('notInSubtree');
    expect(resetCodeVerdict(issuer, [], '/1/22/')).toBe('notInSubtree'); // a sibling whose id starts alike
    expect(resetCodeVerdict(issuer, [], null)).toBe('notInSubtree');
  });

  describe('(b) an admin-code holder registering with someone else’s ID number', () => {
    const codeFor = async (orgId: number, parentId: number, headers: Headers) => (await post(`/api/orgs/${parentId}/children/${orgId}/admin-code`, headers)).json().code as string;
    const smsCodeFor = async (phone: string) => {
      expect((await post('/api/auth/sms', undefined, { phone, purpose: 'adminRegister' })).statusCode).toBe(200);
      return sms().lastCode(phone)!;
    };
    const register = async (orgId: number, code: string, phone: string, idNumber: string, name = '周冒名') =>
      post('/api/auth/admin-register', undefined, {
        orgId: String(orgId),
        position: 'secretary',
        code,
        name,
        idNumber,
        phone,
        smsCode: await smsCodeFor(phone),
        password: 'pass1234',
        confirmPassword: 'pass1234',
        joinedAt: '2012-05',
      });

    it('a name/ID pair that fails real-name is refused and nothing is stored; the real person still finds their org', async () => {
      const school = await insertOrg(app, tree.city, 'grassrootsCommittee');
      // the real person: in the school's roster (their phone, their ID), not yet entered
      const victim = await memberUser(app, '真本人');
      const line = (await addLine(school.id, cityAdmin.headers, { phone: victim.phone, idNumber: victimId, name: '真本人', position: 'secretary' })).json();

      const code = await codeFor(school.id, tree.city.id, cityAdmin.headers);
      const attacker = uniquePhone();
      const usersBefore = (await app.db.select({ id: users.id }).from(users)).length;
      const res = await register(school.id, code, attacker, victimId);
      expect([res.statusCode, res.json()]).toEqual([400, { code: 'REAL_NAME_MISMATCH', message: ErrorMessages.REAL_NAME_MISMATCH, field: 'idNumber' }]);
      expect((await app.db.select({ id: users.id }).from(users)).length).toBe(usersBefore);
      expect(await app.db.select().from(users).where(eq(users.phone, attacker))).toEqual([]);
      expect((await lineOf(line.id)).userId).toBeNull();
      const [codeRow] = await app.db.select().from(adminCodes).where(eq(adminCodes.orgId, school.id));
      expect(codeRow.usedAt).toBeNull();

      // the real person enters: the line is theirs to confirm
      const entry = (await enter(victim.headers)).json();
      expect(entry.pending).toEqual([expect.objectContaining({ entryId: line.id, orgId: String(school.id), name: '真本人' })]);
      expect((await post(`/api/cadre/entries/${line.id}/confirm`, victim.headers)).json()).toMatchObject({ id: String(school.id), positionSet: false });
    });

    it('a line already confirmed by its person is never taken over, even when real-name passes', async () => {
      const school = await insertOrg(app, tree.city, 'grassrootsCommittee');
      const ownerId = makeIdNumber('1995-01-01');
      const owner = await memberUser(app, '林本人');
      const line = (await addLine(school.id, cityAdmin.headers, { phone: owner.phone, idNumber: ownerId, name: '林本人', position: 'secretary' })).json();
      expect((await post(`/api/cadre/entries/${line.id}/confirm`, owner.headers)).statusCode).toBe(200);

      const code = await codeFor(school.id, tree.city.id, cityAdmin.headers);
      const attacker = uniquePhone();
      const res = await register(school.id, code, attacker, ownerId, '林本人');
      expect([res.statusCode, res.json()]).toEqual([409, { code: 'ROSTER_ENTRY_BOUND_ELSEWHERE', message: ErrorMessages.ROSTER_ENTRY_BOUND_ELSEWHERE, field: 'idNumber' }]);
      expect(await app.db.select().from(users).where(eq(users.phone, attacker))).toEqual([]);
      expect(await lineOf(line.id)).toMatchObject({ userId: owner.userId, phone: owner.phone, isAdmin: false });
      expect((await enter(owner.headers)).json().items).toEqual([expect.objectContaining({ id: String(school.id) })]);
    });

    it('stores the verified identity; a later typed ID differing from it is ID_NUMBER_MISMATCH', async () => {
      const grade = await insertOrg(app, tree.school, 'generalBranch');
      const idNumber = makeIdNumber('1996-06-06');
      const phone = uniquePhone();
      const ok = await register(grade.id, await codeFor(grade.id, tree.school.id, schoolAdmin.headers), phone, idNumber, '吴管理');
      expect(ok.statusCode).toBe(200);
      const [u] = await app.db.select().from(users).where(eq(users.phone, phone));
      expect(u.idHash).toBe(app.pii.lookupHash(idNumber));
      expect(u.idVerifiedAt).toEqual(clock.now());
      const [line] = await app.db
        .select()
        .from(rosterEntries)
        .where(and(eq(rosterEntries.orgId, grade.id), eq(rosterEntries.userId, u.id)));
      expect(line).toMatchObject({ isAdmin: true, idHash: app.pii.lookupHash(idNumber) });

      const other = await insertOrg(app, tree.school, 'generalBranch');
      clock.advance(61_000);
      const mismatch = await register(other.id, await codeFor(other.id, tree.school.id, schoolAdmin.headers), phone, makeIdNumber('1996-06-06'), '吴管理');
      expect(mismatch.json()).toEqual({ code: 'ID_NUMBER_MISMATCH', message: ErrorMessages.ID_NUMBER_MISMATCH, field: 'idNumber' });
      expect(await app.db.select().from(rosterEntries).where(eq(rosterEntries.orgId, other.id))).toEqual([]);
    });
  });

  describe('confirm / decline, and the ID rule', () => {
    it('a line waits for 确认; 不是我 marks it declined: not offered again, shown declined to the admin, audited', async () => {
      const u = await memberUser(app);
      const a = (await addLine(tree.grade.id, cityAdmin.headers, { phone: u.phone, idNumber: makeIdNumber(), position: 'secretary' })).json();
      const b = (await addLine(tree.school.id, cityAdmin.headers, { phone: u.phone, idNumber: makeIdNumber() })).json();
      expect((await enter(u.headers)).json().pending.map((p: { entryId: string }) => p.entryId)).toEqual([a.id, b.id]);

      expect((await post(`/api/cadre/entries/${b.id}/decline`, u.headers)).statusCode).toBe(204);
      expect((await post(`/api/cadre/entries/${b.id}/decline`, u.headers)).json().code).toBe('ROSTER_ENTRY_NOT_PENDING');
      expect((await post(`/api/cadre/entries/${b.id}/confirm`, u.headers)).json().code).toBe('ROSTER_ENTRY_NOT_PENDING');
      const roster = (await app.inject({ method: 'GET', url: `/api/orgs/${tree.school.id}/roster`, headers: cityAdmin.headers })).json().items;
      expect(roster.find((r: { id: string }) => r.id === b.id)).toMatchObject({ declined: true, onboarded: false });

      const confirmed = await post(`/api/cadre/entries/${a.id}/confirm`, u.headers);
      expect(confirmed.json()).toMatchObject({ id: String(tree.grade.id), entryId: a.id, positionSet: false });
      expect((await post(`/api/cadre/entries/${a.id}/confirm`, u.headers)).statusCode).toBe(200); // idempotent
      const after = (await enter(u.headers)).json();
      expect([after.items.map((o: { id: string }) => o.id), after.pending]).toEqual([[String(tree.grade.id)], []]);

      const logs = await app.db.select().from(auditLogs).where(eq(auditLogs.actorUserId, u.userId));
      expect(logs.map((l) => [l.action, l.targetId, l.orgId])).toEqual([
        ['cadre.decline', b.id, tree.school.id],
        ['cadre.confirm', a.id, tree.grade.id],
      ]);
      // the admin corrects the phone: the line is offered (to that phone) again
      const other = await memberUser(app);
      await app.inject({ method: 'PATCH', url: `/api/orgs/${tree.school.id}/roster/${b.id}`, headers: cityAdmin.headers, payload: { phone: other.phone } });
      expect((await enter(other.headers)).json().pending.map((p: { entryId: string }) => p.entryId)).toEqual([b.id]);
    });

    it('someone else cannot confirm or decline a line that is not theirs; nothing to confirm → NOT_IN_ROSTER', async () => {
      const owner = await memberUser(app);
      const stranger = await memberUser(app);
      const line = (await addLine(tree.grade.id, cityAdmin.headers, { phone: owner.phone, idNumber: makeIdNumber() })).json();
      for (const tail of ['confirm', 'decline']) {
        const res = await post(`/api/cadre/entries/${line.id}/${tail}`, stranger.headers);
        expect([res.statusCode, res.json().code]).toEqual([404, 'NOT_FOUND']);
      }
      expect((await post('/api/cadre/entries/abc/confirm', stranger.headers)).statusCode).toBe(400);
      expect((await post(`/api/cadre/entries/${line.id}/confirm`, undefined)).statusCode).toBe(401);
      const none = await enter(stranger.headers);
      expect([none.statusCode, none.json()]).toEqual([403, { code: 'NOT_IN_ROSTER', message: ErrorMessages.NOT_IN_ROSTER }]);
      expect((await lineOf(line.id)).userId).toBeNull();
    });

    it('an invitation link makes its line pending, not bound; another account’s link is refused', async () => {
      const u = await memberUser(app);
      const line = (await addLine(tree.grade.id, cityAdmin.headers, { phone: u.phone, idNumber: makeIdNumber() })).json();
      await post(`/api/orgs/${tree.grade.id}/roster/${line.id}/invite`, cityAdmin.headers);
      const token = decodeURIComponent(
        sms()
          .lastMessage(u.phone)!
          .match(/token=([^（\s]+)/)![1],
      );
      const stranger = await memberUser(app);
      expect((await enter(stranger.headers, { token })).json().code).toBe('INVITATION_NOT_YOURS');
      const res = (await enter(u.headers, { token })).json();
      expect(res).toMatchObject({ focusOrgId: String(tree.grade.id), items: [], pending: [expect.objectContaining({ entryId: line.id })] });
      expect((await lineOf(line.id)).userId).toBeNull();
    });

    it('a verified identity (real-name check of the own check-in) decides: lines of another ID, or only of the ID, are not offered', async () => {
      const u = await memberUser(app);
      const idNumber = makeIdNumber('2000-08-08');
      const form = certForm(tree.branch.id, { idNumber });
      for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
        await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: form[step] });
      }
      await post('/api/me/checkin/submit', u.headers);
      expect((await userOf(u.userId)).idVerifiedAt).toBeNull(); // typed, not yet verified
      await runDueJobs(app);
      const verified = await userOf(u.userId);
      expect(verified).toMatchObject({ idHash: app.pii.lookupHash(idNumber), idVerifiedAt: clock.now() });

      const wrongId = (await addLine(tree.grade.id, cityAdmin.headers, { phone: u.phone, idNumber: makeIdNumber() })).json();
      const idOnly = (await addLine(tree.school.id, cityAdmin.headers, { phone: uniquePhone(), idNumber })).json();
      expect((await enter(u.headers)).json().code).toBe('NOT_IN_ROSTER');
      expect((await post(`/api/cadre/entries/${wrongId.id}/confirm`, u.headers)).json().code).toBe('NOT_FOUND');
      expect((await post(`/api/cadre/entries/${idOnly.id}/confirm`, u.headers)).json().code).toBe('NOT_FOUND');
      const right = (await addLine(tree.branch.id, cityAdmin.headers, { phone: u.phone, idNumber, position: 'secretary' })).json();
      expect((await enter(u.headers)).json().pending.map((p: { entryId: string }) => p.entryId)).toEqual([right.id]);
      expect((await post(`/api/cadre/entries/${right.id}/confirm`, u.headers)).statusCode).toBe(200);
    });

    it('offline verification by the org records the identity too', async () => {
      const op = await onboardedCadre(app, tree.branch.id, { isOperator: true });
      const u = await memberUser(app);
      const form = certForm(tree.branch.id, { idNumber: failingMember });
      for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
        await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: form[step] });
      }
      await post('/api/me/checkin/submit', u.headers);
      await runDueJobs(app);
      clock.advance(HOUR + 1);
      await runDueJobs(app);
      expect((await userOf(u.userId)).idVerifiedAt).toBeNull();
      const [row] = await app.db.select().from(checkins).where(eq(checkins.userId, u.userId));
      const body = fileUpload(PNG_1X1);
      const photo = (await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...op.headers, ...body.headers }, payload: body.payload })).json();
      const ok = await post(`/api/orgs/${tree.branch.id}/checkins/${row.id}/offline-verify`, op.headers, {
        note: '已线下核验身份证原件',
        photo: { fileId: photo.fileId, mime: photo.mime, size: photo.size },
      });
      expect(ok.statusCode).toBe(200);
      expect(await userOf(u.userId)).toMatchObject({ idHash: app.pii.lookupHash(failingMember), idVerifiedAt: clock.now() });
    });
  });
});
