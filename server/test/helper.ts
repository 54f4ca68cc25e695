import { randomInt } from 'node:crypto';
import { buildApp, type App } from '../src/app';
import type { AdapterOverrides } from '../src/adapters';
import type { Clock } from '../src/plugins/context';
import { loadConfig, type Config } from '../src/env';
import { users } from '../src/db/schema';
import { hashPassword } from '../src/modules/auth/password';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest (global-setup creates it)');
  return { ...loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', JWT_SECRET: 'test-secret-0123456789' }), ...overrides };
}

export async function buildTestApp(overrides: Partial<Config> = {}, opts: { clock?: Clock } & AdapterOverrides = {}): Promise<App> {
  const app = await buildApp(testConfig(overrides), { logger: false, ...opts });
  await app.ready();
  return app;
}

/** A clock the test moves by hand, to step past expiries and rate-limit windows. */
export function manualClock(start = new Date()) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

// Each test file gets a random block of numbers; the worker digit keeps parallel files apart.
let phoneSeq = randomInt(0, 9_000_000);
/** A phone number no other test uses in this run. */
export function uniquePhone(): string {
  const worker = Number(process.env.JEST_WORKER_ID ?? 1) % 10;
  return `139${worker}${String(phoneSeq++ % 10_000_000).padStart(7, '0')}`;
}

export async function createUser(app: App, password = 'abc12345', name = '测试用户') {
  const phone = uniquePhone();
  await app.db.insert(users).values({ phone, name, passwordHash: await hashPassword(password) });
  return { phone, password, name };
}
