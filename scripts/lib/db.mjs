// Chooses the MariaDB/MySQL server (issue 2 §2): DATABASE_URL, else 127.0.0.1:3306 as root,
// else a private MariaDB in .data/mariadb started from the system binaries (installed with
// apt when missing and we are root).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { ROOT, has, run, say } from './run.mjs';

const PRIVATE_DIR = path.join(ROOT, '.data', 'mariadb');
const PRIVATE_PORT = Number(process.env.PRIVATE_DB_PORT || 3307);

async function canConnect(uri) {
  try {
    const conn = await mysql.createConnection({ uri, connectTimeout: 2000 });
    await conn.query('select 1');
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

export function serverUrlOf(databaseUrl) {
  const u = new URL(databaseUrl);
  u.pathname = '/';
  return u.toString();
}

export function withDatabase(serverUrl, name) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function ensureMariadbBinaries() {
  if (has('mariadbd') || fs.existsSync('/usr/sbin/mariadbd')) return;
  if (!isRoot() || !has('apt-get')) {
    throw new Error('No database reachable and MariaDB is not installed. Install it (apt-get install mariadb-server) or set DATABASE_URL.');
  }
  say('MariaDB binaries missing: running apt-get install -y mariadb-server');
  await run('apt-get', ['update']);
  const code = await run('apt-get', ['install', '-y', 'mariadb-server'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  if (code !== 0) throw new Error('apt-get install mariadb-server failed');
}

export async function startPrivateMariadb() {
  const uri = `mysql://root@127.0.0.1:${PRIVATE_PORT}/`;
  if (await canConnect(uri)) return uri;
  await ensureMariadbBinaries();
  const mariadbd = has('mariadbd') ? 'mariadbd' : '/usr/sbin/mariadbd';
  const dataDir = path.join(PRIVATE_DIR, 'data');
  const userArgs = isRoot() ? ['--user=root'] : [];
  if (!fs.existsSync(path.join(dataDir, 'mysql'))) {
    say(`initialising a private MariaDB data dir in ${path.relative(ROOT, dataDir)}`);
    fs.mkdirSync(dataDir, { recursive: true });
    const init = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...userArgs], { stdio: 'inherit' });
    if (init.status !== 0) throw new Error('mariadb-install-db failed');
  }
  say(`starting a private MariaDB on 127.0.0.1:${PRIVATE_PORT} (data: ${path.relative(ROOT, dataDir)})`);
  const child = spawn(
    mariadbd,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--port=${PRIVATE_PORT}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(PRIVATE_DIR, 'mysqld.sock')}`,
      `--pid-file=${path.join(PRIVATE_DIR, 'mysqld.pid')}`,
      `--log-error=${path.join(PRIVATE_DIR, 'error.log')}`,
      // --no-defaults would otherwise create latin1 tables.
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--innodb-buffer-pool-size=512M',
      ...userArgs,
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  for (let i = 0; i < 60; i++) {
    if (await canConnect(uri)) return uri;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`private MariaDB did not come up; see ${path.join(PRIVATE_DIR, 'error.log')}`);
}

/** Returns { serverUrl, source } and says which database server is used. */
export async function resolveDbServer() {
  if (process.env.DATABASE_URL) {
    const serverUrl = serverUrlOf(process.env.DATABASE_URL);
    say(`database: DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
    return { serverUrl, source: 'DATABASE_URL' };
  }
  const local = 'mysql://root@127.0.0.1:3306/';
  if (await canConnect(local)) {
    say('database: MariaDB/MySQL at 127.0.0.1:3306 (root)');
    return { serverUrl: local, source: 'local' };
  }
  say('database: nothing reachable at 127.0.0.1:3306, using a private MariaDB');
  const serverUrl = await startPrivateMariadb();
  return { serverUrl, source: 'private' };
}

export const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function dropDatabase(databaseUrl) {
  const u = new URL(databaseUrl);
  const name = u.pathname.slice(1);
  const conn = await mysql.createConnection({ uri: serverUrlOf(databaseUrl) });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
