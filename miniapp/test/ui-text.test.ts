import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOTS = [join(__dirname, '../src'), join(__dirname, '../../shared/src'), join(__dirname, '../../server/src')];
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(tsx?|css)$/.test(f) ? [p] : [];
  });

describe('UI text', () => {
  // Issue 13 item 15: the app addresses people politely — 您, never 你 — in every message,
  // the server's and shared error texts included.
  it('says 您, never 你', () => {
    const offending = ROOTS.flatMap(files).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(join(__dirname, '../..'), file)}:${i + 1}` }))
        .filter(({ line }) => line.includes('你'))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});
