import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminCodeIssuedSchema,
  AdminCodeListSchema,
  AdminCodeLookupSchema,
  AdminCodeTargetSchema,
  AdminRegisterSchema,
  ErrorBodySchema,
  OrgChildParamsSchema,
  OrgIdParamsSchema,
  TokenResponseSchema,
} from '@tj/shared';
import { attachment, XLSX_MIME } from '../../lib/excel';
import { createTokenSigner } from '../auth/signer';
import { ancestorNames } from '../orgs/view';
import { ancestorIds } from '../../lib/org-path';
import { ensureCodes, exportWorkbook, issueCode, listCodes, lookupCode, registerAdminAndSignIn } from './service';
import { secretGuessRateLimit } from '../auth/rate-limit';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };

export const adminCodeRoutes: FastifyPluginAsyncZod = async (app) => {
  const signer = createTokenSigner(app, app.config);

  app.post(
    '/orgs/:orgId/children/:childId/admin-code',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['admin-codes'],
        security: [{ bearer: [] }],
        summary: '为直属下级组织生成（重新生成）管理员注册码，原未使用的注册码随即失效',
        params: OrgChildParamsSchema,
        response: { 200: AdminCodeIssuedSchema, ...errors },
      },
    },
    async (req) => issueCode(app.db, { pii: app.pii }, req.orgContext, req.orgContext.org, Number(req.params.childId), app.clock.now()),
  );

  // Issue 12 item 12 / 13 item 2: exporting is two requests — the POST issues codes where
  // none is in force (the only state change), the GET reads the sheet of the codes in force,
  // so a GET changes nothing and the weapp's downloadFile (GET only) still fetches the file.
  app.get(
    '/orgs/:orgId/admin-codes',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { tags: ['admin-codes'], security: [{ bearer: [] }], summary: '直属下级组织有效的管理员注册码', params: OrgIdParamsSchema, response: { 200: AdminCodeListSchema, ...errors } },
    },
    async (req) => listCodes(app.db, { pii: app.pii }, req.orgContext.org, app.clock.now()),
  );

  app.post(
    '/orgs/:orgId/admin-codes/export',
    {
      onRequest: [app.requireOrg('admin')],
      schema: {
        tags: ['admin-codes'],
        security: [{ bearer: [] }],
        summary: '准备导出：为尚无有效注册码的直属下级组织生成注册码（已有的保持有效）',
        params: OrgIdParamsSchema,
        response: { 200: AdminCodeListSchema, ...errors },
      },
    },
    async (req) => ensureCodes(app.db, { pii: app.pii }, req.orgContext, req.orgContext.org, app.clock.now()),
  );

  app.get(
    '/orgs/:orgId/admin-codes.xlsx',
    {
      onRequest: [app.requireOrg('admin')],
      schema: { tags: ['admin-codes'], security: [{ bearer: [] }], summary: '导出直属下级组织有效的管理员注册码（Excel，只读）', params: OrgIdParamsSchema },
    },
    async (req, reply) => {
      const file = await exportWorkbook(app.db, { pii: app.pii }, req.orgContext.org, app.clock.now());
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', attachment(`${req.orgContext.org.shortName}-管理员注册码.xlsx`))
        .send(file);
    },
  );

  app.post(
    '/admin-codes/lookup',
    {
      config: secretGuessRateLimit(app.config),
      schema: { tags: ['admin-codes'], summary: '查询注册码所属组织（注册前确认）', body: AdminCodeLookupSchema, response: { 200: AdminCodeTargetSchema, ...errors } },
    },
    async (req) => {
      const { org } = await lookupCode(app.db, app.pii, req.body.code, app.clock.now());
      const names = await ancestorNames(app.db, [org]);
      return {
        orgId: String(org.id),
        shortName: org.shortName,
        fullName: org.fullName ?? org.shortName,
        type: org.type,
        pathNames: ancestorIds(org.path).map((id) => names.get(id) ?? ''),
      };
    },
  );

  app.post(
    '/auth/admin-register',
    {
      config: secretGuessRateLimit(app.config),
      schema: { tags: ['admin-codes'], summary: '使用管理员注册码注册', body: AdminRegisterSchema, response: { 200: TokenResponseSchema, ...errors } },
    },
    async (req) => registerAdminAndSignIn(app.db, { pii: app.pii, verifier: app.realName }, signer, req.body, app.clock.now()),
  );
};
