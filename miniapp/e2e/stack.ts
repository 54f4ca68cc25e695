import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_DIR = path.join(ROOT, 'server');
const TSX = path.join(SERVER_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// E2E_H5_DIR: a copy of the build, so a concurrent `build:h5` cannot empty it mid-run.
export const H5_DIR = process.env.E2E_H5_DIR || path.join(ROOT, 'miniapp', 'dist', 'h5');

/**
 * The ID number the real-name simulator always fails (REALNAME_SIM_ALWAYS_FAIL), for the
 * offline-verification E2E: 440106 + 2003-06-15 + 002 + its GB 11643 check digit.
 */
export const E2E_REALNAME_FAIL_ID = '440106200306150020';

/**
 * The SMS resend wait (SMS_RESEND_SECONDS) of the E2E server: flows that text the same phone
 * twice wait this long (plus a margin for the database's whole-second timestamps), not §4.1's
 * minute. The minute itself is tested in server/test/sms.test.ts.
 */
export const E2E_SMS_RESEND_SECONDS = 2;
export const E2E_SMS_RESEND_WAIT_MS = (E2E_SMS_RESEND_SECONDS + 2) * 1000;

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  server: ChildProcess;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

/**
 * Password hashes at scrypt N = 2^10 in the seed and the server (production: 2^15, which env.ts
 * enforces): every flow logs in, and a hash at 2^15 took ~100 ms of a core.
 */
const FAST_HASHES = { PASSWORD_SCRYPT_LOG_N: '10' };

/** Runs a server script through tsx; resolves when it exited 0 (stacks are set up side by side). */
function tsx(file: string, env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, file], { cwd: SERVER_DIR, env: { ...process.env, ...FAST_HASHES, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} failed:\n${out}`))));
  });
}

/** A fresh database (migrated + demo seed) and the real server serving the H5 build. */
export async function startStack(): Promise<Stack> {
  const server = new URL(process.env.TEST_DB_SERVER_URL || 'mysql://root@127.0.0.1:3306/');
  server.pathname = `/tj_test_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = server.toString();
  const port = await freePort();
  const uploadDir = path.join(os.tmpdir(), `tj-e2e-uploads-${port}`);
  await tsx('src/db/migrate.ts', { DATABASE_URL: databaseUrl });
  // the demo's e-archive PDFs go where the server reads uploads
  await tsx('src/db/seed/index.ts', { DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir });

  const child = spawn(process.execPath, [TSX, 'src/server.ts'], {
    cwd: SERVER_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...FAST_HASHES,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      STATIC_DIR: H5_DIR,
      LOG_LEVEL: 'warn',
      ENABLE_TEST_ENDPOINTS: 'true',
      // Check-in E2E (checkin.e2e.ts): real-name passes except for one ID number that always
      // fails, the automatic re-check runs within seconds, uploads go to a throw-away folder.
      REALNAME_SIM_FAIL_RATE: '0',
      REALNAME_SIM_ALWAYS_FAIL: E2E_REALNAME_FAIL_ID,
      REALNAME_RECHECK_DELAY_SECONDS: '2',
      JOBS_ENABLED: 'true',
      JOBS_POLL_INTERVAL_MS: '250',
      UPLOAD_DIR: uploadDir,
      // Every E2E request comes from 127.0.0.1: a per-IP login/SMS limit would trip across
      // flows. The limits themselves are tested in server/test (auth, sms).
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '10000',
      SMS_RESEND_SECONDS: String(E2E_SMS_RESEND_SECONDS),
      // Cross-system E2E (transfer-out.e2e.ts): the simulated other system answers within seconds.
      EXTERNAL_SIM_DELAY_SECONDS: '2',
      EXTERNAL_POLL_INTERVAL_SECONDS: '1',
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, databaseUrl, server: child };
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error('E2E server did not start');
}

export async function stopStack(stack: Stack): Promise<void> {
  stack.server.kill('SIGTERM');
  await new Promise((r) => (stack.server.exitCode !== null ? r(null) : stack.server.once('exit', r)));
  const url = new URL(stack.databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/';
  const conn = await mysql.createConnection({ uri: url.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
