#!/usr/bin/env node
// Checks the weapp build against WeChat's package limits: each sub-package may hold at
// most 2 MB; the main package is held to the bench's 1.0 MB (issue 14 item 10), well under
// WeChat's 2 MB, because it is what every user downloads before the first screen.
// Run after `pnpm run build:weapp`. Then checks the
// weapp and H5 builds for URLs outside our origin (scripts/external-urls.mjs).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBuilds } from './external-urls.mjs';

const LIMIT = 2 * 1024 * 1024;
const MAIN_LIMIT = 1024 * 1024;
const limitOf = (p) => (p.name === 'main' ? MAIN_LIMIT : LIMIT);
// DevTools project files are not uploaded with the code package.
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json']);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
const appJson = path.join(root, 'app.json');
if (!existsSync(appJson)) {
  console.error(`size: ${path.relative(process.cwd(), appJson)} not found — run \`pnpm run build:weapp\` first`);
  process.exit(1);
}

/** Bytes of every file under `dir`, as paths relative to the build root. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return [{ rel: path.relative(root, full).split(path.sep).join('/'), bytes: statSync(full).size }];
  });
}

const { subPackages = [], subpackages = [] } = JSON.parse(readFileSync(appJson, 'utf8'));
const subRoots = [...subPackages, ...subpackages].map((p) => p.root.replace(/\/+$/, ''));
const all = files(root).filter((f) => !NOT_PACKAGED.has(f.rel));

const packages = [{ name: 'main', bytes: 0 }, ...subRoots.map((r) => ({ name: r, bytes: 0 }))];
for (const f of all) {
  const owner = subRoots.find((r) => f.rel === r || f.rel.startsWith(`${r}/`));
  packages.find((p) => p.name === (owner ?? 'main')).bytes += f.bytes;
}
const total = all.reduce((sum, f) => sum + f.bytes, 0);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const width = Math.max(...packages.map((p) => p.name.length), 'total'.length);
console.log(`weapp package sizes (${path.relative(process.cwd(), root) || '.'}), limit ${kb(MAIN_LIMIT)} main, ${kb(LIMIT)} per sub-package`);
for (const p of packages) {
  const flag = p.bytes > limitOf(p) ? '  ✗ over limit' : '';
  console.log(`  ${p.name.padEnd(width)}  ${kb(p.bytes).padStart(10)}${flag}`);
}
console.log(`  ${'total'.padEnd(width)}  ${kb(total).padStart(10)}`);

const over = packages.filter((p) => p.bytes > limitOf(p));
if (over.length > 0) console.error(`size: ${over.map((p) => `${p.name} above ${kb(limitOf(p))}`).join(', ')}`);
else console.log('size: ok');

// `npm test` builds H5 before weapp, so both are there to scan.
const h5 = path.join(root, '..', 'h5');
const clean = checkBuilds([root, ...(existsSync(h5) ? [h5] : [])]);
if (over.length > 0 || !clean) process.exit(1);
