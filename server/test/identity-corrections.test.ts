import { and, eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { auditLogs, checkins, identityCorrections, users } from '../src/db/schema';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { PNG_1X1, fileUpload, insertApprovedMember, makeIdNumber, onboardedCadre, orgTree } from './fixtures';

/**
 * Issue 15 item 5 — [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑: the member or the
 * branch files a correction with an evidence photo; only the province's admins decide it.
 */
describe('identity corrections [004 §一(一)1: 姓名、性别与身份证号码需上报省团委，由省团委进行编辑]', () => {
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let app: App;
  const clock = manualClock(new Date('2026-05-20T02:00:00Z'));
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let province: Record<string, string>;
  let city: Record<string, string>;
  let branchAdmin: Record<string, string>;

  beforeAll(async () => {
    db = await privateDatabase('tj_test_idfix');
    app = await buildTestApp({ databaseUrl: db.databaseUrl }, { clock });
    tree = await orgTree(app);
    province = (await onboardedCadre(app, tree.province.id, { isAdmin: true })).headers;
    city = (await onboardedCadre(app, tree.city.id, { isAdmin: true })).headers;
    branchAdmin = (await onboardedCadre(app, tree.branch.id, { isAdmin: true })).headers;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const photoOf = async (headers: Record<string, string>) => {
    const body = fileUpload(PNG_1X1);
    const r = (await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...headers, ...body.headers }, payload: body.payload })).json();
    return { fileId: r.fileId, mime: r.mime, size: r.size };
  };
  /** An approved member whose account holds the verified identity (issue 12). */
  const member = async (name: string) => {
    const m = await insertApprovedMember(app, tree.branch.id, name);
    await app.db
      .update(users)
      .set({ idEnc: app.pii.encrypt(m.idNumber), idHash: app.pii.lookupHash(m.idNumber), idVerifiedAt: new Date('2026-01-01T00:00:00Z') })
      .where(eq(users.id, m.userId));
    return m;
  };
  const fileOwn = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/api/me/identity-correction', headers, payload });
  const list = (headers: Record<string, string>, orgId = tree.province.id) => app.inject({ method: 'GET', url: `/api/orgs/${orgId}/identity-corrections`, headers });
  const decide = (headers: Record<string, string>, id: string, payload: object, orgId = tree.province.id) =>
    app.inject({ method: 'POST', url: `/api/orgs/${orgId}/identity-corrections/${id}/decision`, headers, payload });
  const snapshot = async (m: { userId: number; checkinId: number }) => ({
    c: (await app.db.select().from(checkins).where(eq(checkins.id, m.checkinId)))[0],
    u: (await app.db.select().from(users).where(eq(users.id, m.userId)))[0],
  });
  const openOf = async (checkinId: number) => app.db.select().from(identityCorrections).where(eq(identityCorrections.checkinId, checkinId));

  it('the member files; a second open request is refused; the province admin approves → data, ID hash, account identity and audit change together', async () => {
    const m = await member('张小红');
    const newId = makeIdNumber('2001-07-08', 'male');
    const photo = await photoOf(m.headers);
    const filed = await fileOwn(m.headers, { name: '张晓红', gender: 'male', idNumber: newId, note: '身份证号录入错误', photo });
    expect(filed.statusCode).toBe(201);
    expect(filed.json().item).toMatchObject({ status: 'pending', requested: { name: '张晓红', gender: 'male', idNumber: newId } });
    // one open request per member (unique open_key)
    const again = await fileOwn(m.headers, { name: '张晓虹', gender: 'male', idNumber: newId, photo: await photoOf(m.headers) });
    expect([again.statusCode, again.json().code]).toEqual([409, 'IDENTITY_CORRECTION_PENDING']);

    const items = (await list(province)).json().items as { id: string; memberId: string; photoUrl: string; current: { name: string } }[];
    const item = items.find((i) => i.memberId === String(m.checkinId))!;
    expect(item.current.name).toBe('张小红');
    // the province admin sees the evidence photo (attached to the member's branch)
    expect((await app.inject({ method: 'GET', url: item.photoUrl, headers: province })).statusCode).toBe(200);

    clock.advance(60_000);
    const before = await snapshot(m);
    expect((await decide(province, item.id, { approve: true })).statusCode).toBe(204);
    const after = await snapshot(m);
    const newHash = app.pii.lookupHash(newId);
    expect(after.c.approvedData).toMatchObject({ name: '张晓红', gender: 'male', birthDate: '2001-07-08' });
    expect(after.c.draft).toMatchObject({ name: '张晓红', gender: 'male', birthDate: '2001-07-08' });
    expect([after.c.idHash, after.c.approvedIdHash, app.pii.decrypt(after.c.idEnc)]).toEqual([newHash, newHash, newId]);
    expect(after.c.realNameStatus).toBe('offlinePassed');
    expect(after.c.realNameGeneration).toBe(before.c.realNameGeneration + 1);
    // the account's identity follows, verified by the province's decision (dated by it)
    expect(after.u.idHash).toBe(newHash);
    expect(after.u.idVerifiedAt?.toISOString()).toBe(clock.now().toISOString());
    const [row] = await openOf(m.checkinId);
    expect(row).toMatchObject({ status: 'approved', openKey: null });
    const logs = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'identityCorrection.approve'), eq(auditLogs.targetId, String(m.checkinId))));
    expect(logs).toHaveLength(1);
    expect(JSON.stringify(logs[0].after)).not.toContain(newId); // §9: masked in the log
    expect((await app.inject({ method: 'GET', url: '/api/me/checkin', headers: m.headers })).json().approved.name).toBe('张晓红');
    expect((await app.inject({ method: 'GET', url: '/api/me/identity-correction', headers: m.headers })).json().item.status).toBe('approved');
    // decided once
    expect((await decide(province, item.id, { approve: false, reason: '重复' })).json().code).toBe('IDENTITY_CORRECTION_NOT_PENDING');
  });

  it('the branch admin files; only the province admins decide (a city admin and the branch admin get 403); 不同意 with a reason changes nothing', async () => {
    const m = await member('李小明');
    const url = `/api/orgs/${tree.branch.id}/identity-corrections/members/${m.checkinId}`;
    const payload = { name: '李晓明', gender: 'female', idNumber: m.idNumber, photo: await photoOf(branchAdmin) };
    expect((await app.inject({ method: 'POST', url, headers: branchAdmin, payload })).statusCode).toBe(204);
    const [req] = await openOf(m.checkinId);
    const id = String(req.id);
    for (const [headers, orgId] of [
      [city, tree.city.id],
      [branchAdmin, tree.branch.id],
    ] as const) {
      const r = await decide(headers, id, { approve: true }, orgId);
      expect([r.statusCode, r.json().code]).toEqual([403, 'IDENTITY_CORRECTION_PROVINCE_ONLY']);
      expect((await list(headers, orgId)).statusCode).toBe(403);
    }
    // a city admin through the province org is not the province's admin either
    expect((await decide(city, id, { approve: true })).statusCode).toBe(403);
    const noReason = await decide(province, id, { approve: false });
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'IDENTITY_CORRECTION_REASON_REQUIRED']);

    const before = await snapshot(m);
    expect((await decide(province, id, { approve: false, reason: '证明材料不清晰' })).statusCode).toBe(204);
    const after = await snapshot(m);
    expect({ ...after.c, updatedAt: null }).toEqual({ ...before.c, updatedAt: null });
    expect(after.u).toEqual(before.u);
    const [decided] = await openOf(m.checkinId);
    expect(decided).toMatchObject({ status: 'rejected', decisionReason: '证明材料不清晰', openKey: null });
    // rejected: a new request may be filed
    expect((await app.inject({ method: 'POST', url, headers: branchAdmin, payload: { ...payload, photo: await photoOf(branchAdmin) } })).statusCode).toBe(204);
  });

  it('bad input is refused with a typed code and changes nothing: gender against the ID, no photo, nothing changed, another branch, a number taken by another account', async () => {
    const m = await member('王小芳');
    const other = await member('赵小强');
    const photo = await photoOf(m.headers);
    const cases: [object, number, string][] = [
      [{ name: '王小芳', gender: 'male', idNumber: m.idNumber, photo }, 400, 'IDENTITY_CORRECTION_GENDER_MISMATCH'],
      [{ name: '王晓芳', gender: 'female', idNumber: m.idNumber }, 400, 'IDENTITY_CORRECTION_PHOTO_REQUIRED'],
      [{ name: '王小芳', gender: 'female', idNumber: m.idNumber, photo }, 400, 'IDENTITY_CORRECTION_UNCHANGED'],
      [{ name: '王小芳', gender: 'female', idNumber: `${m.idNumber.slice(0, 17)}${m.idNumber[17] === '1' ? '2' : '1'}`, photo }, 400, 'ID_NUMBER_CHECKSUM'],
      [{ name: '王小芳', gender: 'female', idNumber: other.idNumber, photo }, 409, 'IDENTITY_CORRECTION_ID_TAKEN'],
    ];
    for (const [payload, status, code] of cases) {
      const r = await fileOwn(m.headers, payload);
      expect([r.statusCode, r.json().code]).toEqual([status, code]);
      expect(r.body).not.toContain('赵小强');
    }
    // the branch admin of another branch does not reach this member
    const elsewhere = (await onboardedCadre(app, tree.otherCity.id, { isAdmin: true })).headers;
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/orgs/${tree.otherCity.id}/identity-corrections/members/${m.checkinId}`,
      headers: elsewhere,
      payload: { name: '王晓芳', gender: 'female', idNumber: m.idNumber, photo: await photoOf(elsewhere) },
    });
    expect(foreign.statusCode).toBe(404);
    expect(await openOf(m.checkinId)).toHaveLength(0);
  });

  it('a number taken by another account after filing is refused at approval, and the approval changes nothing', async () => {
    const m = await member('陈小兰');
    const newId = makeIdNumber('2002-03-04');
    expect((await fileOwn(m.headers, { name: '陈小兰', gender: 'female', idNumber: newId, photo: await photoOf(m.headers) })).statusCode).toBe(201);
    const [req] = await openOf(m.checkinId);
    // meanwhile another account's identity was verified with that number
    const other = await member('周小刚');
    await app.db
      .update(users)
      .set({ idHash: app.pii.lookupHash(newId) })
      .where(eq(users.id, other.userId));
    const before = await snapshot(m);
    const r = await decide(province, String(req.id), { approve: true });
    expect([r.statusCode, r.json().code]).toEqual([409, 'IDENTITY_CORRECTION_ID_TAKEN']);
    expect(r.body).not.toContain('周小刚');
    const after = await snapshot(m);
    expect({ ...after.c, updatedAt: null }).toEqual({ ...before.c, updatedAt: null });
    expect(after.u).toEqual(before.u);
    expect((await openOf(m.checkinId))[0]).toMatchObject({ status: 'pending' });
    expect(
      await app.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'identityCorrection.approve'), eq(auditLogs.targetId, String(m.checkinId)))),
    ).toHaveLength(0);
  });
});
