import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BranchSearchQuerySchema,
  ErrorBodySchema,
  ImportResultSchema,
  MyOrgListSchema,
  OrgChildParamsSchema,
  OrgCreateSchema,
  OrgDetailSchema,
  OrgIdParamsSchema,
  OrgListSchema,
  OrgSearchPageSchema,
  OrgSummarySchema,
  OrgUpdateSchema,
} from '@tj/shared';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { isDuplicate } from '../../lib/mysql-errors';
import { readXlsxUpload } from '../../lib/upload';
import { AppError } from '../../errors';
import { branchesWithin } from '../checkins/org-search';
import { importOrgs, orgTemplate } from './import';
import { createChild, deleteChild, getOrgDetail, listChildren, myOrgs, updateOrg } from './service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const secured = { security: [{ bearer: [] }], tags: ['orgs'] };

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/me/orgs', { onRequest: [app.authenticate], schema: { ...secured, summary: '我任职的组织', response: { 200: MyOrgListSchema, 401: ErrorBodySchema } } }, async (req) => ({
    items: await myOrgs(app.db, Number(req.user.sub)),
  }));

  app.get(
    '/orgs/:orgId',
    { onRequest: [app.requireOrg('cadre')], schema: { ...secured, summary: '组织信息', params: OrgIdParamsSchema, response: { 200: OrgDetailSchema, ...errors } } },
    async (req) => getOrgDetail(app.db, app.pii, req.orgContext.org),
  );

  app.patch(
    '/orgs/:orgId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '修改组织信息（简称、全称、类别、行业不可改）', params: OrgIdParamsSchema, body: OrgUpdateSchema, response: { 200: OrgDetailSchema, ...errors } },
    },
    async (req) => updateOrg(app.db, app.pii, req.orgContext, req.orgContext.org, req.body),
  );

  app.get(
    '/orgs/:orgId/children',
    { onRequest: [app.requireOrg('cadre')], schema: { ...secured, summary: '直属下级组织', params: OrgIdParamsSchema, response: { 200: OrgListSchema, ...errors } } },
    async (req) => ({ items: await listChildren(app.db, req.orgContext.org.id) }),
  );

  // issue 13 item 6: pickers of a subtree's branches search and page instead of listing them all.
  app.get(
    '/orgs/:orgId/branches',
    {
      onRequest: [app.requireOrg('cadre')],
      schema: {
        ...secured,
        summary: '本组织下级团支部（按名称搜索、分页）',
        params: OrgIdParamsSchema,
        querystring: BranchSearchQuerySchema,
        response: { 200: OrgSearchPageSchema, ...errors },
      },
    },
    async (req) => branchesWithin(app.db, req.orgContext.org, req.query.q, req.query.offset, req.query.limit),
  );

  app.post(
    '/orgs/:orgId/children',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '新建下级组织', params: OrgIdParamsSchema, body: OrgCreateSchema, response: { 201: OrgSummarySchema, 409: ErrorBodySchema, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await createChild(app.db, app.pii, req.orgContext, req.orgContext.org, req.body)),
  );

  app.delete(
    '/orgs/:orgId/children/:childId',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { ...secured, summary: '删除空的下级组织', params: OrgChildParamsSchema, response: { 204: z.null(), 409: ErrorBodySchema, ...errors } },
    },
    async (req, reply) => {
      await deleteChild(app.db, req.orgContext, req.orgContext.org, Number(req.params.childId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/orgs/:orgId/import/template.xlsx',
    { onRequest: [app.requireOrg('admin')], schema: { ...secured, summary: '下级组织导入模板（Excel）', params: OrgIdParamsSchema } },
    async (req, reply) =>
      reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment('下级组织导入模板.xlsx'))
        .send(await orgTemplate(req.orgContext.org)),
  );

  app.post(
    '/orgs/:orgId/import',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        ...secured,
        summary: '从Excel批量导入下级组织（全部成功或全部不导入）',
        consumes: ['multipart/form-data'],
        params: OrgIdParamsSchema,
        response: { 200: ImportResultSchema, ...errors },
      },
    },
    async (req) => {
      const file = await readXlsxUpload(req);
      try {
        return await importOrgs(app.db, app.pii, req.orgContext, req.orgContext.org, file);
      } catch (err) {
        if (isDuplicate(err)) throw new AppError('ORG_NAME_TAKEN', 'shortName');
        throw err;
      }
    },
  );
};
