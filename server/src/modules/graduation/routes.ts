import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DelayedMemberListSchema,
  ErrorBodySchema,
  GraduationBranchDetailSchema,
  GraduationBranchListSchema,
  GraduationBranchParamsSchema,
  GraduationCorrectSchema,
  GraduationDelaySchema,
  GraduationMarkSchema,
  GraduationMemberParamsSchema,
  OrgIdParamsSchema,
} from '@tj/shared';
import { enqueue } from '../../jobs/queue';
import { JOB_GRADUATION, registerGraduationJobs } from './jobs';
import { branchDetail, correctMark, delayedMembers, deleteGraduateOrg, listGraduationBranches, markBranches, markDelayed, revokeDelayed } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const secured = { security: [{ bearer: [] }], tags: ['graduation'] };

/** 标记团支部毕业时间, 毕业生团组织, 延迟毕业 [004 §二(二)] (issue 16 part 1). */
export const graduationRoutes: FastifyPluginAsyncZod = async (app) => {
  registerGraduationJobs(app);

  // E2E only (ENABLE_TEST_ENDPOINTS): the year's 6 月 1 日 run now, through the durable queue.
  if (app.config.enableTestEndpoints) {
    app.post(
      '/test/graduation/convert',
      {
        schema: {
          tags: ['test'],
          summary: '（仅测试）立即执行某年的毕业生团组织转换任务',
          body: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
          response: { 202: z.null() },
        },
      },
      async (req, reply) => {
        await enqueue(app.db, JOB_GRADUATION, { year: req.body.year }, app.clock.now());
        app.jobs.kick();
        return reply.status(202).send(null);
      },
    );
  }

  app.get(
    '/orgs/:orgId/graduation/branches',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '下级团支部毕业时间标记', params: OrgIdParamsSchema, response: { 200: GraduationBranchListSchema, ...errors } } },
    async (req) => listGraduationBranches(app.db, req.orgContext),
  );

  app.post(
    '/orgs/:orgId/graduation/marks',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '标记团支部毕业时间（可批量，标记后不可自行取消）', params: OrgIdParamsSchema, body: GraduationMarkSchema, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await markBranches(app.db, req.orgContext, req.body, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/graduation/branches/:branchId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '毕业班团支部：团员与转接进度', params: GraduationBranchParamsSchema, response: { 200: GraduationBranchDetailSchema, ...errors } },
    },
    async (req) => branchDetail(app.db, req.orgContext, Number(req.params.branchId)),
  );

  app.put(
    '/orgs/:orgId/graduation/branches/:branchId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '上级更正团支部毕业时间', params: GraduationBranchParamsSchema, body: GraduationCorrectSchema, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await correctMark(app.db, req.orgContext, Number(req.params.branchId), req.body, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/orgs/:orgId/graduation/branches/:branchId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '删除团员已全部转出的毕业生团组织', params: GraduationBranchParamsSchema, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await deleteGraduateOrg(app.db, req.orgContext, Number(req.params.branchId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/graduation/delayed',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '延迟毕业团员列表', params: OrgIdParamsSchema, response: { 200: DelayedMemberListSchema, ...errors } } },
    async (req) => delayedMembers(app.db, req.orgContext),
  );

  app.put(
    '/orgs/:orgId/graduation/delayed/:memberId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '标记延迟毕业团员', params: GraduationMemberParamsSchema, body: GraduationDelaySchema, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await markDelayed(app.db, req.orgContext, Number(req.params.memberId), req.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/orgs/:orgId/graduation/delayed/:memberId',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '撤销延迟毕业团员', params: GraduationMemberParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await revokeDelayed(app.db, req.orgContext, Number(req.params.memberId));
      return reply.status(204).send(null);
    },
  );
};
