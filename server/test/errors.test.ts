import { ErrorMessages } from '@tj/shared';
import { buildApp } from '../src/app';
import { testConfig } from './helper';

describe('error handler', () => {
  const build = async () => {
    const app = await buildApp(testConfig(), { logger: false });
    app.get('/api/__boom', async () => {
      throw new Error('secret internals: password=hunter2');
    });
    await app.ready();
    return app;
  };

  it('hides internals on 5xx', async () => {
    const app = await build();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/__boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'INTERNAL', message: ErrorMessages.INTERNAL });
      expect(res.body).not.toContain('hunter2');
    } finally {
      await app.close();
    }
  });

  it('answers unknown API routes with a typed 404', async () => {
    const app = await build();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: ErrorMessages.NOT_FOUND });
    } finally {
      await app.close();
    }
  });

  it('answers malformed JSON with a typed 400', async () => {
    const app = await build();
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"phone":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    } finally {
      await app.close();
    }
  });
});
