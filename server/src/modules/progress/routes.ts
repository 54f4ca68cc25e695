import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EntryProgressSchema, ErrorBodySchema, OrgIdParamsSchema, ProgressSchema, ProgressSummarySchema } from '@tj/shared';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { entryProgressDetail, entryProgressWorkbook, progressSummary } from './entry';
import { entryProgress } from './service';

const errors = { 401: ErrorBodySchema, 403: ErrorBodySchema };

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
        response: { 200: ProgressSchema, ...errors },
      },
    },
    async (req) => entryProgress(app.db, req.orgContext.org),
  );

  app.get(
    '/orgs/:orgId/progress/entry',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '录入情况：各下级组织的管理员、注册码状态、团员、团干部、空团支部和信息完整度',
        params: OrgIdParamsSchema,
        response: { 200: EntryProgressSchema, ...errors },
      },
    },
    async (req) => entryProgressDetail(app.db, req.orgContext.org, app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/progress.xlsx',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { tags: ['orgs'], security: [{ bearer: [] }], summary: '下载录入情况（Excel）', params: OrgIdParamsSchema },
    },
    async (req, reply) => {
      const file = await entryProgressWorkbook(app.db, req.orgContext.org, app.clock.now());
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment(`${req.orgContext.org.shortName}-录入情况.xlsx`))
        .send(file);
    },
  );

  app.get(
    '/orgs/:orgId/progress/summary',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['orgs'],
        security: [{ bearer: [] }],
        summary: '录入情况提示（每日一次，由客户端记住当天是否已提示）',
        params: OrgIdParamsSchema,
        response: { 200: ProgressSummarySchema, ...errors },
      },
    },
    async (req) => progressSummary(app.db, req.orgContext.org),
  );
};
