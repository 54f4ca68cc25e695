import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema, OrgIdParamsSchema, ProgressSchema } from '@tj/shared';
import { entryProgress } from './service';

export const progressRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/progress',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '录入进度：直属下级组织及各层级',
        params: OrgIdParamsSchema,
        response: { 200: ProgressSchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (req) => entryProgress(app.db, req.orgContext.org),
  );
};
