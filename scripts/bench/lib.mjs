// Helpers of `npm run bench`: JWTs, the server under test, load generators, percentiles.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { ROOT } from '../lib/run.mjs';

const b64url = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

let tokenSeq = 0;
/**
 * An HS256 access token as the server signs it ({ sub, aud: 'access' }, 1 h). `fresh`: a `jti`
 * makes it unlike every earlier one, so the server's verified-token cache cannot answer it.
 */
export function signJwt(secret, sub, { fresh = false } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: String(sub), aud: 'access', iat: now, exp: now + 3600, ...(fresh ? { jti: `b${process.pid}.${tokenSeq++}` } : {}) };
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
export const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
export const round = (x, d = 1) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

let built = false;
/**
 * The server as production runs it (README: `node server/dist/server.js`, the esbuild bundle),
 * built once per bench run from the working tree — not tsx, whose loader and keep-names helpers
 * production does not have.
 */
function buildServer(log) {
  if (built) return;
  const r = spawnSync(process.execPath, ['build.mjs'], { cwd: path.join(ROOT, 'server'), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`server build failed: ${r.stderr || r.stdout}`);
  log?.('server built: server/dist/server.js');
  built = true;
}

/** Starts the built server (`node server/dist/server.js`) with `env`; resolves once /api/health answers. */
export async function startServer(env, log, nodeArgs = []) {
  buildServer(log);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], {
    cwd: path.join(ROOT, 'server'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://${env.HOST}:${env.PORT}`;
  const stop = async () => {
    if (child.exitCode != null) return;
    child.kill('SIGTERM');
    for (let i = 0; i < 50 && child.exitCode == null; i++) await sleep(100);
    if (child.exitCode == null) child.kill('SIGKILL');
  };
  process.once('exit', () => child.exitCode == null && child.kill('SIGKILL'));
  for (let i = 0; i < 120; i++) {
    if (child.exitCode != null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) {
        log?.(`server under test: ${base} (pid ${child.pid})`);
        return { base, stop, pid: child.pid };
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error('server did not become healthy in 30 s');
}

/**
 * One autocannon run of `amount` requests over `connections` keep-alive connections; each
 * request takes the next item of `items` (path + token, or `freshToken()` to sign one per
 * request). Resolves with throughput and latency.
 */
export async function httpRun({ base, method, items, amount, connections, startAt = 0 }) {
  let i = startAt;
  const result = await autocannon({
    url: base,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method,
        setupRequest: (req) => {
          const it = items[i++ % items.length];
          const token = it.freshToken ? it.freshToken() : it.token;
          return { ...req, method, path: it.path, headers: { ...req.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    rps: ok / (result.duration || 1),
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p90, // autocannon has no p95: p97.5 is the next above
    p99: result.latency.p99,
    seconds: result.duration,
  };
}

/**
 * The raw baseline: `connections` loops, each on its own mysql2 connection, run `op(conn,
 * item)` for the next item until `amount` are done. Same shape of result as httpRun.
 */
export async function rawRun({ databaseUrl, connections, amount, items, op, startAt = 0 }) {
  const conns = await Promise.all(Array.from({ length: connections }, () => mysql.createConnection({ uri: databaseUrl, charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true })));
  const lat = [];
  let next = 0;
  let errors = 0;
  let firstError = null;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (conn) => {
      while (next < amount) {
        const item = items[(startAt + next++) % items.length];
        const s = performance.now();
        try {
          await op(conn, item);
          lat.push(performance.now() - s);
        } catch (err) {
          errors++;
          firstError ??= err;
          await conn.query('ROLLBACK').catch(() => {});
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  lat.sort((a, b) => a - b);
  if (firstError) console.error(`raw: ${errors} errors, first: ${firstError.message}`);
  return { rps: lat.length / seconds, requests: amount, ok: lat.length, non2xx: 0, errors, p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99), seconds };
}

/** Median over runs of each figure (the run with the median throughput gives the latencies). */
export function medianOf(runs) {
  const byRps = [...runs].sort((a, b) => a.rps - b.rps);
  const mid = byRps[Math.floor((byRps.length - 1) / 2)];
  return { ...mid, rps: median(runs.map((r) => r.rps)), runs: runs.map((r) => round(r.rps, 0)), failed: runs.reduce((s, r) => s + r.non2xx + r.errors, 0) };
}

/** Latency of `fn` called sequentially `n` times after `warm` calls: median, p95 in ms. */
export async function timed(fn, { warm = 3, n = 15 } = {}) {
  for (let i = 0; i < warm; i++) await fn();
  const xs = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn();
    xs.push(performance.now() - s);
  }
  xs.sort((a, b) => a - b);
  return { median: median(xs), p95: percentile(xs, 95), min: xs[0], max: xs[xs.length - 1], n };
}
