import { startStack } from './stack';

/**
 * One stack (server + fresh database with the demo seed) per jest worker: files run two at a
 * time, and two flows on one database would meet (the same demo accounts, counts, lists).
 * A worker finds its stack by JEST_WORKER_ID (browser.ts, baseUrl).
 */
export default async function globalSetup(config: { maxWorkers: number }) {
  const stacks = await Promise.all(Array.from({ length: Math.max(1, config.maxWorkers) }, () => startStack()));
  // Jest runs setup and teardown in one process: keep the handles for teardown, the URLs for tests.
  (globalThis as { __E2E_STACKS__?: unknown }).__E2E_STACKS__ = stacks;
  process.env.E2E_BASE_URLS = stacks.map((s) => s.baseUrl).join(',');
}
