// `npm run cluster` (issue 19): a three-node MariaDB Galera cluster from the system packages
// (data in .data/cluster/node{1,2,3}, ports 3311–3313), migrated and seeded once, and two
// server instances — :3001 on node1, :3002 on node2 — each failing over to the other nodes
// (DATABASE_NODES). Shared state (rate limits, session revocations) goes through Redis when
// one answers at REDIS_URL (default redis://127.0.0.1:6379); else each instance keeps its own.
// Ctrl+C stops both instances and the three nodes. `npm start` stays single-node.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { ROOT, ensurePnpm, installDeps, runOrExit, say, tsxArgs } from './lib/run.mjs';
import { NODES, clusterEnv, startCluster, stopCluster } from './lib/galera.mjs';

await ensurePnpm();
await installDeps();
const DATABASE = process.env.CLUSTER_DATABASE || 'tuanjian_cluster';
const serverDir = path.join(ROOT, 'server');
const children = [];
let stopping = false;

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping the app instances and the Galera nodes');
  for (const c of children) if (c.exitCode == null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode != null ? null : new Promise((r) => c.once('exit', r)))));
  await stopCluster();
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stopAll(0));

try {
  await startCluster();
  const conn = await mysql.createConnection({ uri: NODES[0].url });
  await conn.query(`CREATE DATABASE IF NOT EXISTS \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const first = clusterEnv(DATABASE, NODES[0]);
  say('applying migrations and seeding demo data if empty (on node1; Galera replicates both)');
  await runOrExit(process.execPath, tsxArgs('src/db/migrate.ts'), { cwd: serverDir, env: first });
  await runOrExit(process.execPath, tsxArgs('src/db/seed/index.ts'), { cwd: serverDir, env: first });

  const redisUrl = process.env.REDIS_URL ?? ((await reachable(6379)) ? 'redis://127.0.0.1:6379' : '');
  const h5Dir = path.join(ROOT, 'miniapp', 'dist', 'h5');
  const staticDir = fs.existsSync(path.join(h5Dir, 'index.html')) ? h5Dir : '';
  const instances = [
    { port: 3001, node: NODES[0] },
    { port: 3002, node: NODES[1] },
  ];
  for (const inst of instances) {
    const env = {
      ...process.env,
      ...clusterEnv(DATABASE, inst.node),
      PORT: String(inst.port),
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      STATIC_DIR: staticDir,
      ENABLE_TEST_ENDPOINTS: process.env.ENABLE_TEST_ENDPOINTS ?? 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    // `node --import tsx`: one process per instance (kill -9 of its pid kills the server)
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: serverDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => !stopping && say(`instance :${inst.port} exited (${signal ?? code})`));
    children.push(child);
  }
  for (const inst of instances) await waitHealthy(`http://127.0.0.1:${inst.port}/api/health`);
  console.log(`
  智慧团建 on a three-node Galera cluster
    instance A   http://127.0.0.1:3001  (node1 127.0.0.1:${NODES[0].port}, fails over to node2, node3)
    instance B   http://127.0.0.1:3002  (node2 127.0.0.1:${NODES[1].port}, fails over to node1, node3)
    node3        127.0.0.1:${NODES[2].port}  (no instance of its own: a failover target)
    database     ${DATABASE} on every node; data dirs in .data/cluster/
    shared state ${redisUrl ? `Redis ${redisUrl}` : 'in-process per instance (no Redis answered at 127.0.0.1:6379)'}
    H5           ${staticDir ? 'served by both instances at /' : 'not built (npm start builds it; API only here)'}
  GET /api/health on each instance names its database node and wsrep_ready.
  Put a load balancer in front of :3001 and :3002; Ctrl+C stops everything.
`);
} catch (err) {
  console.error(err);
  await stopAll(1);
}

async function waitHealthy(url) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not become healthy in 120 s`);
}

function reachable(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
