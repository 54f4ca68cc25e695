import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema, OrgIdParamsSchema, StatsOverviewSchema, StatsReconcileSchema, SubtreeStatsSchema } from '@tj/shared';
import { AppError } from '../../errors';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { statsOverview, statsWorkbook } from './overview';
import { reconcileRuns, registerStatsJobs } from './reconcile';
import { subtreeStats } from './service';

const errors = { 401: ErrorBodySchema, 403: ErrorBodySchema };

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  registerStatsJobs(app);

  app.get(
    '/orgs/:orgId/stats',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '统计：本组织及下级的报到状态、年龄、民族、学历分布和录入进度',
        params: OrgIdParamsSchema,
        response: { 200: SubtreeStatsSchema, ...errors },
      },
    },
    async (req) => subtreeStats(app.db, req.orgContext.org, app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/stats/overview',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '统计页：各项分布、新发展团员（已认证）、组织关系转接和下级组织',
        params: OrgIdParamsSchema,
        response: { 200: StatsOverviewSchema, ...errors },
      },
    },
    async (req) => statsOverview(app.db, req.orgContext.org, app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/stats.xlsx',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: { tags: ['orgs'], security: [{ bearer: [] }], summary: '导出统计（Excel）', params: OrgIdParamsSchema },
    },
    async (req, reply) => {
      const file = await statsWorkbook(app.db, req.orgContext.org, app.clock.now());
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment(`${req.orgContext.org.shortName}-团员统计.xlsx`))
        .send(file);
    },
  );

  app.get(
    '/orgs/:orgId/stats/reconcile',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '统计核对记录（省级管理员）',
        params: OrgIdParamsSchema,
        response: { 200: StatsReconcileSchema, ...errors },
      },
    },
    async (req) => {
      // the whole province's counters: its top org's admins (and ops, in the database) only
      if (req.orgContext.org.parentId != null) throw new AppError('FORBIDDEN');
      return reconcileRuns(app.db);
    },
  );
};
