import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListSchema, ErrorBodySchema, OrgIdParamsSchema, PageQuerySchema } from '@tj/shared';
import { listAudit } from './service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/audit',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '操作日志（本组织及下级组织）',
        params: OrgIdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: AuditListSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (req) => listAudit(app.db, req.orgContext.org, req.query.cursor, req.query.limit),
  );
};
