import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminChangeRequestListSchema,
  DecisionSchema,
  ErrorBodySchema,
  ImportResultSchema,
  IssueResetCodeSchema,
  ResetCodeIssuedSchema,
  OrgIdParamsSchema,
  RequestParamsSchema,
  RosterEntryBodySchema,
  RosterItemSchema,
  RosterListSchema,
  RosterParamsSchema,
  SetAdminResultSchema,
  SetAdminSchema,
} from '@tj/shared';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { readXlsxUpload } from '../../lib/upload';
import { addEntry, decideAdminRequest, importRoster, listRoster, pendingAdminRequests, removeEntry, rosterTemplate, setAdmin, updateEntry } from './service';
import { issueResetCodeInSubtree } from './reset-code';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const secured = { security: [{ bearer: [] }], tags: ['roster'] };

export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireOrg('admin');
  // 001 annex 2 "组织管理员/组织运营者录入": an operator keeps its own org's roster (lib/policy.ts rosterKeeper)
  const keeper = app.requireOrg('operator');

  app.get(
    '/orgs/:orgId/roster',
    { onRequest: [keeper], schema: { ...secured, summary: '团干部名册', params: OrgIdParamsSchema, response: { 200: RosterListSchema, ...errors } } },
    async (req) => ({ items: await listRoster(app.db, app.pii, req.orgContext.org.id) }),
  );

  app.post(
    '/orgs/:orgId/roster',
    { onRequest: [keeper], schema: { ...secured, summary: '录入团干部', params: OrgIdParamsSchema, body: RosterEntryBodySchema, response: { 201: RosterItemSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await addEntry(app.db, app.pii, req.orgContext, req.orgContext.org, req.body)),
  );

  app.patch(
    '/orgs/:orgId/roster/:entryId',
    { onRequest: [keeper], schema: { ...secured, summary: '修改团干部信息（姓名、身份证号不可改）', params: RosterParamsSchema, response: { 200: RosterItemSchema, ...errors } } },
    async (req) => updateEntry(app.db, app.pii, req.orgContext, req.orgContext.org, Number(req.params.entryId), req.body),
  );

  app.delete(
    '/orgs/:orgId/roster/:entryId',
    { onRequest: [keeper], schema: { ...secured, summary: '移除团干部', params: RosterParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await removeEntry(app.db, req.orgContext, req.orgContext.org, Number(req.params.entryId));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/orgs/:orgId/roster/:entryId/admin',
    {
      onRequest: [admin],
      schema: { ...secured, summary: '设置/取消管理员（本级变更需上级审批）', params: RosterParamsSchema, body: SetAdminSchema, response: { 200: SetAdminResultSchema, ...errors } },
    },
    async (req) => setAdmin(app.db, app.pii, req.orgContext, req.orgContext.org, Number(req.params.entryId), req.body.isAdmin),
  );

  app.get(
    '/orgs/:orgId/admin-requests',
    { onRequest: [admin], schema: { ...secured, summary: '待审批的下级管理员变更', params: OrgIdParamsSchema, response: { 200: AdminChangeRequestListSchema, ...errors } } },
    async (req) => ({ items: await pendingAdminRequests(app.db, req.orgContext.org) }),
  );

  app.post(
    '/orgs/:orgId/admin-requests/:requestId/decision',
    { onRequest: [admin], schema: { ...secured, summary: '审批下级管理员变更', params: RequestParamsSchema, body: DecisionSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await decideAdminRequest(app.db, req.orgContext, req.orgContext.org, Number(req.params.requestId), req.body.approve, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get('/orgs/:orgId/roster/template.xlsx', { onRequest: [keeper], schema: { ...secured, summary: '团干部名册导入模板（Excel）', params: OrgIdParamsSchema } }, async (req, reply) =>
    reply
      .type(XLSX_MIME)
      .header('content-disposition', attachment('团干部名册导入模板.xlsx'))
      .send(await rosterTemplate(req.orgContext.org)),
  );

  app.post(
    '/orgs/:orgId/roster/import',
    {
      onRequest: [keeper],
      schema: {
        ...secured,
        summary: '从Excel导入团干部名册（全部成功或全部不导入）',
        consumes: ['multipart/form-data'],
        params: OrgIdParamsSchema,
        response: { 200: ImportResultSchema, ...errors },
      },
    },
    async (req) => importRoster(app.db, app.pii, req.orgContext, req.orgContext.org, await readXlsxUpload(req)),
  );

  app.post(
    '/orgs/:orgId/reset-codes',
    {
      onRequest: [admin],
      schema: {
        ...secured,
        summary: '为本组织及下级组织人员生成密码重置码（24小时内有效，一次性）',
        params: OrgIdParamsSchema,
        body: IssueResetCodeSchema,
        response: { 200: ResetCodeIssuedSchema, ...errors },
      },
    },
    async (req) => issueResetCodeInSubtree(app.db, { send: (phone, text) => app.sms.send(phone, text) }, req.orgContext, req.body.phone, app.clock.now()),
  );
};
