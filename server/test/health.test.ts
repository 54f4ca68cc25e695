import { buildTestApp } from './helper';
import type { App } from '../src/app';

describe('GET /api/health', () => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('reports the database as up', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'up', dbNode: expect.any(String), wsrepReady: null });
  });

  it('answers 503 with db down when the database is unreachable', async () => {
    const broken = await buildTestApp({ databaseUrl: 'mysql://root@127.0.0.1:1/nowhere' });
    try {
      const res = await broken.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', db: 'down', dbNode: '127.0.0.1:1' });
    } finally {
      await broken.close();
    }
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login']));
  });
});

describe('H5 static hosting', () => {
  it('serves index.html for page URLs and keeps typed 404s under /api', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<html>h5</html>');
    const app = await buildTestApp({ staticDir: dir });
    try {
      const page = await app.inject({ method: 'GET', url: '/pages/login/index' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('h5');
      const api = await app.inject({ method: 'GET', url: '/api/nope' });
      expect(api.statusCode).toBe(404);
      expect(api.json().code).toBe('NOT_FOUND');
    } finally {
      await app.close();
    }
  });
});
