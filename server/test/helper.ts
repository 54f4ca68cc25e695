import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../src/app';
import type { AdapterOverrides } from '../src/adapters';
import type { Clock } from '../src/plugins/context';
import { loadConfig, type Config } from '../src/env';
import { users } from '../src/db/schema';
import { hashPassword } from '../src/modules/auth/password';
import { migrateDatabase } from '../src/db/migrate';
import { dropDatabase, uniqueDatabaseUrl } from './test-db';

export function testConfig(overrides: Partial<Config> = {}): Config {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest (global-setup creates it)');
  // Jobs run only when a test calls runDueJobs; uploads go to a scratch directory.
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-0123456789',
    JOBS_ENABLED: 'false',
    UPLOAD_DIR: path.join(tmpdir(), 'tj-test-uploads'),
  };
  return { ...loadConfig(env), ...overrides };
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
    /** Jumps to `at` (forward only in practice: due jobs are not undone). */
    set(at: Date) {
      t = at.getTime();
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

/**
 * A database of the test file's own (migrated, dropped by `drop`), for tests whose work is
 * global to a database — durable jobs are claimed by whoever polls, so files that run jobs
 * must not share their queue with files running in parallel.
 */
export async function privateDatabase(prefix = 'tj_test_private') {
  const databaseUrl = uniqueDatabaseUrl(prefix);
  await migrateDatabase(databaseUrl);
  return { databaseUrl, drop: () => dropDatabase(databaseUrl) };
}
