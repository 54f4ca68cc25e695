import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema, OrgIdParamsSchema, TaskCountsSchema, TaskListQuerySchema, TaskListSchema } from '@tj/shared';
import { taskCounts, taskList } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const tags = ['task center'];

/** 操作中心: what waits for the caller in :orgId (any onboarded cadre; each source filters by role). */
export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/tasks',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: '操作中心：待办事项（最早的在前）',
        params: OrgIdParamsSchema,
        querystring: TaskListQuerySchema,
        response: { 200: TaskListSchema, ...errors },
      },
    },
    async (req) => taskList(app, req.orgContext, req.query.limit, app.clock.now()),
  );
  app.get(
    '/orgs/:orgId/tasks/counts',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { tags, security: [{ bearer: [] }], summary: '操作中心：各类待办数量（首页角标）', params: OrgIdParamsSchema, response: { 200: TaskCountsSchema, ...errors } },
    },
    async (req) => taskCounts(app, req.orgContext),
  );
};
