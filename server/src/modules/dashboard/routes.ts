import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CadreDashboardSchema, ErrorBodySchema, MemberListSchema, MemberSearchQuerySchema, OrgIdParamsSchema } from '@tj/shared';
import { dashboard, searchMembers } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };
const secured = { tags: ['cadre'], security: [{ bearer: [] }] };

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/dashboard',
    { onRequest: [app.requireOrg('cadre')], schema: { ...secured, summary: '团干部首页：当前组织的统计', params: OrgIdParamsSchema, response: { 200: CadreDashboardSchema, ...errors } } },
    async (req) => dashboard(app.db, req.orgContext),
  );

  app.get(
    '/orgs/:orgId/members',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        ...secured,
        summary: '团员查询（姓名/手机号/身份证号，本组织及下级）',
        params: OrgIdParamsSchema,
        querystring: MemberSearchQuerySchema,
        response: { 200: MemberListSchema, ...errors },
      },
    },
    async (req) => searchMembers(app.db, app.pii, req.orgContext, req.query.q, req.query.cursor ? Number(req.query.cursor) : undefined, req.query.limit, req.query),
  );
};
