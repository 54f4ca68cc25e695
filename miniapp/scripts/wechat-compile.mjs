// Compiles the weapp build with WeChat's own compilers, the wcc (WXML + WXS) and wcsc (WXSS)
// binaries of WeChat DevTools that `miniprogram-compiler` ships for Linux, macOS and Windows.
// Taro's build succeeding says nothing about whether WeChat accepts its output: a template or
// style the real compilers reject would only show up in DevTools. Fails on any error.
//
//   node scripts/wechat-compile.mjs [dist/weapp]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { wxmlToJs } = require('miniprogram-compiler');
// The package's wxssToJs turns a wcsc failure into a TypeError without wcsc's message (its
// wcsc wrapper returns the Error instead of throwing it), so wcsc is called through the
// wrapper itself and its result checked here.
const wcsc = require('miniprogram-compiler/src/wcsc');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist', 'weapp'));
// wcc/wcsc write the whole compiled app to stdout; the package's 1 MB default is too small.
const maxBuffer = 256 * 1024 * 1024;

/** Files under root with this extension, relative, '/'-separated, sorted. */
const list = (ext) =>
  fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext))
    .map((d) =>
      path
        .relative(root, path.join(d.parentPath ?? d.path, d.name))
        .split(path.sep)
        .join('/'),
    )
    .filter((f) => !f.startsWith('node_modules/'))
    .sort();

if (!fs.existsSync(path.join(root, 'app.json'))) {
  console.error(`wechat-compile: no weapp build at ${root} (run \`pnpm run build:weapp\` first)`);
  process.exit(1);
}

const wxml = list('.wxml');
const wxs = list('.wxs');
const wxss = list('.wxss');
const failures = [];

/** The compilers' output is JavaScript the mini-program runs: it must at least parse. */
function parses(what, source) {
  try {
    new Function('global', source);
  } catch (err) {
    failures.push(`${what}: the compiled output is not valid JavaScript: ${err.message}`);
  }
}

try {
  // wcc takes every template at once (imports and custom components resolve across files).
  parses('wcc', wxmlToJs(root, { wxmlList: wxml, wxsList: wxs, maxBuffer }));
} catch (err) {
  failures.push(`wcc: ${err.message}`);
}

const styles = wcsc(
  root,
  wxss.map((f) => f.slice(0, -'.wxss'.length)),
  { maxBuffer },
);
if (styles instanceof Error) failures.push(`wcsc: ${styles.message}`);
else {
  if (typeof styles.comm !== 'string') failures.push('wcsc: no common style output');
  // A page's or component's style (one with a .json beside it) comes out on its own; the rest
  // are compiled into the files that @import them.
  const own = wxss.filter((f) => f === 'app.wxss' || fs.existsSync(path.join(root, `${f.slice(0, -'.wxss'.length)}.json`)));
  const missing = own.filter((f) => typeof styles[f] !== 'string' && typeof styles[`./${f}`] !== 'string');
  if (missing.length) failures.push(`wcsc: no output for ${missing.join(', ')}`);
}

if (failures.length) {
  console.error(`wechat-compile: ${root}\n${failures.map((f) => `  ✗ ${f.trim()}`).join('\n')}`);
  process.exit(1);
}
console.log(`wechat-compile: wcc ${wxml.length} .wxml + ${wxs.length} .wxs, wcsc ${wxss.length} .wxss — no errors`);
