import { startStack } from './stack';

export default async function globalSetup() {
  const stack = await startStack();
  // Jest runs setup and teardown in one process: keep the handle for teardown, the URL for tests.
  (globalThis as { __E2E_STACK__?: unknown }).__E2E_STACK__ = stack;
  process.env.E2E_BASE_URL = stack.baseUrl;
  process.env.E2E_DATABASE_URL = stack.databaseUrl;
}
