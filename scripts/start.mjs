// `npm start`: installs what is missing, picks a database, migrates, seeds the demo data when
// empty, builds the H5 mini-program when its sources changed, and serves H5 + API on one port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ensurePnpm, installDeps, runOrExit, say, tsxArgs } from './lib/run.mjs';

await ensurePnpm();
await installDeps();
const { resolveDbServer, withDatabase, redact } = await import('./lib/db.mjs');

const { serverUrl } = await resolveDbServer();
const databaseUrl = process.env.DATABASE_URL || withDatabase(serverUrl, 'tuanjian_demo');
// A local demo: the simulated SMS codes must be readable to register or log in with them, and
// the SMS simulator shows codes only where test endpoints are on (issue 12 item 10) — so npm start
// turns them on unless told otherwise. A production start refuses them (server/src/env.ts).
const env = { DATABASE_URL: databaseUrl, ENABLE_TEST_ENDPOINTS: process.env.ENABLE_TEST_ENDPOINTS ?? 'true' };
const serverDir = path.join(ROOT, 'server');

say('applying migrations');
await runOrExit(process.execPath, tsxArgs('src/db/migrate.ts'), { cwd: serverDir, env });
say('seeding demo data if the database is empty');
await runOrExit(process.execPath, tsxArgs('src/db/seed/index.ts'), { cwd: serverDir, env });

const h5Dir = path.join(ROOT, 'miniapp', 'dist', 'h5');
if (needsBuild(path.join(h5Dir, 'index.html'))) {
  say('building the H5 mini-program (miniapp/dist/h5)');
  await runOrExit('pnpm', ['--filter', '@tj/miniapp', 'run', 'build:h5']);
} else {
  say('H5 build is up to date');
}

const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
// In a terminal the server's JSON log lines go through pino-pretty (one readable line each);
// into a pipe or a file they stay JSON, for log tools.
const pretty = process.stdout.isTTY ? prettyLogs() : null;
const child = spawn(process.execPath, tsxArgs('src/server.ts'), {
  cwd: serverDir,
  stdio: ['inherit', pretty ? 'pipe' : 'inherit', 'inherit'],
  env: { ...process.env, ...env, STATIC_DIR: h5Dir, PORT: port, HOST: host },
});
if (pretty) child.stdout.pipe(pretty.stdin);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => {
  const done = () => process.exit(code ?? 0);
  if (!pretty || pretty.exitCode !== null || pretty.signalCode !== null) return done();
  // let the last lines (shutting down) through the formatter before leaving
  pretty.on('exit', done);
  pretty.stdin.end();
});

await waitForHealth(`http://${host}:${port}/api/health`);
const base = `http://${host}:${port}`;
console.log(`
  智慧团建 is running
    H5 mini-program  ${base}/
    API              ${base}/api
    OpenAPI UI       ${base}/docs
    database         ${redact(databaseUrl)}
  demo accounts (phone / password), what each shows: README.md › Demo data
${demoAccounts()}
  SMS codes (registration, SMS login, password reset, transfers): no SMS is sent
    (SMS_ADAPTER=simulator); each message, code included, is written to the server log
    below as "sms simulator: message not sent, logged instead" with the phone and text,
    and the last code of a phone is at ${base}/api/test/sms/<phone> (test endpoints are on
    for this local demo only; ENABLE_TEST_ENDPOINTS=false hides codes and that address).
  Ctrl+C stops the server.
`);

/** True when any source of the H5 build is newer than its output. */
function needsBuild(output) {
  if (process.env.FORCE_BUILD === '1' || !fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  const dirs = ['miniapp/src', 'miniapp/config', 'shared/src'].map((d) => path.join(ROOT, d));
  const newer = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
    return st.mtimeMs > built;
  };
  return dirs.some((d) => fs.existsSync(d) && newer(d)) || fs.statSync(path.join(ROOT, 'miniapp', 'package.json')).mtimeMs > built;
}

async function waitForHealth(url) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet: try again
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  say(`server did not answer ${url} within 60 s`);
}

/** pino-pretty (a server devDependency) reading the server's log on stdin. */
function prettyLogs() {
  const bin = path.join(serverDir, 'node_modules', 'pino-pretty', 'bin.js');
  if (!fs.existsSync(bin)) return null;
  // its own process group: Ctrl+C stops the server, which then closes this formatter's input
  return spawn(process.execPath, [bin, '--translateTime', 'SYS:HH:MM:ss', '--ignore', 'pid,hostname', '--singleLine'], { stdio: ['pipe', 'inherit', 'inherit'], detached: true });
}

function demoAccounts() {
  // The seed module is TypeScript; read the list as data instead of importing it.
  const src = fs.readFileSync(path.join(serverDir, 'src', 'db', 'seed', 'demo-accounts.ts'), 'utf8');
  const rows = [...src.matchAll(/role: '([^']+)'.*?name: '([^']+)'.*?phone: '(\d+)'.*?password: '([^']+)'/g)];
  return rows.map(([, role, name, phone, pw]) => `    ${phone} / ${pw}   ${role} ${name}`).join('\n');
}
