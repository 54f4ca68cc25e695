import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema, MemberHomeSchema } from '@tj/shared';
import { memberHome } from './service';

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/home',
    {
      onRequest: [app.requireMemberRecord],
      schema: {
        tags: ['member'],
        security: [{ bearer: [] }],
        summary: '团员首页：认证资料与我的组织（报到审核通过后）',
        response: { 200: MemberHomeSchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req) => memberHome(app.db, app.pii, req.memberCheckin),
  );
};
