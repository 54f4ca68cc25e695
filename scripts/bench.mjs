// `npm run bench [-- --members 1000000]` (issue 8): generates (or reuses) the benchmark
// province in its own database, starts the server under test, measures P1–P5 against their
// baselines and targets, prints one table and writes bench/results.json. Not part of `npm test`.
//
// Options: --members N (default 1000000; 5000000 for the Guangdong-size run) · --growth-members N
// (the smaller dataset for P3's growth, default 100000; 0 skips) · --runs N (default 3) ·
// --connections N (default 32) · --only p1,p2,p3,p4,p5 · --no-tune-db · --regenerate ·
// --port N (the server under test's, default 3901; N + 1 for the growth dataset).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, ensurePnpm, installDeps, say, tsxArgs } from './lib/run.mjs';

await ensurePnpm();
await installDeps();
const { resolveDbServer, withDatabase, redact } = await import('./lib/db.mjs');
const mysql = (await import('mysql2/promise')).default;
const { startServer, round } = await import('./bench/lib.mjs');
const { p1Submit, p2Queue, p3Stats, h5Fcp, weappSizes, restoreSubmitPool } = await import('./bench/measures.mjs');
const { p6Chat } = await import('./bench/chat.mjs');

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const MEMBERS = Number(opt('members', 1_000_000));
const GROWTH = Number(opt('growth-members', 100_000));
const RUNS = Number(opt('runs', 3));
const CONNECTIONS = Number(opt('connections', 32));
const ONLY = new Set((opt('only', 'p1,p2,p3,p4,p5,p6') ?? '').split(','));
// P6 (chat) seeds a database of its own: `--only p6` needs no province dataset
const NEEDS_DATASET = ['p1', 'p2', 'p3', 'p4', 'p5'].some((p) => ONLY.has(p));
const TUNE_DB = !argv.includes('--no-tune-db');
// two benches on one machine (another worktree) must not share the server under test's port
const PORT = Number(opt('port', 3901));
const BUFFER_POOL = 2 * 1024 ** 3;

const { serverUrl } = await resolveDbServer();
const dbUrl = (members) => withDatabase(serverUrl, `tuanjian_bench_${members}`);

// ── machine and database ────────────────────────────────────────────────────────────────
const admin = await mysql.createConnection({ uri: serverUrl });
const variables = async () => {
  const [rows] = await admin.query(
    "show global variables where Variable_name in ('version', 'innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit', 'innodb_log_file_size', 'innodb_flush_method', 'innodb_io_capacity', 'innodb_doublewrite', 'max_connections', 'sync_binlog', 'log_bin')",
  );
  return Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
};
const before = await variables();
const tuning = [];
if (TUNE_DB && Number(before.innodb_buffer_pool_size) < BUFFER_POOL) {
  // The 1M dataset is ~2 GB; a 128 MB pool measures the disk, not the design. Runtime only
  // (gone at the server's restart); --no-tune-db measures the server as it is.
  await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL}`);
  tuning.push(`innodb_buffer_pool_size ${before.innodb_buffer_pool_size} → ${BUFFER_POOL} (SET GLOBAL, until restart)`);
  say(`database tuning: ${tuning.at(-1)}`);
}
const dbVars = await variables();
await admin.end();
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGb: round(os.totalmem() / 1024 ** 3, 1),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  mariadb: dbVars.version,
  innodb: Object.fromEntries(Object.entries(dbVars).filter(([k]) => k !== 'version')),
  tuning,
};
say(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, MariaDB ${machine.mariadb}, load ${machine.loadAverageAtStart.join(' ')}`);

// ── datasets (P5) ───────────────────────────────────────────────────────────────────────
function generate(members) {
  return new Promise((resolve, reject) => {
    const args = [...tsxArgs(path.join(ROOT, 'server', 'bench', 'generate.ts')), '--members', String(members), '--db-url', dbUrl(members)];
    if (argv.includes('--regenerate')) args.push('--force');
    const child = spawn(process.execPath, args, { cwd: path.join(ROOT, 'server'), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`generator exited with ${code}`))));
  });
}
if (NEEDS_DATASET) say(`dataset: ${MEMBERS.toLocaleString('en')} members in ${redact(dbUrl(MEMBERS))}`);
const dataset = NEEDS_DATASET ? await generate(MEMBERS) : null;
const growthSet = ONLY.has('p3') && GROWTH > 0 && GROWTH !== MEMBERS ? await generate(GROWTH) : null;

// ── the server under test ───────────────────────────────────────────────────────────────
const jwtSecret = randomBytes(24).toString('hex');
const serverEnv = (members, port) => ({
  DATABASE_URL: dbUrl(members),
  HOST: '127.0.0.1',
  PORT: String(port),
  LOG_LEVEL: 'warn',
  JWT_SECRET: jwtSecret,
  // submit still enqueues the real-name job in its transaction; nobody polls during the bench
  JOBS_ENABLED: 'false',
  DB_POOL_SIZE: String(Math.max(16, CONNECTIONS)),
  STATIC_DIR: path.join(ROOT, 'miniapp', 'dist', 'h5'),
});
const results = { startedAt: new Date().toISOString(), machine, options: { members: MEMBERS, runs: RUNS, connections: CONNECTIONS }, dataset, growthDataset: growthSet };
const log = (s) => say(s);

const server = NEEDS_DATASET ? await startServer(serverEnv(MEMBERS, PORT), log) : { stop: async () => undefined };
if (NEEDS_DATASET)
  try {
    const common = { base: server.base, databaseUrl: dbUrl(MEMBERS), jwtSecret, connections: CONNECTIONS, runs: RUNS, log };
    if (ONLY.has('p1')) results.p1 = await p1Submit({ ...common, amount: 6000, warmup: 1500 });
    if (ONLY.has('p2')) results.p2 = await p2Queue({ ...common, amount: 8000, warmup: 2000 });
    if (ONLY.has('p3')) results.p3 = await p3Stats({ ...common });
    if (ONLY.has('p4')) {
      const weapp = weappSizes();
      const h5 = fs.existsSync(path.join(ROOT, 'miniapp', 'dist', 'h5', 'index.html')) ? await h5Fcp({ base: server.base }) : null;
      results.p4 = { weapp, h5 };
    }
  } finally {
    await server.stop();
  }
if (growthSet) {
  const small = await startServer(serverEnv(GROWTH, PORT + 1), log);
  try {
    results.p3growth = await p3Stats({ base: small.base, databaseUrl: dbUrl(GROWTH), jwtSecret, log });
  } finally {
    await small.stop();
  }
}
if (ONLY.has('p6')) results.p6 = await p6Chat({ databaseUrl: withDatabase(serverUrl, 'tuanjian_bench_chat'), jwtSecret, port: PORT + 2, log });
results.finishedAt = new Date().toISOString();

// ── the table ───────────────────────────────────────────────────────────────────────────
const rows = [];
const ok = (pass) => (pass == null ? 'n/a' : pass ? 'met' : 'MISSED');
const ms = (x) => (x == null ? '–' : `${round(x, 1)} ms`);
if (results.p1) {
  const { api, raw } = results.p1;
  const ratio = api.rps / raw.rps;
  rows.push(['P1 submit, API (HTTP, auth, validation, tx, audit)', `${round(api.rps, 0)}/s`, `p50 ${ms(api.p50)} p99 ${ms(api.p99)}`, '≥ 1,000/s', ok(api.rps >= 1000 && api.failed === 0)]);
  rows.push(['P1 submit, raw mysql2 (same statements)', `${round(raw.rps, 0)}/s`, `p50 ${ms(raw.p50)} p99 ${ms(raw.p99)}`, '', '']);
  rows.push(['P1 API / raw throughput', `${round(ratio * 100, 0)} %`, `${results.p1.connections} connections`, '≥ 50 %', ok(ratio >= 0.5)]);
  results.p1.ratio = ratio;
}
if (results.p2) {
  const { api, raw } = results.p2;
  const ratio = api.rps / raw.rps;
  rows.push([
    'P2 review queue (20, oldest first), API',
    `${round(api.rps, 0)}/s`,
    `p50 ${ms(api.p50)} p95* ${ms(api.p95)} p99 ${ms(api.p99)}`,
    'p95 < 50 ms',
    ok(api.p95 < 50 && api.failed === 0),
  ]);
  rows.push(['P2 review queue, raw query', `${round(raw.rps, 0)}/s`, `p50 ${ms(raw.p50)} p95 ${ms(raw.p95)} p99 ${ms(raw.p99)}`, '', '']);
  rows.push(['P2 API / raw throughput', `${round(ratio * 100, 0)} %`, `${results.p2.connections} connections`, '≥ 60 %', ok(ratio >= 0.6)]);
  results.p2.ratio = ratio;
}
if (results.p3) {
  const t = { root: 300, city: null, county: 50 };
  for (const scope of ['root', 'city', 'county']) {
    const s = results.p3[scope];
    const target = t[scope];
    rows.push([
      `P3 stats ${scope} (${results.p3.orgs[`${scope}_orgs`]} orgs), warm`,
      ms(s.api.median),
      `CTE ${ms(s.cte.median)} → ${round(s.ratio, 3)}×`,
      `${target ? `< ${target} ms, ` : ''}≤ 0.5× CTE`,
      ok((target == null || s.api.median < target) && s.ratio <= 0.5),
    ]);
    // the statistics page / 录入进度 endpoints (issue 17 part 4), against the same latency targets
    for (const key of ['overview', 'statsXlsx', 'entry', 'progressXlsx', 'summary']) {
      if (!s[key]) continue;
      rows.push([`P3 ${key} ${scope}, warm`, ms(s[key].median), '', target ? `< ${target} ms` : '', ok(target == null || s[key].median < target)]);
    }
  }
  if (results.p3growth) {
    for (const scope of ['root', 'county']) {
      const g = results.p3[scope].api.median / results.p3growth[scope].api.median;
      results.p3[`growth_${scope}`] = g;
      rows.push([
        `P3 growth ${scope} ${GROWTH.toLocaleString('en')} → ${MEMBERS.toLocaleString('en')}`,
        `${round(g, 2)}×`,
        `${ms(results.p3growth[scope].api.median)} → ${ms(results.p3[scope].api.median)}`,
        `≤ ${round((12 * MEMBERS) / GROWTH / 10, 1)}×`,
        ok(g <= (12 * MEMBERS) / GROWTH / 10),
      ]);
    }
  }
}
if (results.p4) {
  const { weapp, h5 } = results.p4;
  const kb = (b) => `${round(b / 1024, 1)} KB`;
  rows.push([
    'P4 weapp main package',
    weapp ? kb(weapp.mainBytes) : 'no build',
    weapp ? `total ${kb(weapp.totalBytes)}` : 'run build:weapp',
    '≤ 1.0 MB',
    ok(weapp ? weapp.mainBytes <= 1024 * 1024 : null),
  ]);
  rows.push([
    'P4 H5 login first contentful paint',
    h5?.medianMs != null ? ms(h5.medianMs) : 'no build',
    h5 ? `runs ${h5.runs.join(', ')}` : '',
    '< 1,500 ms',
    ok(h5?.medianMs != null ? h5.medianMs < 1500 : null),
  ]);
}
if (ONLY.has('p5')) {
  const seconds = dataset.seconds;
  const five = MEMBERS >= 5_000_000 ? seconds : (seconds * 5_000_000) / MEMBERS;
  const measured = MEMBERS >= 5_000_000;
  results.p5 = { members: MEMBERS, seconds, rowsPerSecond: dataset.rowsPerSecond, fiveMillionSeconds: five, fiveMillionMeasured: measured };
  rows.push([
    `P5 generator, ${MEMBERS.toLocaleString('en')} members`,
    `${round(seconds, 0)} s`,
    `${dataset.rowsPerSecond.toLocaleString('en')} rows/s${dataset.skipped ? ' (earlier load)' : ''}`,
    '',
    '',
  ]);
  rows.push([`P5 5,000,000 members${measured ? '' : ' (EXTRAPOLATED ×5)'}`, `${round(five / 60, 1)} min`, '', '< 10 min', ok(five < 600)]);
}
if (results.p6) {
  const { relay, chat, bytesPerConnection, relayBytesPerConnection, groupDelivery } = results.p6;
  const rate = chat.best?.rate ?? 0;
  const relayRate = relay.best?.rate ?? 0;
  const ratio = relayRate ? rate / relayRate : 0;
  results.p6.ratio = ratio;
  rows.push(['P6 chat, 2,000 sockets: highest 1:1 rate with p99 < 100 ms', `${rate}/s`, chat.best ? `p50 ${ms(chat.best.p50)} p99 ${ms(chat.best.p99)}` : 'none passed', '', '']);
  rows.push(['P6 bare ws relay (no auth, no database), same load', `${relayRate}/s`, relay.best ? `p50 ${ms(relay.best.p50)} p99 ${ms(relay.best.p99)}` : 'none passed', '', '']);
  const ack = results.p6.ackRelay;
  if (ack)
    rows.push([
      'P6 ws relay that also acks the sender (3 frames a message, as the chat)',
      `${ack.best?.rate ?? 0}/s`,
      ack.best ? `p50 ${ms(ack.best.p50)} p99 ${ms(ack.best.p99)}` : 'none passed',
      '',
      '',
    ]);
  rows.push(['P6 chat / bare relay rate', `${round(ratio * 100, 0)} %`, `steps of ${results.p6.stepSeconds} s`, '≥ 50 %', ok(ratio >= 0.5)]);
  rows.push([
    'P6 memory per idle connection',
    `${round(bytesPerConnection / 1024, 1)} KB`,
    `relay ${round(relayBytesPerConnection / 1024, 1)} KB`,
    '≤ 30 KB',
    ok(bytesPerConnection <= 30 * 1024),
  ]);
  rows.push([
    'P6 500-member group delivery',
    `p99 ${ms(groupDelivery.p99)}`,
    `p50 ${ms(groupDelivery.p50)}, ${groupDelivery.deliveries}/${groupDelivery.expected} delivered`,
    'p99 < 200 ms',
    ok(groupDelivery.p99 < 200 && groupDelivery.deliveries === groupDelivery.expected),
  ]);
}
results.table = rows.map(([what, value, detail, target, verdict]) => ({ what, value, detail, target, verdict }));

const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['measure', 'value', 'detail', 'target', ''], ...rows].map((r) => String(r[i]).length)));
const fmt = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join(' │ ');
console.log(`\n${fmt(['measure', 'value', 'detail', 'target', ''])}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}`);
for (const r of rows) console.log(fmt(r));
console.log(`\n* autocannon reports p97.5, not p95; P2's p95 column is that (stricter) figure. Machine load at start: ${machine.loadAverageAtStart.join(' ')}.`);

fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
say('wrote bench/results.json');
void restoreSubmitPool;
process.exit(0);
