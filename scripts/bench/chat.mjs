// P6 (issue 18): the chat socket under load, against a bare `ws` relay in the same run.
// 2,000 connected cadres; one-to-one messages at a steady aggregate rate, stepped up until
// the p99 send→receive latency passes 100 ms; memory per idle connection; a message to a
// 500-member org group (p99 over every recipient of every message).
import { fork, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { ROOT, tsxArgs } from '../lib/run.mjs';
import { sleep, startServer } from './lib.mjs';

const CADRES = 2000;
const GROUP = 500;
// the load generator's step length (handed to chat-load.mjs), reported with the results
const STEP_SECONDS = 4;

/** A fresh database with CADRES onboarded cadres (the first GROUP of them in one org) and their one-to-one pairs. */
async function seed(databaseUrl, log) {
  const server = new URL(databaseUrl);
  const name = server.pathname.slice(1);
  server.pathname = '/';
  const admin = await mysql.createConnection({ uri: server.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const r = spawnSync(process.execPath, tsxArgs(path.join(ROOT, 'server', 'src', 'db', 'migrate.ts')), {
    cwd: path.join(ROOT, 'server'),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`migrate failed: ${r.stderr}`);
  const db = await mysql.createConnection({ uri: databaseUrl, multipleStatements: true });
  const now = new Date();
  await db.query('INSERT INTO orgs (id, parent_id, path, depth, type, short_name, full_name, industry, created_at, updated_at) VALUES ?', [
    [
      [1, null, '/1/', 0, 'leadingOrgan', '压测省委', '压测省委', 'other', now, now],
      [2, 1, '/1/2/', 1, 'grassrootsCommittee', '压测团委', '压测团委', 'other', now, now],
      [3, 1, '/1/3/', 1, 'grassrootsCommittee', '压测另一团委', '压测另一团委', 'other', now, now],
    ],
  ]);
  const users = [];
  const lines = [];
  for (let i = 1; i <= CADRES; i++) {
    users.push([i, `1990000${String(i).padStart(4, '0')}`, 'x', `团干${i}`, now, now]);
    lines.push([i <= GROUP ? 2 : 3, `团干${i}`, `enc${i}`, String(i).padStart(64, '0'), `1990000${String(i).padStart(4, '0')}`, 'secretary', i, now, now, now]);
  }
  await db.query('INSERT INTO users (id, phone, password_hash, name, created_at, updated_at) VALUES ?', [users]);
  await db.query('INSERT INTO roster_entries (org_id, name, id_enc, id_hash, phone, position, user_id, onboarded_at, created_at, updated_at) VALUES ?', [lines]);
  // orgs.cadre_count is kept equal to the roster lines (server/src/modules/roster/lines.ts)
  await db.query('UPDATE orgs o SET cadre_count = (SELECT COUNT(*) FROM roster_entries r WHERE r.org_id = o.id)');
  // the one-to-one pairs (1,2), (3,4) … and the group's conversation
  const convs = [];
  for (let i = 1; i < CADRES; i += 2) convs.push([(i + 1) / 2, 'direct', i, i + 1, now]);
  await db.query('INSERT INTO chat_conversations (id, kind, user_lo, user_hi, created_at) VALUES ?', [convs]);
  await db.query("INSERT INTO chat_conversations (id, kind, org_id, created_at) VALUES (?, 'group', 2, ?)", [CADRES, now]);
  await db.end();
  log(`P6: seeded ${CADRES} cadres, ${convs.length} pairs, a ${GROUP}-member group`);
}

/** The bare relay: no auth, no database — `{to, id}` goes to socket `to`; with ACK=1 the sender also gets `{type:'ack', id}`. */
const RELAY = `
const { WebSocketServer } = require(${JSON.stringify(path.join(ROOT, 'scripts', 'node_modules', 'ws'))});
const wss = new WebSocketServer({ port: Number(process.env.PORT), host: '127.0.0.1', perMessageDeflate: false });
const byId = new Map();
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString());
    if (f.type === 'hello') { byId.set(f.id, ws); ws.send('{"type":"ready"}'); return; }
    const to = byId.get(f.to);
    if (to) to.send(JSON.stringify({ type: 'message', id: f.id }));
    if (process.env.ACK) ws.send(JSON.stringify({ type: 'ack', id: f.id }));
  });
});
console.log('relay up');
`;

/**
 * Runs one side's load generator in a fresh process (chat-load.mjs) and resolves with its
 * result; its log lines come through `log`.
 */
function loadSide(config, log) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'scripts', 'bench', 'chat-load.mjs'), [JSON.stringify({ cadres: CADRES, group: GROUP, stepSeconds: STEP_SECONDS, ...config })], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result = null;
    child.on('message', (m) => {
      if (m.log) log(m.log);
      if (m.result) result = m.result;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`P6 load generator (${config.side}) exited with ${code}`))));
  });
}

/** A relay process (RELAY; `ack`: ACK=1) on `relayPort`, its inspector on `inspectPort` (the memory readings); runs `fn(relay)`. */
async function withRelay(relayPort, inspectPort, ack, fn) {
  const relay = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectPort}`, '-e', RELAY], {
    env: { ...process.env, PORT: String(relayPort), ACK: ack ? '1' : '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((r) => relay.stdout.once('data', r));
  try {
    return await fn(relay);
  } finally {
    relay.kill('SIGKILL');
  }
}

export async function p6Chat({ databaseUrl, jwtSecret, port, log }) {
  await seed(databaseUrl, log);
  const result = { cadres: CADRES, group: GROUP, stepSeconds: STEP_SECONDS };

  // ── the bare ws relay, and the relay that also acks the sender (the chat's three frames per
  // message, without auth or database: what the frames alone allow) ──
  // BENCH_P6_SKIP_RELAY=1: the chat side alone, while working on it; no ratio then.
  if (process.env.BENCH_P6_SKIP_RELAY) result.relay = { best: null, steps: [] };
  else {
    for (const [key, ack, label] of [
      ['relay', false, 'bare ws relay'],
      ['ackRelay', true, 'ws relay with ack'],
    ]) {
      const side = await withRelay(port + 10, port + 11, ack, (relay) => loadSide({ side: 'relay', label, url: `ws://127.0.0.1:${port + 10}`, pid: relay.pid, inspectPort: port + 11 }, log));
      result[key] = { best: side.best, steps: side.steps };
      if (!ack) result.relayBytesPerConnection = side.bytesPerConnection;
    }
  }

  // ── the chat server ──
  const serverInspect = port + 12;
  const server = await startServer(
    {
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: jwtSecret,
      JOBS_ENABLED: 'false',
      DB_POOL_SIZE: '24',
      CHAT_SEND_PER_MINUTE: '100000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    },
    log,
    // the inspector forces the collections before the memory readings (no session stays open);
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the chat server, written when it stops
    [`--inspect=127.0.0.1:${serverInspect}`, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [])],
  );
  try {
    await sleep(1000);
    const side = await loadSide({ side: 'chat', url: `ws://127.0.0.1:${port}/api/chat/socket`, pid: server.pid, inspectPort: serverInspect, jwtSecret }, log);
    result.chat = { best: side.best, steps: side.steps };
    result.bytesPerConnection = side.bytesPerConnection;
    result.groupDelivery = side.groupDelivery;
  } finally {
    await server.stop();
  }
  return result;
}
