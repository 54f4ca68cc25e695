import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthSchema } from '@tj/shared';
import { publicRateLimit } from '../auth/rate-limit';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    // load balancers poll it from a few addresses: a wider budget
    { config: publicRateLimit(app.config, 5), schema: { tags: ['system'], summary: '服务与数据库状态', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_req, reply) => {
      // issue 19: which database node this instance uses, and whether Galera there is ready
      const { up, node, wsrepReady } = await app.dbStatus();
      const ok = up && wsrepReady !== false;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db: up ? 'up' : 'down', dbNode: node, wsrepReady });
    },
  );
};
