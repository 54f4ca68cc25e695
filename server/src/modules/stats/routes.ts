import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema, OrgIdParamsSchema } from '@tj/shared';
import { SubtreeStatsSchema } from './schemas';
import { subtreeStats } from './service';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/stats',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '统计：本组织及下级的报到状态、年龄、民族、学历分布和录入进度',
        params: OrgIdParamsSchema,
        response: { 200: SubtreeStatsSchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (req) => subtreeStats(app.db, req.orgContext.org, app.clock.now()),
  );
};
