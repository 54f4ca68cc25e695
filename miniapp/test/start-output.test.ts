/**
 * @jest-environment node
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Issue 13 item 18: what `npm start` prints when it is not talking to a terminal.
jest.mock('@tarojs/cli', () => ({ defineConfig: (f: unknown) => f }));

type Reporters = { reporters?: unknown[] }[];
/** The webpack-chain calls the config makes on the webpackbar plugin, recorded. */
function chainFor(options: { reporters?: unknown[] }) {
  let result: Reporters | undefined;
  const chain = {
    plugin: (name: string) => ({
      tap: (f: (args: Reporters) => Reporters) => {
        expect(name).toBe('webpackbar');
        result = f([options]);
      },
    }),
    // No split-chunks settings here: the mini config's chunk rule leaves them alone.
    optimization: { get: () => undefined, splitChunks: () => undefined },
  };
  return { chain, result: () => result };
}

describe('npm start output', () => {
  const tty = process.stdout.isTTY;
  afterEach(() => {
    process.stdout.isTTY = tty;
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = () => (require('../config/index').default as () => { h5: { webpackChain: (c: unknown) => void }; mini: { webpackChain: (c: unknown) => void } })();
  const done = { done: () => undefined };

  it('builds without the animated webpack progress bar when stdout is not a terminal', () => {
    process.stdout.isTTY = false;
    for (const side of ['h5', 'mini'] as const) {
      const { chain, result } = chainFor({ reporters: ['basic', 'fancy', done] });
      config()[side].webpackChain(chain);
      expect(result()?.[0]?.reporters).toEqual(['basic', done]);
    }
  });

  it('keeps the bar in a terminal', () => {
    process.stdout.isTTY = true;
    const { chain, result } = chainFor({ reporters: ['basic', 'fancy'] });
    config().h5.webpackChain(chain);
    expect(result()).toBeUndefined();
  });

  it('npm reads no pnpm-only keys from the project .npmrc (no "Unknown project config" warnings)', () => {
    const root = path.resolve(__dirname, '..', '..');
    const res = spawnSync('npm', ['run'], { cwd: root, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' } });
    expect(res.status).toBe(0);
    expect(res.stderr).not.toMatch(/Unknown project config/);
  });

  it('keeps the virtual list of @tarojs/components-advanced out of the main package (taro.js), other @tarojs modules in it', () => {
    process.stdout.isTTY = true;
    let split: { cacheGroups: Record<string, { test: (m: { context: string }) => boolean; priority?: number }> } = {
      cacheGroups: { taro: { test: () => true, priority: 100 }, vendors: { test: () => true } },
    };
    const chain = {
      plugin: () => ({ tap: () => undefined }),
      optimization: { get: () => split, splitChunks: (value: typeof split) => (split = value) },
    };
    config().mini.webpackChain(chain);
    const taro = split.cacheGroups.taro!;
    expect(taro.priority).toBe(100);
    expect(taro.test({ context: '/x/node_modules/@tarojs/runtime/dist' })).toBe(true);
    expect(taro.test({ context: '/x/node_modules/@tarojs/components-advanced/dist/components/virtual-list' })).toBe(false);
    expect(split.cacheGroups.vendors).toBeDefined();
  });
});
