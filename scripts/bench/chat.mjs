// P6 (issue 18): the chat socket under load, against a bare `ws` relay in the same run.
// 2,000 connected cadres; one-to-one messages at a steady aggregate rate, stepped up until
// the p99 send→receive latency passes 100 ms; memory per idle connection; a message to a
// 500-member org group (p99 over every recipient of every message).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import WebSocket from 'ws';
import { ROOT, tsxArgs } from '../lib/run.mjs';
import { percentile, round, signJwt, sleep, startServer } from './lib.mjs';

const CADRES = 2000;
const GROUP = 500;
const STEP_SECONDS = 4;
const RATES = [25, 50, 100, 250, 500, 750, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10000, 12000, 14000, 16000, 20000, 24000, 28000, 32000, 40000, 50000];

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

/** Opens `n` sockets; `hello(ws, i)` sends what makes socket i ready; resolves once all are ready. */
async function openSockets(url, n, hello, isReady, onFrame) {
  const sockets = new Array(n);
  let ready = 0;
  await new Promise((resolve, reject) => {
    let opening = 0;
    const openNext = () => {
      // a few hundred handshakes at a time: the accept queue of one process stays short
      while (opening < 200 && ready + opening < n && sockets.filter(Boolean).length < n) {
        const i = sockets.findIndex((s) => !s);
        if (i < 0) return;
        opening++;
        const ws = new WebSocket(url, { perMessageDeflate: false });
        sockets[i] = ws;
        ws.on('open', () => hello(ws, i));
        ws.on('message', (data) => {
          const text = data.toString();
          if (isReady(text)) {
            opening--;
            ready++;
            if (ready === n) resolve();
            else openNext();
            return;
          }
          onFrame(i, text);
        });
        ws.on('error', reject);
      }
    };
    openNext();
  });
  return sockets;
}

/**
 * Steady-rate one-to-one load: `rate` messages per second for STEP_SECONDS, each from a
 * random socket to its pair; latency = receipt − send on this process's clock.
 */
async function steady(sockets, rate, sendTo, pending) {
  const total = rate * STEP_SECONDS;
  const lat = [];
  pending.clear();
  const t0 = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      while (sent < due) {
        const from = Math.floor(Math.random() * sockets.length);
        const id = `b${sent}x${Math.random().toString(36).slice(2, 8)}`;
        pending.set(id, { at: performance.now(), lat });
        sendTo(sockets[from], from, id);
        sent++;
      }
      if (sent < total) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  // wait for the stragglers (at most 2 s)
  for (let i = 0; i < 40 && pending.size > 0; i++) await sleep(50);
  const lost = pending.size;
  lat.sort((a, b) => a - b);
  return { rate, sent: total, received: lat.length, lost, p50: percentile(lat, 50), p99: percentile(lat, 99), achieved: lat.length / ((performance.now() - t0) / 1000) };
}

/** The highest steady rate whose p99 stays under 100 ms with nothing lost. */
/** CPU seconds (user + system) a local process has used, null when it cannot be read. */
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The local MariaDB server's pid (for CPU per message), null when it is not on this machine. */
function databasePid() {
  const r = spawnSync('pidof', ['mariadbd', 'mysqld'], { encoding: 'utf8' });
  const pid = Number(r.stdout?.trim().split(/\s+/)[0]);
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

/**
 * Steps up the rate. Beside latency, each step logs the CPU time the server (and the local
 * MariaDB) spent per message: a figure a busy machine disturbs far less than latency.
 */
async function ramp(label, sockets, sendTo, pending, log, serverPid, usesDatabase) {
  const steps = [];
  let best = null;
  const dbPid = usesDatabase ? databasePid() : null;
  for (const rate of RATES) {
    const cpu0 = [cpuSeconds(serverPid), dbPid && cpuSeconds(dbPid), cpuSeconds(process.pid)];
    const s = await steady(sockets, rate, sendTo, pending);
    const cpu1 = [cpuSeconds(serverPid), dbPid && cpuSeconds(dbPid), cpuSeconds(process.pid)];
    const per = (i) => (cpu0[i] != null && cpu1[i] != null && s.received ? round(((cpu1[i] - cpu0[i]) * 1e6) / s.received, 0) : null);
    s.serverCpuUsPerMessage = per(0);
    s.dbCpuUsPerMessage = per(1);
    // the load generator (this process: 2,000 sockets, every frame sent and read) shares the cores
    s.loadCpuUsPerMessage = per(2);
    steps.push(s);
    const pass = s.lost === 0 && s.p99 < 100;
    const cpu =
      s.serverCpuUsPerMessage != null
        ? `; CPU per message: server ${s.serverCpuUsPerMessage} µs${s.dbCpuUsPerMessage != null ? `, MariaDB ${s.dbCpuUsPerMessage} µs` : ''}, load generator ${s.loadCpuUsPerMessage} µs`
        : '';
    log(`P6 ${label}: ${rate}/s → p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms, lost ${s.lost}${cpu}${pass ? '' : ' (over)'}`);
    if (!pass) break;
    best = s;
    await sleep(500);
  }
  return { best, steps };
}

/**
 * RSS right after a full garbage collection, forced through the process's inspector
 * (`--inspect=127.0.0.1:<port>`, `HeapProfiler.collectGarbage`): what the process holds, without
 * the garbage a collection would free. (Read without it — the lowest of five readings a second
 * apart — the chat's figure moved by ±4 KB per connection between runs.)
 */
async function rssAfterGc(pid, inspectPort) {
  const [target] = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const call = (id, method) =>
    new Promise((resolve) => {
      const onMessage = (data) => {
        if (JSON.parse(data.toString()).id === id) {
          ws.off('message', onMessage);
          resolve();
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method }));
    });
  // twice: objects with finalizers (sockets' weak references) go in the second
  await call(1, 'HeapProfiler.collectGarbage');
  await call(2, 'HeapProfiler.collectGarbage');
  ws.close();
  await sleep(500);
  return rssOf(pid);
}

const rssOf = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};

/** The bare relay: no auth, no database — `{to, id}` goes to socket `to`. */
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
  });
});
console.log('relay up');
`;

export async function p6Chat({ databaseUrl, jwtSecret, port, log }) {
  await seed(databaseUrl, log);
  const result = { cadres: CADRES, group: GROUP, stepSeconds: STEP_SECONDS };
  const pairOf = (i) => (i % 2 === 0 ? i + 1 : i - 1);

  // ── the bare ws relay ── (BENCH_P6_SKIP_RELAY=1: the chat side alone, while working on it; no ratio then)
  if (process.env.BENCH_P6_SKIP_RELAY) result.relay = { best: null, steps: [] };
  else await relayRamp();
  async function relayRamp() {
    const relayInspect = port + 11;
    const relay = spawn(process.execPath, [`--inspect=127.0.0.1:${relayInspect}`, '-e', RELAY], { env: { ...process.env, PORT: String(port + 10) }, stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((r) => relay.stdout.once('data', r));
    try {
      const pending = new Map();
      const onFrame = (_i, text) => {
        const f = JSON.parse(text);
        const p = pending.get(f.id);
        if (p) {
          p.lat.push(performance.now() - p.at);
          pending.delete(f.id);
        }
      };
      const rss0 = await rssAfterGc(relay.pid, relayInspect);
      const sockets = await openSockets(
        `ws://127.0.0.1:${port + 10}`,
        CADRES,
        (ws, i) => ws.send(JSON.stringify({ type: 'hello', id: i })),
        (t) => t === '{"type":"ready"}',
        onFrame,
      );
      result.relayBytesPerConnection = ((await rssAfterGc(relay.pid, relayInspect)) - rss0) / CADRES;
      result.relay = await ramp('bare ws relay', sockets, (ws, from, id) => ws.send(JSON.stringify({ to: pairOf(from), id })), pending, log, relay.pid, false);
      for (const ws of sockets) ws.terminate();
    } finally {
      relay.kill('SIGKILL');
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
    const pending = new Map();
    const convOf = (i) => String(Math.floor(i / 2) + 1);
    const onFrame = (_i, text) => {
      if (!text.startsWith('{"type":"message"')) return;
      const id = /"clientMsgId":"([^"]+)"/.exec(text)?.[1];
      const p = id && pending.get(id);
      if (p) {
        p.lat.push(performance.now() - p.at);
        if (--p.left <= 0) pending.delete(id);
      }
    };
    await sleep(1000);
    const rss0 = await rssAfterGc(server.pid, serverInspect);
    const sockets = await openSockets(
      `ws://127.0.0.1:${port}/api/chat/socket`,
      CADRES,
      (ws, i) => ws.send(JSON.stringify({ type: 'auth', token: signJwt(jwtSecret, i + 1) })),
      (t) => t.startsWith('{"type":"ready"'),
      onFrame,
    );
    result.bytesPerConnection = ((await rssAfterGc(server.pid, serverInspect)) - rss0) / CADRES;
    log(`P6: ${CADRES} sockets authenticated; ${round(result.bytesPerConnection / 1024, 1)} KB per idle connection (relay ${round(result.relayBytesPerConnection / 1024, 1)} KB)`);
    // the sender receives its own message too (other devices); count the pair's receipt only
    const sendTo = (ws, from, id) => {
      pending.get(id).left = 1;
      ws.send(JSON.stringify({ type: 'send', conversationId: convOf(from), message: { clientMsgId: id, kind: 'text', text: '压测消息' } }));
    };
    // route frames: the sender's own copy is not a delivery
    for (const [i, ws] of sockets.entries()) {
      ws.removeAllListeners('message');
      ws.on('message', (data) => {
        const text = data.toString();
        if (!text.startsWith('{"type":"message"')) return;
        const id = /"clientMsgId":"([^"]+)"/.exec(text)?.[1];
        const p = id && pending.get(id);
        if (p && p.from !== i) onFrame(i, text);
      });
    }
    const sendTracked = (ws, from, id) => {
      pending.get(id).from = from;
      sendTo(ws, from, id);
    };
    result.chat = await ramp('chat socket', sockets, sendTracked, pending, log, server.pid, true);
    // the step that went over may have left a backlog: let it drain before the group
    await sleep(8000);

    // a 500-member group: 20 messages, 300 ms apart; every recipient's latency counts
    const groupLat = [];
    for (let k = 0; k < 20; k++) {
      const id = `g${k}x${Math.random().toString(36).slice(2, 8)}`;
      pending.set(id, { at: performance.now(), lat: groupLat, left: GROUP - 1, from: 0 });
      sockets[0].send(JSON.stringify({ type: 'send', conversationId: String(CADRES), message: { clientMsgId: id, kind: 'text', text: '群通知' } }));
      await sleep(300);
    }
    for (let i = 0; i < 40 && pending.size > 0; i++) await sleep(50);
    groupLat.sort((a, b) => a - b);
    result.groupDelivery = { messages: 20, deliveries: groupLat.length, expected: 20 * (GROUP - 1), p50: percentile(groupLat, 50), p99: percentile(groupLat, 99) };
    log(`P6 group of ${GROUP}: ${groupLat.length} deliveries, p50 ${round(result.groupDelivery.p50, 1)} ms, p99 ${round(result.groupDelivery.p99, 1)} ms`);
    for (const ws of sockets) ws.terminate();
  } finally {
    await server.stop();
  }
  return result;
}
