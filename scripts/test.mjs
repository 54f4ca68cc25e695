// `npm test`: every layer, each against fresh state — type-check, lint (ESLint, with the
// boundary rules) and the Prettier check, shared unit tests with
// coverage, server tests over HTTP on a fresh MariaDB database, mini-program component/store
// tests, both mini-program builds + the size check + WeChat's own compilers (wcc/wcsc) over
// the weapp build, and E2E in headless Chromium against the H5 build with real servers on
// fresh databases (two files at a time, a server + database per jest worker). Ends with `N tests passed, N failed; N steps ok, N failed`: tests are
// counted one by one, the type-check, builds and checks are steps, never counted as tests.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ensurePnpm, has, installDeps, run, say } from './lib/run.mjs';

const started = Date.now();
await ensurePnpm();
await installDeps();
await ensureChromium();
const { resolveDbServer } = await import('./lib/db.mjs');
const { serverUrl } = await resolveDbServer();

const resultsDir = path.join(ROOT, '.test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const env = { TEST_DB_SERVER_URL: serverUrl, CI: process.env.CI ?? '' };
const tally = { passed: 0, failed: 0, stepsOk: 0, stepsFailed: 0 };
const lines = [];

/** A jest project: its per-test counts go into the tally. */
async function jestLayer(name, pkg, args = [], log) {
  const out = path.join(resultsDir, `${name}.json`);
  const t0 = Date.now();
  const code = await runLogged(name, 'pnpm', ['--filter', pkg, 'exec', 'jest', ...args, '--json', `--outputFile=${out}`], log, t0);
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  // A non-zero exit with no failing test (coverage threshold, crash, no tests) fails the run
  // as a failed step of this layer, not as an invented failed test.
  const broken = (code !== 0 && failed === 0) || passed + failed === 0;
  recordTests(name, passed, failed, broken, t0);
  return failed === 0 && !broken;
}

/** A step that is one check (type-check, a build, the size check); `log`: see runLogged. */
async function checkLayer(name, cmd, args, log) {
  const t0 = Date.now();
  const ok = (await runLogged(name, cmd, args, log, t0)) === 0;
  recordStep(name, ok, t0);
  return ok;
}

/**
 * Runs a step's command. With `log`, its output goes to .test-results/<log>.log (it runs beside
 * another step) and is printed when it ends: all of it on failure, its end otherwise.
 */
async function runLogged(name, cmd, args, log, t0) {
  say(`── ${name}${log ? ' (beside the other steps; output when it ends)' : ''}`);
  if (!log) return run(cmd, args, { env });
  const file = path.join(resultsDir, `${log}.log`);
  const fd = fs.openSync(file, 'a');
  const start = fs.statSync(file).size;
  const code = await run(cmd, args, { env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const text = fs.readFileSync(file).subarray(start).toString('utf8');
  say(`── ${name}: exit ${code} (${secs(t0)})`);
  process.stdout.write(code === 0 ? text.split('\n').slice(-15).join('\n') + '\n' : text);
  return code;
}

const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** A jest layer's tests; `broken`: jest itself failed (crash, coverage threshold, no tests). */
function recordTests(name, passed, failed, broken, t0) {
  tally.passed += passed;
  tally.failed += failed;
  if (broken) tally.stepsFailed += 1;
  const note = broken ? '  (jest failed)' : '';
  lines.push(`  ${failed || broken ? '✗' : '✓'} ${name.padEnd(22)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${secs(t0)}${note}`);
}

function recordStep(name, ok, t0) {
  if (ok) tally.stepsOk += 1;
  else tally.stepsFailed += 1;
  lines.push(`  ${ok ? '✓' : '✗'} ${name.padEnd(22)} ${(ok ? 'ok' : 'FAILED').padStart(17)}  ${secs(t0)}`);
}

// Steps that do not depend on each other run side by side (the suite took ~19 min one after
// the other on 2 cores): the type-check beside lint + format + the shared tests; then the server's and the
// mini-program's tests (waiting on MariaDB most of the time) beside the two builds (CPU). E2E
// runs at the end without other steps (its two workers fill the cores): beside a build, a page
// under test waited past its timeouts. A side
// step's output goes to a log under .test-results, printed when it ends, so outputs never
// interleave.
await Promise.all([
  checkLayer('typecheck', 'pnpm', ['-r', '--workspace-concurrency=1', 'run', 'typecheck'], 'typecheck'),
  (async () => {
    await checkLayer('lint', 'pnpm', ['run', 'lint']);
    await checkLayer('format', 'pnpm', ['run', 'format:check']);
    await jestLayer('shared', '@tj/shared', ['--coverage']);
  })(),
]);
const [, h5] = await Promise.all([
  (async () => {
    await jestLayer('server', '@tj/server');
    await jestLayer('miniapp', '@tj/miniapp');
  })(),
  (async () => {
    const h5Ok = await checkLayer('build h5', 'pnpm', ['--filter', '@tj/miniapp', 'run', 'build:h5'], 'builds');
    const weapp = await checkLayer('build weapp', 'pnpm', ['--filter', '@tj/miniapp', 'run', 'build:weapp'], 'builds');
    // Both check the weapp build (a failed build is already a failed step).
    if (weapp) await checkLayer('weapp size (main ≤ 1 MB)', 'pnpm', ['--filter', '@tj/miniapp', 'run', 'size'], 'builds');
    if (weapp) await checkLayer('weapp wcc/wcsc', 'pnpm', ['--filter', '@tj/miniapp', 'run', 'wechat-compile'], 'builds');
    return h5Ok;
  })(),
]);
if (h5) await jestLayer('e2e (chromium)', '@tj/miniapp', ['-c', 'jest.e2e.config.js']);
else recordStep('e2e (chromium)', false, Date.now());

console.log(`\nSummary (${((Date.now() - started) / 1000).toFixed(0)} s):\n${lines.join('\n')}\n`);
console.log(`${tally.passed} tests passed, ${tally.failed} failed; ${tally.stepsOk} steps ok, ${tally.stepsFailed} failed`);
process.exit(tally.failed === 0 && tally.stepsFailed === 0 ? 0 : 1);

async function ensureChromium() {
  // Without a CJK font, screenshots show the Chinese UI as boxes.
  const cjkFont = fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
  if (fs.existsSync('/usr/bin/chromium') && cjkFont) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !has('apt-get')) {
    console.error('E2E needs /usr/bin/chromium: install it with `apt-get install -y chromium`.');
    return;
  }
  say('Chromium or a CJK font missing: apt-get install -y chromium fonts-wqy-microhei');
  await run('apt-get', ['update']);
  await run('apt-get', ['install', '-y', 'chromium', 'fonts-wqy-microhei'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}
