import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PRODUCTION_ENV } from './production-env';

/**
 * Production runs compiled JavaScript (issue 12 item 3): build server/dist, apply migrations
 * with the compiled entry, start `node dist/server.js` with a production configuration against
 * the test database, and ask it for its health — the way README's Production section says.
 */
const run = promisify(execFile);
const SERVER_DIR = path.resolve(__dirname, '..');
// only what the children need: no inherited NODE_ENV / DATABASE_URL from the developer's shell
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

describe('compiled production server', () => {
  beforeAll(async () => {
    await run(process.execPath, ['build.mjs'], { cwd: SERVER_DIR });
  }, 60_000);

  it('migrates with dist/migrate.js and serves /api/health from dist/server.js', async () => {
    const env = { ...baseEnv, ...PRODUCTION_ENV, DATABASE_URL: process.env.TEST_DATABASE_URL!, HOST: '127.0.0.1', PORT: '0', JOBS_ENABLED: 'false', LOG_LEVEL: 'info' };
    const migrated = await run(process.execPath, ['dist/migrate.js'], { cwd: SERVER_DIR, env });
    expect(migrated.stdout).toContain('migrations applied');

    const child = spawn(process.execPath, ['dist/server.js'], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const origin = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in:\n${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = out.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
      });
      const health = await fetch(`${origin}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', db: 'up' });
      expect(health.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      // docs are opt-in in production
      expect((await fetch(`${origin}/docs`)).status).toBe(404);
      // every line is JSON from pino, nothing printed around it
      expect(
        out
          .trim()
          .split('\n')
          .every((line) => line.startsWith('{')),
      ).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 40_000);

  it('refuses to start in production with development settings, naming each', async () => {
    const env = { ...baseEnv, NODE_ENV: 'production', DATABASE_URL: process.env.TEST_DATABASE_URL! };
    const failed = await run(process.execPath, ['dist/server.js'], { cwd: SERVER_DIR, env }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    for (const key of ['JWT_SECRET', 'PII_SECRET', 'SMS_ADAPTER', 'PUBLIC_BASE_URL']) expect(failed?.stderr).toContain(`${key}: production:`);
  }, 20_000);
});
