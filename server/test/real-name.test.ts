import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { ErrorMessages } from '@tj/shared';
import type { App } from '../src/app';
import { RealRealNameVerifier } from '../src/adapters/real-name/real';
import { RealNameSimulator } from '../src/adapters/real-name/simulator';
import { auditLogs, checkins, jobs } from '../src/db/schema';
import { loadConfig } from '../src/env';
import { runDueJobs } from '../src/jobs/plugin';
import { buildTestApp, manualClock, privateDatabase } from './helper';
import { PNG_1X1, certForm, fileUpload, makeIdNumber, memberUser, onboardedCadre, orgTree } from './fixtures';

type User = Awaited<ReturnType<typeof memberUser>>;
const HOUR = 3600_000;
/** Access tokens are judged on the app clock, which this file moves through a day: sessions outlive it. */
const accessTokenTtlSeconds = 7 * 24 * 3600;

/**
 * §4.2 real-name verification with the simulator set to fail every first check and pass
 * every re-check, except for one ID number that always fails (REALNAME_SIM_ALWAYS_FAIL).
 */
describe('real-name verification', () => {
  const clock = manualClock();
  const alwaysFails = makeIdNumber('2001-02-03');
  let app: App;
  let db: Awaited<ReturnType<typeof privateDatabase>>;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let op: Awaited<ReturnType<typeof onboardedCadre>>;

  const me = async (u: User) => (await app.inject({ method: 'GET', url: '/api/me/checkin', headers: u.headers })).json();
  const submitNew = async (idNumber = makeIdNumber(), name = '王小明') => {
    const u = await memberUser(app);
    const form = certForm(tree.branch.id, { idNumber, name });
    for (const step of ['identity', 'league', 'contact', 'optional'] as const) {
      expect((await app.inject({ method: 'PUT', url: `/api/me/checkin/steps/${step}`, headers: u.headers, payload: form[step] })).statusCode).toBe(200);
    }
    expect((await app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: u.headers })).json().realNameStatus).toBe('pending');
    const [row] = await app.db.select().from(checkins).where(eq(checkins.userId, u.userId));
    return { u, form, id: row.id };
  };
  const act = (id: number, tail: string, payload: object, headers = op.headers) =>
    app.inject({ method: 'POST', url: `/api/orgs/${tree.branch.id}/checkins/${id}/${tail}`, headers, payload });
  const jobsOf = async (checkinId: number) =>
    (await app.db.select().from(jobs).where(eq(jobs.kind, 'realName.verify'))).filter((j) => (j.payload as { checkinId: number }).checkinId === checkinId);
  const photoOf = async (headers: Record<string, string>) => {
    const body = fileUpload(PNG_1X1);
    return (await app.inject({ method: 'POST', url: '/api/uploads', headers: { ...headers, ...body.headers }, payload: body.payload })).json();
  };

  beforeAll(async () => {
    db = await privateDatabase('tj_test_realname');
    app = await buildTestApp(
      { databaseUrl: db.databaseUrl, realNameSimFailRate: 1, realNameSimRecheckPassRate: 1, realNameSimAlwaysFail: [alwaysFails], realNameRecheckDelaySeconds: 3600, accessTokenTtlSeconds },
      { clock },
    );
    tree = await orgTree(app);
    op = await onboardedCadre(app, tree.branch.id, { isOperator: true });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('fail → automatic re-check after the delay → pass → approvable', async () => {
    const { u, id } = await submitNew();
    await runDueJobs(app);
    expect((await me(u)).realNameStatus).toBe('failed');
    const refused = await act(id, 'review', { action: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ code: 'REAL_NAME_FAILED', message: ErrorMessages.REAL_NAME_FAILED });

    const recheck = (await jobsOf(id)).find((j) => (j.payload as { attempt: number }).attempt === 2)!;
    expect(recheck.runAt.getTime()).toBe(clock.now().getTime() + HOUR);
    await runDueJobs(app);
    expect((await me(u)).realNameStatus).toBe('failed'); // not due yet
    clock.advance(HOUR);
    await runDueJobs(app);
    expect((await me(u)).realNameStatus).toBe('passed');
    const [row] = await app.db.select().from(checkins).where(eq(checkins.id, id));
    expect(row.realNameRechecked).toBe(true);
    expect((await act(id, 'review', { action: 'approve' })).json()).toMatchObject({ status: 'approved', realNameStatus: 'passed' });
    const trail = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'checkin.realName'), eq(auditLogs.targetId, String(id))));
    expect(trail.map((a) => (a.after as { realNameStatus: string }).realNameStatus)).toEqual(['failed', 'passed']);
  });

  it('fail → re-check fails (final) → the operator verifies offline with a note and a photo', async () => {
    const { u, id } = await submitNew(alwaysFails);
    const pending = await act(id, 'offline-verify', { note: '核验无误', photo: { fileId: '1', mime: 'image/png', size: 10 } });
    expect(pending.json().code).toBe('REAL_NAME_IN_PROGRESS');
    await runDueJobs(app);
    clock.advance(HOUR);
    await runDueJobs(app);
    expect((await me(u)).realNameStatus).toBe('failed');
    expect((await jobsOf(id)).every((j) => j.status === 'done')).toBe(true);
    clock.advance(24 * HOUR);
    expect(await runDueJobs(app)).toBe(0); // no third check: the re-check was final

    // the photo must be the operator's own upload
    const foreign = await photoOf(u.headers);
    const wrongPhoto = await act(id, 'offline-verify', { note: '核验无误', photo: { fileId: foreign.fileId, mime: 'image/png', size: foreign.size } });
    expect(wrongPhoto.json()).toMatchObject({ code: 'UPLOAD_INVALID', field: 'photo' });
    const noNote = await act(id, 'offline-verify', { note: '', photo: { fileId: foreign.fileId, mime: 'image/png', size: 1 } });
    expect(noNote.json()).toMatchObject({ code: 'OFFLINE_NOTE_REQUIRED', field: 'note' });
    // Issue 13 item 10: no photo is said at the photo, not as the generic 填写的内容有误.
    const noPhoto = await act(id, 'offline-verify', { note: '核验无误' });
    expect(noPhoto.json()).toEqual({ code: 'OFFLINE_PHOTO_REQUIRED', message: ErrorMessages.OFFLINE_PHOTO_REQUIRED, field: 'photo' });

    const photo = await photoOf(op.headers);
    const ok = await act(id, 'offline-verify', { note: '已线下核验身份证原件，信息无误', photo: { fileId: photo.fileId, mime: photo.mime, size: photo.size } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', realNameStatus: 'offlinePassed', offlineNote: '已线下核验身份证原件，信息无误', offlinePhotoUrl: photo.url });
    expect(await me(u)).toMatchObject({ status: 'approved', realNameStatus: 'offlinePassed' });
    const again = await act(id, 'offline-verify', { note: '再次', photo: { fileId: photo.fileId, mime: photo.mime, size: photo.size } });
    expect(again.json().code).toBe('CHECKIN_NOT_PENDING');

    // the proof is readable by the branch's operators, not by the member
    const other = await onboardedCadre(app, tree.branch.id, { isOperator: true });
    expect((await app.inject({ method: 'GET', url: photo.url, headers: other.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: photo.url, headers: u.headers })).statusCode).toBe(404);
    const audit = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'checkin.offlineVerify'), eq(auditLogs.targetId, String(id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ orgId: tree.branch.id, actorUserId: op.userId });
  });

  it('offline verification before the re-check settles it; the re-check then does nothing', async () => {
    const { u, id } = await submitNew();
    await runDueJobs(app);
    const photo = await photoOf(op.headers);
    expect((await act(id, 'offline-verify', { note: '核验无误', photo: { fileId: photo.fileId, mime: photo.mime, size: photo.size } })).statusCode).toBe(200);
    clock.advance(HOUR);
    await runDueJobs(app);
    expect(await me(u)).toMatchObject({ status: 'approved', realNameStatus: 'offlinePassed' });
  });

  it('a return and a resubmission with another name start a new verification; the old answer is dropped', async () => {
    const { u, form, id } = await submitNew();
    await act(id, 'review', { action: 'return', reason: '姓名有误' });
    await app.inject({ method: 'PUT', url: '/api/me/checkin/steps/identity', headers: u.headers, payload: { ...form.identity, name: '王晓明' } });
    expect((await app.inject({ method: 'POST', url: '/api/me/checkin/submit', headers: u.headers })).json()).toMatchObject({ status: 'submitted', realNameStatus: 'pending' });
    const generations = (await jobsOf(id)).map((j) => (j.payload as { generation: number }).generation);
    expect(generations).toEqual([1, 2]);
    await runDueJobs(app); // generation 1's job is stale and drops; generation 2's fails first
    const [row] = await app.db.select().from(checkins).where(eq(checkins.id, id));
    expect(row).toMatchObject({ realNameGeneration: 2, realNameStatus: 'failed' });
  });

  it('retries when the provider gives no answer', async () => {
    let calls = 0;
    const flaky = await buildTestApp(
      { databaseUrl: db.databaseUrl, accessTokenTtlSeconds },
      {
        clock,
        realName: {
          kind: 'simulator',
          verify: async () => {
            calls++;
            if (calls === 1) throw new Error('timeout');
            return 'pass';
          },
        },
      },
    );
    try {
      const { id } = await submitNew();
      expect(await runDueJobs(flaky)).toBe(1);
      expect((await app.db.select().from(checkins).where(eq(checkins.id, id)))[0].realNameStatus).toBe('pending');
      clock.advance(60_000);
      await runDueJobs(flaky);
      expect((await app.db.select().from(checkins).where(eq(checkins.id, id)))[0].realNameStatus).toBe('passed');
    } finally {
      await flaky.close();
    }
  });
});

describe('real-name adapters', () => {
  it('simulates deterministically with the configured rates', async () => {
    const sim = new RealNameSimulator({ failRate: 0.05, recheckPassRate: 0.9 });
    const ids = Array.from({ length: 2000 }, () => makeIdNumber());
    const first = await Promise.all(ids.map((id) => sim.verify('张三', id)));
    const again = await Promise.all(ids.map((id) => sim.verify('张三', id)));
    expect(again).toEqual(first);
    const failShare = first.filter((r) => r === 'fail').length / ids.length;
    expect(failShare).toBeGreaterThan(0.02);
    expect(failShare).toBeLessThan(0.08);
    const failed = ids.filter((_, i) => first[i] === 'fail');
    const rechecked = await Promise.all(failed.map((id) => sim.verify('张三', id, { attempt: 2 })));
    expect(rechecked.filter((r) => r === 'pass').length / failed.length).toBeGreaterThan(0.75);
    const always = new RealNameSimulator({ failRate: 0, recheckPassRate: 1, alwaysFail: [ids[0].toLowerCase()] });
    expect(await always.verify('张三', ids[0])).toBe('fail');
    expect(await always.verify('张三', ids[0], { attempt: 2 })).toBe('fail');
    expect(await always.verify('张三', ids[1])).toBe('pass');
  });

  it('real: POSTs name + ID with the key, reads { result }, treats anything else as no answer', async () => {
    const seen: { auth?: string; body: string }[] = [];
    let answer: { status: number; body: string } = { status: 200, body: '{"result":"fail"}' };
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ auth: req.headers.authorization, body });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/verify`;
      const real = new RealRealNameVerifier({ providerUrl: url, apiKey: 'k-123' });
      expect(await real.verify('张三', '440106199003070028')).toBe('fail');
      expect(seen[0]).toEqual({ auth: 'Bearer k-123', body: JSON.stringify({ name: '张三', idNumber: '440106199003070028' }) });
      answer = { status: 503, body: '{}' };
      await expect(real.verify('张三', '440106199003070028')).rejects.toThrow(/503/);
      answer = { status: 200, body: '{"ok":true}' };
      await expect(real.verify('张三', '440106199003070028')).rejects.toThrow(/no result/);
    } finally {
      server.close();
    }
  });

  it('reads its settings from the environment', () => {
    const base = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/x' };
    expect(loadConfig(base)).toMatchObject({
      realNameAdapter: 'simulator',
      realNameSimFailRate: 0.05,
      realNameSimRecheckPassRate: 0.9,
      realNameSimAlwaysFail: [],
      realNameRecheckDelaySeconds: 3600,
      jobsEnabled: true,
      jobsPollIntervalMs: 1000,
    });
    expect(loadConfig({ ...base, REALNAME_SIM_ALWAYS_FAIL: '44010619900307002x, 110101199501010054' }).realNameSimAlwaysFail).toEqual(['44010619900307002X', '110101199501010054']);
    expect(() => loadConfig({ ...base, REALNAME_ADAPTER: 'real' })).toThrow(/REALNAME_PROVIDER_URL/);
    expect(() => loadConfig({ ...base, REALNAME_RECHECK_DELAY_SECONDS: String(25 * 3600) })).toThrow(/REALNAME_RECHECK_DELAY_SECONDS/);
    expect(loadConfig(base).uploadDir).toMatch(/[/\\]\.data[/\\]uploads$/);
  });
});
