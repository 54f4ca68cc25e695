// Production build: bundles the server (and @tj/shared, a source-only TypeScript package) into
// plain JavaScript in dist/, so production runs `node dist/server.js`, not tsx. npm packages
// stay external and load from node_modules as usual.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dir = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !name.startsWith('@tj/'));

rmSync(`${dir}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: dir,
  entryPoints: { server: 'src/server.ts', migrate: 'src/db/migrate.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built server/dist/server.js and server/dist/migrate.js');
