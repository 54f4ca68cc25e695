#!/usr/bin/env node
// Issue 13 item 12: every asset ships with the app — no runtime request may leave our origin
// (intranets, WeChat's domain allow-list). Scans the builds for absolute http(s) URLs that
// would be fetched: src/href attributes (HTML, WXML), url() in stylesheets (CSS, WXSS and CSS
// held in JS strings), and JS string literals naming an image, font or media file. A URL in a
// licence comment or an XML namespace is not fetched and does not count.
// Usage: node scripts/external-urls.mjs [dist/h5 dist/weapp …] (default: both, when built).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSET = '(?:png|jpe?g|gif|svg|webp|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|wav|webm)';
const ABS = String.raw`(?:https?:)?\/\/[^\s"'()<>\\` + '`' + String.raw`]+`;

const RULES = [
  // <img src="…">, <link href="…">, <script src="…">, WXML's src="…"
  { exts: ['.html', '.wxml'], re: new RegExp(String.raw`\b(?:src|href|poster|data-src)\s*=\s*["'](${ABS})["']`, 'gi') },
  // url(…) in stylesheets and in CSS that JS injects at runtime
  // (lower-case only: JS's own `new URL("https://x.invalid")` parses a string, fetches nothing)
  { exts: ['.css', '.wxss', '.js'], re: new RegExp(String.raw`url\(\s*["']?(${ABS})["']?\s*\)`, 'g') },
  // "https://cdn…/x.png" in code: a picture or font fetched when rendered
  { exts: ['.js', '.json'], re: new RegExp(String.raw`["'\x60]((?:https?:)?\/\/[^\s"'\x60<>]+?\.${ASSET}(?:[?#][^\s"'\x60<>]*)?)["'\x60]`, 'gi') },
];

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** `[{ file, url }]` of every URL in `root` that points outside our origin. */
export function externalUrls(root) {
  const found = [];
  for (const file of walk(root)) {
    const ext = path.extname(file);
    const rules = RULES.filter((r) => r.exts.includes(ext));
    if (rules.length === 0) continue;
    const text = readFileSync(file, 'utf8');
    for (const { re } of rules) {
      for (const m of text.matchAll(re)) found.push({ file: path.relative(root, file), url: m[1] });
    }
  }
  return found;
}

/** Prints what it found; true when the builds are clean. */
export function checkBuilds(roots) {
  let clean = true;
  for (const root of roots) {
    const hits = externalUrls(root);
    const where = path.relative(process.cwd(), root) || '.';
    if (hits.length === 0) {
      console.log(`external URLs in ${where}: none`);
      continue;
    }
    clean = false;
    console.error(`external URLs in ${where} (every asset must ship with the app):`);
    for (const h of hits) console.error(`  ${h.file}: ${h.url}`);
  }
  return clean;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const args = process.argv.slice(2);
  const roots = (args.length ? args.map((a) => path.resolve(a)) : ['h5', 'weapp'].map((d) => path.join(dist, d))).filter((r) => existsSync(r));
  if (roots.length === 0) {
    console.error('external URLs: no build found — run `pnpm run build:h5` or `build:weapp` first');
    process.exit(1);
  }
  process.exit(checkBuilds(roots) ? 0 : 1);
}
