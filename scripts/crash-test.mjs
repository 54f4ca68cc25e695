// `npm run test:crash` (issue 12, "keep it from coming back"): no acknowledged check-in submit
// is lost when the server dies. A fresh database, the real server, members registered the way
// a person does (simulator SMS code, the four certification steps), then a wave of concurrent
// submits; `kill -9` of the server mid-wave, a restart on the same database, and every submit
// that got a 2xx answer must be in the database. Prints the figures; exits 1 on any loss.
// Not part of `npm test` (it kills processes and takes ~1 min); run it after changing how a
// submit is written.
//
//   npm run test:crash [-- --members 80] [-- --drop-one]
// --drop-one erases one acknowledged submit before the check: the run must then fail (a
// check of the checker).
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import mysql from 'mysql2/promise';
import { ROOT, say, tsxArgs, run } from './lib/run.mjs';
import { dropDatabase, redact, resolveDbServer, withDatabase } from './lib/db.mjs';
import { exited, pool, preparationClient, prepareMember } from './lib/wave.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const MEMBERS = arg('members', 80);
/** the server is killed once this share of the wave has been acknowledged */
const KILL_AT = 0.4;
const SERVER_DIR = path.join(ROOT, 'server');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

// ── the server under test ────────────────────────────────────────────────────────────
function serverEnv(databaseUrl, port) {
  return {
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ENABLE_TEST_ENDPOINTS: 'true',
    // every member registers from 127.0.0.1: per-IP limits would stop the preparation
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    REALNAME_SIM_FAIL_RATE: '0',
    JOBS_ENABLED: 'true',
    UPLOAD_DIR: path.join(os.tmpdir(), `tj-crash-uploads-${port}`),
  };
}

async function startServer(env) {
  // `node --import tsx`, not tsx's CLI: one process, so SIGKILL really kills the server
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode != null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error('server did not become healthy in 60 s');
}

// ── HTTP as the mini-program does it ──────────────────────────────────────────────────
const prep = preparationClient();

// ── the test ──────────────────────────────────────────────────────────────────────────
const { serverUrl } = await resolveDbServer();
const databaseUrl = withDatabase(serverUrl, `tj_crash_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
let server;
let lost = -1;
try {
  say(`fresh database ${redact(databaseUrl)}: migrate + demo seed`);
  for (const file of ['src/db/migrate.ts', 'src/db/seed/index.ts']) {
    const code = await run(process.execPath, tsxArgs(file), { cwd: SERVER_DIR, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });
    if (code !== 0) throw new Error(`${file} failed`);
  }
  const db = await mysql.createConnection({ uri: databaseUrl });
  const [[branch]] = await db.query("SELECT id, short_name AS name FROM orgs WHERE type = 'branch' ORDER BY id LIMIT 1");

  const port = await freePort();
  const env = serverEnv(databaseUrl, port);
  server = await startServer(env);
  say(`server ${server.base} (pid ${server.child.pid}); preparing ${MEMBERS} members of ${branch.name}`);
  const block = randomInt(1000, 9999);
  const t0 = Date.now();
  const members = await pool(
    Array.from({ length: MEMBERS }, (_, i) => i),
    6,
    (i) => prepareMember(prep.api, server.base, { branchId: branch.id, n: i, phone: `137${block}${String(i).padStart(4, '0')}`, name: '崩溃测试', password: 'crash2024test' }),
  );
  say(
    `prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s (${prep.retries()} requests retried after a 5xx or a lost answer${prep.retries() ? `: ${prep.why()}` : ''}); the wave: ${MEMBERS} concurrent submits, kill -9 after ${Math.round(KILL_AT * 100)} % are acknowledged`,
  );

  // The wave: every member submits at once (kept-alive connections), each answer recorded.
  const acked = new Set();
  const refused = [];
  const failed = [];
  let killedAt = null;
  const victim = server.child;
  const wave = members.map(async (m, i) => {
    await sleep(i * 3); // a wave, not a single burst: some land before the kill, some after
    try {
      const res = await fetch(`${server.base}/api/me/checkin/submit`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: '{}' });
      await res.text();
      if (res.ok) {
        acked.add(m.userId);
        if (killedAt == null && acked.size >= MEMBERS * KILL_AT) {
          killedAt = acked.size;
          victim.kill('SIGKILL');
        }
      } else refused.push(res.status);
    } catch {
      failed.push(m.userId); // connection reset / refused: the server died under it
    }
  });
  await Promise.all(wave);
  if (killedAt == null) {
    killedAt = acked.size;
    victim.kill('SIGKILL');
  }
  await exited(victim);
  say(`killed (signal ${victim.signalCode}) after ${killedAt} acknowledgements; answers: ${acked.size} acknowledged, ${refused.length} refused, ${failed.length} without an answer`);

  // Restart on the same database: it must come up, and every acknowledged submit be there.
  const t1 = Date.now();
  server = await startServer(env);
  say(`restarted in ${((Date.now() - t1) / 1000).toFixed(1)} s (pid ${server.child.pid})`);
  if (process.argv.includes('--drop-one') && acked.size > 0) {
    await db.query('UPDATE checkins SET submitted_at = NULL WHERE user_id = ?', [[...acked][0]]);
    say('--drop-one: erased one acknowledged submit');
  }
  const [rows] = await db.query('SELECT user_id AS userId, status, submitted_at AS submittedAt FROM checkins WHERE user_id IN (?)', [members.map((m) => m.userId)]);
  const submitted = new Set(rows.filter((r) => r.submittedAt != null && r.status != null && r.status !== 'draft').map((r) => Number(r.userId)));
  const missing = [...acked].filter((id) => !submitted.has(id));
  const unackedButSaved = members.filter((m) => !acked.has(m.userId) && submitted.has(m.userId)).length;

  // The server works after the crash: the members without an answer submit again.
  let resubmitted = 0;
  for (const m of members.filter((x) => !acked.has(x.userId))) {
    const res = await fetch(`${server.base}/api/me/checkin/submit`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: '{}' });
    await res.text();
    // 2xx, or "already waiting for review" when the dying server had committed it
    if (res.ok || res.status === 409) resubmitted++;
  }
  await db.end();

  lost = missing.length;
  console.log('');
  console.log('crash test (kill -9 of the server during a check-in submit wave)');
  console.log(`  members in the wave            ${MEMBERS}`);
  console.log(`  acknowledged (2xx)             ${acked.size}`);
  console.log(`  refused (4xx/5xx)              ${refused.length}${refused.length ? ` (${[...new Set(refused)].join(', ')})` : ''}`);
  console.log(`  no answer (server died)        ${failed.length}`);
  console.log(`  committed but not acknowledged ${unackedButSaved}`);
  console.log(`  acknowledged and in the DB     ${acked.size - missing.length}`);
  console.log(`  acknowledged but MISSING       ${missing.length}${missing.length ? ` (user ids ${missing.slice(0, 10).join(', ')})` : ''}`);
  console.log(`  after restart, re-submitted    ${resubmitted} of ${MEMBERS - acked.size}`);
  if (resubmitted !== MEMBERS - acked.size) {
    console.log('  FAIL: the restarted server did not take the remaining submits');
    lost = Math.max(lost, 1);
  }
} catch (err) {
  console.error(err);
} finally {
  if (server && server.child.exitCode == null && server.child.signalCode == null) {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
  await dropDatabase(databaseUrl).catch(() => {});
}
console.log(lost === 0 ? '\ncrash test passed: 0 acknowledged submits missing' : '\ncrash test FAILED');
process.exit(lost === 0 ? 0 : 1);
