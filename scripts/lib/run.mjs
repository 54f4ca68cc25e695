// Small process helpers shared by start / test / bench (plain Node: they run before deps exist).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const say = (msg) => console.log(`\x1b[36m[tuanjian]\x1b[0m ${msg}`);

/** Runs a command, inheriting stdio; resolves with the exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts, env: { ...process.env, ...opts.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(err.message);
      resolve(127);
    });
  });
}

export async function runOrExit(cmd, args, opts) {
  const code = await run(cmd, args, opts);
  if (code !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} exited with ${code}`);
    process.exit(code);
  }
}

export const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const PNPM_VERSION = '9.15.9';

/** pnpm through npm (corepack's signature check fails on this kind of machine). */
export async function ensurePnpm() {
  const found = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return;
  say(`pnpm not found: installing pnpm@${PNPM_VERSION} with npm`);
  await runOrExit('npm', ['i', '-g', `pnpm@${PNPM_VERSION}`]);
}

export async function installDeps() {
  say('installing workspace dependencies (pnpm install --frozen-lockfile)');
  await runOrExit('pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
}

/** Runs a TypeScript entry of the server package with its tsx. */
export const tsxArgs = (file) => [path.join(ROOT, 'server', 'node_modules', 'tsx', 'dist', 'cli.mjs'), file];
