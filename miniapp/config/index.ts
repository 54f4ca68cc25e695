import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// @tj/shared is a source-only workspace package: Taro only compiles `src` unless told.
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');

// The API base is fixed at build time: '/api' works for H5 served by our own server
// (same origin); a weapp build must point at a real host, e.g.
// TARO_APP_API=http://127.0.0.1:3000/api pnpm run build:weapp
const apiBase = process.env.TARO_APP_API || '/api';

// Taro's webpackbar always draws its animated bar ('fancy'): into a pipe or a log file
// (`npm start > log`, CI) that is hundreds of lines of bars. Without a terminal only the
// plain reporter (start / done lines) and Taro's own warnings/errors reporter stay.
const quietProgress = (chain: { plugin: (name: string) => { tap: (f: (args: { reporters?: unknown[] }[]) => unknown[]) => unknown } }) => {
  if (process.stdout.isTTY) return;
  chain.plugin('webpackbar').tap(([options]) => [{ ...options, reporters: (options?.reporters ?? []).filter((r) => r !== 'fancy') }]);
};

// Taro puts every @tarojs/* module into taro.js in the main package. The virtual list of
// @tarojs/components-advanced serves only the cadre sub-package's long lists: left to the
// vendors rule, Taro's sub-package splitting moves it out of the main package.
const TARO_SCOPED = /@tarojs[\\/][a-z]+/;
const ADVANCED = /@tarojs[\\/]components-advanced/;
type CacheGroup = { test?: unknown };
type WebpackChain = Parameters<typeof quietProgress>[0] & {
  optimization: {
    get: (key: 'splitChunks') => { cacheGroups?: Record<string, CacheGroup> } | undefined;
    splitChunks: (value: object) => unknown;
  };
};
const keepAdvancedComponentsOutOfMain = (chain: WebpackChain) => {
  const split = chain.optimization.get('splitChunks');
  const taro = split?.cacheGroups?.taro;
  if (!split || !taro) return;
  const inTaroChunk = (module: { context?: string | null }) => TARO_SCOPED.test(module.context ?? '') && !ADVANCED.test(module.context ?? '');
  chain.optimization.splitChunks({ ...split, cacheGroups: { ...split.cacheGroups, taro: { ...taro, test: inTaroChunk } } });
};

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'tuanjian-miniapp',
    date: '2025-11-21',
    // NutUI's styles are written for a 375px design; ours for 750px like the WeChat docs.
    designWidth(input) {
      const file = typeof input === 'object' ? input?.file : undefined;
      return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // Separate folders so a weapp build never wipes the H5 build the server serves.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-html'],
    env: {
      TARO_APP_API: JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // The H5 build's JS is minified by esbuild (terser took most of its CPU time: 166 → 78 s
    // alone, JS ~5 % larger); the weapp build — the shipped one, its main package size-checked —
    // keeps terser. esbuild's target: es2015, not Taro's es5 default — some packages' code
    // reaches the bundle with const/let (terser passed them through; esbuild refuses to lower
    // them to es5), and a minifier never brings in syntax newer than its target. CSS stays with
    // csso (this Taro hands the esbuild CSS minimizer options it refuses).
    jsMinimizer: process.env.TARO_ENV === 'h5' ? 'esbuild' : 'terser',
    esbuild: { minify: { enable: true, config: { target: 'es2015' } } },
    mini: {
      compile: { include: [sharedSrc] },
      webpackChain: (chain: WebpackChain) => {
        quietProgress(chain);
        keepAdvancedComponentsOutOfMain(chain);
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      webpackChain: quietProgress,
      staticDirectory: 'static',
      compile: { include: [sharedSrc] },
      // History URLs (/pages/login/index): the server falls back to index.html.
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };

  return config;
});
