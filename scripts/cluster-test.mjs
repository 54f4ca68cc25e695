// `npm run test:cluster` (issue 19 item 5): no acknowledged write is lost when a database node
// or an app instance dies. The three-node Galera cluster of `npm run cluster` (started if
// not running), a fresh database on it, two server instances (A on node1, B on node2, each
// failing over to the other nodes), members registered the way a person does; then:
//   1. the cross-node race suite (server/cluster-test/*.test.ts): every race the product
//      settles, with the racers on different nodes — exactly one winner each;
//   2. a paced wave of check-in submits spread over A and B, during which node1 (A's own
//      node) is killed with -9, restarted (it rejoins by IST), and then instance B is killed
//      with -9. The client does what the mini-program and a load balancer do: a request
//      without an answer, or answered 503 DB_RETRY, is sent again (to the other instance
//      when its own is gone).
// Every submit answered 2xx must then be on all three nodes. Prints throughput and error
// counts per phase; exits 1 on any loss or race failure. Not part of `npm test` (it kills
// processes and takes a few minutes); its last output is in docs/scale-out.md.
//
//   npm run test:cluster [-- --members 300] [-- --rate 10] [-- --skip-races] [-- --drop-one]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import mysql from 'mysql2/promise';
import { ROOT, say, tsxArgs, run } from './lib/run.mjs';
import { NODES, clusterEnv, nodePid, nodeStatus, spawnNode, startCluster, stopCluster, waitSynced } from './lib/galera.mjs';
import { exited, pool, preparationClient, prepareMember } from './lib/wave.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const MEMBERS = arg('members', 300);
/** submits started per second (a paced wave: long enough to span both failures) */
const RATE = arg('rate', 8);
const SERVER_DIR = path.join(ROOT, 'server');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const DATABASE = `tj_cluster_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

// ── the two instances ─────────────────────────────────────────────────────────────────
const redisPrefix = `tj-cluster-test-${randomBytes(3).toString('hex')}:`;
function instanceEnv(node, port) {
  return {
    ...clusterEnv(DATABASE, node),
    HOST: '127.0.0.1',
    PORT: String(port),
    // CLUSTER_LOG_LEVEL=warn shows why an instance answered DB_RETRY
    LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'error',
    ENABLE_TEST_ENDPOINTS: 'true',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    REALNAME_SIM_FAIL_RATE: '0',
    JOBS_ENABLED: 'true',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: redisPrefix,
    UPLOAD_DIR: path.join(os.tmpdir(), `tj-cluster-uploads-${port}`),
  };
}

async function startInstance(name, env) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', process.env.CLUSTER_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode != null) throw new Error(`instance ${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { name, child, base, alive: true };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(`instance ${name} did not become healthy in 60 s`);
}

// ── HTTP as the mini-program does it ──────────────────────────────────────────────────
const prep = preparationClient();

// ── the test ──────────────────────────────────────────────────────────────────────────
const instances = [];
let failed = true;
let wasRunning = false;
const report = [];
const out = (line = '') => {
  console.log(line);
  report.push(line);
};
try {
  wasRunning = Boolean(await nodeStatus(NODES[0]));
  await startCluster();
  const admin = await mysql.createConnection({ uri: NODES[0].url });
  await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  say(`fresh database ${DATABASE} on the cluster: migrate + demo seed (on node1)`);
  for (const file of ['src/db/migrate.ts', 'src/db/seed/index.ts']) {
    const code = await run(process.execPath, tsxArgs(file), { cwd: SERVER_DIR, env: { ...clusterEnv(DATABASE, NODES[0]), LOG_LEVEL: 'warn' } });
    if (code !== 0) throw new Error(`${file} failed`);
  }

  // 1. the cross-node races (jest, two apps on two nodes)
  let racesOk = true;
  if (!process.argv.includes('--skip-races')) {
    say('cross-node races: server/cluster-test (racers on node1 and node2)');
    const code = await run(process.execPath, [path.join(SERVER_DIR, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', 'jest.cluster.config.js', '--verbose'], {
      cwd: SERVER_DIR,
      env: { CLUSTER_NODE_URLS: NODES.map((n) => n.url).join(','), CLUSTER_DATABASE: DATABASE },
    });
    racesOk = code === 0;
  }

  const db = await mysql.createConnection({ uri: `${NODES[2].url}${DATABASE}` });
  const [[branch]] = await db.query("SELECT id, short_name AS name FROM orgs WHERE type = 'branch' ORDER BY id LIMIT 1");
  await db.end();

  instances.push(await startInstance('A', instanceEnv(NODES[0], 3401)), await startInstance('B', instanceEnv(NODES[1], 3402)));
  say(`instances A ${instances[0].base} (node1) and B ${instances[1].base} (node2); preparing ${MEMBERS} members of ${branch.name} over both`);
  const block = randomInt(1000, 9999);
  const t0 = Date.now();
  const members = await pool(
    Array.from({ length: MEMBERS }, (_, i) => i),
    6,
    (i) => prepareMember(prep.api, instances[i % 2].base, { branchId: branch.id, n: i, phone: `136${block}${String(i).padStart(4, '0')}`, name: '集群测试', password: 'cluster2024test' }),
  );
  say(`prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s (${prep.retries()} requests retried after a 5xx or a lost answer${prep.retries() ? `: ${prep.why()}` : ''})`);

  // 2. the wave, in phases
  const phases = [];
  let phase;
  const enter = (name) => {
    const now = Date.now();
    if (phase) phase.end = now;
    phase = { name, start: now, end: null, acked: 0, noAnswer: 0, dbRetry: 0, otherErrors: {}, latencies: [] };
    phases.push(phase);
    say(`phase: ${name}`);
  };
  const acked = new Set();
  const committedBeforeAck = new Set(); // a retry found it submitted already (409): committed, first answer lost
  const gaveUp = [];
  const live = () => instances.filter((x) => x.alive);

  async function submit(m, i) {
    let target = instances[i % 2];
    for (let attempt = 0; attempt < 30; attempt++) {
      if (!target.alive) target = live()[0];
      const p = phase;
      const t = Date.now();
      try {
        const res = await fetch(`${target.base}/api/me/checkin/submit`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: '{}' });
        const body = await res.text();
        if (res.ok) {
          p.acked++;
          p.latencies.push(Date.now() - t);
          acked.add(m.userId);
          return;
        }
        const code = (() => {
          try {
            return JSON.parse(body).code;
          } catch {
            return String(res.status);
          }
        })();
        if (res.status === 409 && code === 'CHECKIN_PENDING_REVIEW' && attempt > 0) {
          committedBeforeAck.add(m.userId);
          return;
        }
        if (code === 'DB_RETRY') p.dbRetry++;
        else p.otherErrors[`${res.status} ${code}`] = (p.otherErrors[`${res.status} ${code}`] ?? 0) + 1;
        if (res.status < 500) return void gaveUp.push(m.userId); // a refusal: not retried
      } catch {
        p.noAnswer++; // connection refused / reset: the instance died (or is dead)
        target = instances[(instances.indexOf(target) + 1) % 2];
      }
      await sleep(200 + attempt * 100);
    }
    gaveUp.push(m.userId);
  }

  enter('steady (both nodes of A and B up)');
  const inflight = [];
  const started = Date.now();
  const schedule = (async () => {
    for (let i = 0; i < members.length; i++) {
      await sleep(Math.max(0, started + (i * 1000) / RATE - Date.now()));
      inflight.push(submit(members[i], i));
    }
  })();

  // the failures, at fixed points of the wave
  const at = (share) => sleep(Math.max(0, started + ((share * MEMBERS) / RATE) * 1000 - Date.now()));
  await at(0.15);
  const victimNode = NODES[0];
  process.kill(nodePid(victimNode), 'SIGKILL');
  enter(`node1 killed (-9): A fails over`);
  await sleep(4000);
  const tRejoin = Date.now();
  const logFrom = fs.statSync(victimNode.errorLog).size;
  spawnNode(victimNode);
  enter('node1 restarting (IST rejoin)');
  await waitSynced(victimNode);
  const rejoinSeconds = ((Date.now() - tRejoin) / 1000).toFixed(1);
  const log = fs.readFileSync(victimNode.errorLog, 'utf8').slice(logFrom);
  // (the mariabackup script logs "SST succeeded" for an IST too: what counts is whether it streamed a backup)
  const istSets = /Receiving IST: (\d+) writesets/.exec(log)?.[1];
  const byIst = /Running IST/.test(log) || (Boolean(istSets) && !/Installed new state from SST/.test(log.replace(/SST succeeded[^\n]*\n/g, '')) && /IST received/.test(log));
  enter('node1 back, 3 nodes synced');
  await at(0.65);
  const victimApp = instances[1];
  victimApp.alive = false;
  victimApp.child.kill('SIGKILL');
  await exited(victimApp.child);
  enter('instance B killed (-9): clients move to A');
  await schedule;
  await Promise.all(inflight);
  phase.end = Date.now();

  // 3. the check, on every node
  const ids = members.map((m) => m.userId);
  const perNode = [];
  for (const n of NODES) {
    const conn = await mysql.createConnection({ uri: `${n.url}${DATABASE}` });
    if (process.argv.includes('--drop-one') && n === NODES[0] && acked.size) {
      await conn.query('UPDATE checkins SET submitted_at = NULL WHERE user_id = ?', [[...acked][0]]);
      say('--drop-one: erased one acknowledged submit');
    }
    const [rows] = await conn.query('SELECT user_id AS userId FROM checkins WHERE submitted_at IS NOT NULL AND status <> ? AND user_id IN (?)', ['draft', ids]);
    await conn.end();
    const submitted = new Set(rows.map((r) => Number(r.userId)));
    perNode.push({ node: n, missing: [...acked].filter((id) => !submitted.has(id)), submitted: submitted.size });
  }
  const health = await (await fetch(`${instances[0].base}/api/health`)).json();

  const lost = Math.max(...perNode.map((p) => p.missing.length));
  out('');
  out(`cluster test (${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} CPUs): ${MEMBERS} submits at ${RATE}/s over instances A (node1) and B (node2)`);
  out('  phase                                      secs  acked  acked/s  p50 ms  p95 ms  no answer  DB_RETRY  other');
  for (const p of phases) {
    const secs = (p.end - p.start) / 1000;
    const sorted = [...p.latencies].sort((a, b) => a - b);
    const pct = (q) => (sorted.length ? String(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]) : '-');
    const other = Object.entries(p.otherErrors)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    out(
      `  ${p.name.padEnd(42)} ${secs.toFixed(1).padStart(5)} ${String(p.acked).padStart(6)} ${(p.acked / Math.max(secs, 0.001)).toFixed(1).padStart(8)} ${pct(0.5).padStart(7)} ${pct(0.95).padStart(7)} ${String(p.noAnswer).padStart(10)} ${String(p.dbRetry).padStart(9)}  ${other || '0'}`,
    );
  }
  out(
    `  node1 rejoined in ${rejoinSeconds} s by ${byIst ? `IST (incremental state transfer, ${istSets} write sets)` : 'SST (full copy)'}; A's /health afterwards: ${JSON.stringify(health)}`,
  );
  out(`  acknowledged (2xx)                          ${acked.size}`);
  out(`  committed, answer lost, retry saw it (409)  ${committedBeforeAck.size}`);
  out(`  given up / refused                          ${gaveUp.length}`);
  for (const p of perNode)
    out(
      `  on ${p.node.name}: acknowledged but MISSING      ${p.missing.length}${p.missing.length ? ` (user ids ${p.missing.slice(0, 10).join(', ')})` : ''}  (submitted rows: ${p.submitted})`,
    );
  out(`  cross-node races                            ${process.argv.includes('--skip-races') ? 'skipped' : racesOk ? 'passed (exactly one winner each)' : 'FAILED'}`);
  failed = lost !== 0 || !racesOk || acked.size + committedBeforeAck.size !== MEMBERS - gaveUp.length;
} catch (err) {
  console.error(err);
} finally {
  for (const x of instances) {
    if (x.child.exitCode == null && x.child.signalCode == null) {
      x.child.kill('SIGTERM');
      await exited(x.child);
    }
  }
  try {
    const st = await nodeStatus(NODES[0]);
    if (st) {
      const admin = await mysql.createConnection({ uri: NODES[0].url });
      await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
      await admin.end();
    }
  } catch {
    // the database stays; it is in .data/cluster only
  }
}
out(failed ? '\ncluster test FAILED' : '\ncluster test passed: 0 acknowledged submits missing on any node');
fs.mkdirSync(path.join(ROOT, '.data', 'cluster'), { recursive: true });
fs.writeFileSync(path.join(ROOT, '.data', 'cluster', 'last-test.txt'), report.join('\n') + '\n');
// leave the cluster as found: running if it was, else stopped
if (wasRunning) console.log('(the Galera nodes keep running, as they were before the test)');
else await stopCluster();
process.exit(failed ? 1 : 0);
